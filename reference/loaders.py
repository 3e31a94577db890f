"""Load and validate the shipped reference CSV files into frozen records."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple, TypeVar

from reference.records import (
    Appellation,
    Commune,
    NafCode,
    NafRome,
    Pole,
    PoleCommune,
    RomeCode,
    RomeDomain,
    RomeSynonym,
)
from reference.rows import UniqueKeys, read_rows

REFERENCE_DIR = Path(__file__).resolve().parent
PathLike = str | os.PathLike[str] | None
T = TypeVar("T")

ROME_CODE = r"[A-N]\d{4}"
ROME_DOMAIN = r"[A-N](\d{2})?"
INSEE = r"\d[\dAB]\d{3}"
DEPARTEMENT = r"\d{2}|2A|2B|97\d"
POSTAL_CODES = r"\d{5}( \d{5})*"
NAF = r"\d{2}(\.\d{1,2}[A-Z]?)?"  # division "49", group "49.4", class "49.41", "49.41A"
POLE_CODE = r"[IVX]+"
COMMUNE_KINDS = ("commune", "arrondissement")


def _path(path: PathLike, default_name: str) -> Path:
    return Path(path) if path is not None else REFERENCE_DIR / default_name


def _code_labels(path: Path, what: str, pattern: str, record: type[T]) -> list[T]:
    """A `code,label` file: each code matching `pattern`, once, with a label."""
    seen = UniqueKeys(what)
    records = []
    for row in read_rows(path, ("code", "label")):
        code = row.matching("code", what, pattern)
        seen.add(row, code, code)
        records.append(record(code, row.text("label", "libellé")))
    return records


def load_rome(path: PathLike = None) -> list[RomeCode]:
    """ROME 4.0 fiches (rome.csv: code,label)."""
    return _code_labels(_path(path, "rome.csv"), "code ROME", ROME_CODE, RomeCode)


def load_rome_domains(path: PathLike = None) -> list[RomeDomain]:
    """Grands domaines and domaines professionnels (rome_domains.csv: code,label)."""
    return _code_labels(_path(path, "rome_domains.csv"), "code de domaine", ROME_DOMAIN, RomeDomain)


def load_appellations(path: PathLike = None) -> list[Appellation]:
    """The official ROME 4.0 job titles (appellations.csv: code_ogr,label,rome_code)."""
    seen = UniqueKeys("code OGR")
    records = []
    for row in read_rows(_path(path, "appellations.csv"), ("code_ogr", "label", "rome_code")):
        ogr = row.matching("code_ogr", "code OGR", r"\d+")
        seen.add(row, ogr, ogr)
        records.append(Appellation(ogr, row.text("label", "appellation"),
                                   row.matching("rome_code", "code ROME", ROME_CODE)))
    return records


def load_synonyms(path: PathLike = None) -> list[RomeSynonym]:
    """Everyday job names (rome_synonyms.csv: term,rome_code); a term may name several codes."""
    seen = UniqueKeys("synonyme")
    records = []
    for row in read_rows(_path(path, "rome_synonyms.csv"), ("term", "rome_code")):
        term = row.text("term", "terme")
        code = row.matching("rome_code", "code ROME", ROME_CODE)
        seen.add(row, (term, code), f"{term} → {code}")
        records.append(RomeSynonym(term, code))
    return records


def load_communes(path: PathLike = None) -> list[Commune]:
    """Communes and Marseille arrondissements with centroid and area (communes.csv)."""
    header = (
        "insee",
        "name",
        "kind",
        "parent_insee",
        "departement",
        "postal_codes",
        "population",
        "area_km2",
        "lat",
        "lon",
    )
    seen = UniqueKeys("code INSEE")
    records = []
    for row in read_rows(_path(path, "communes.csv"), header):
        insee = row.matching("insee", "code INSEE", INSEE)
        seen.add(row, insee, insee)
        kind = row.choice("kind", "type", COMMUNE_KINDS)
        parent = row.optional("parent_insee")
        if kind == "arrondissement" and parent is None:
            row.fail("commune parente vide pour un arrondissement")
        if kind == "commune" and parent is not None:
            row.fail(f"commune parente « {parent} » renseignée pour une commune")
        if parent is not None:
            parent = row.matching("parent_insee", "commune parente", INSEE)
        postal = row.optional("postal_codes")
        if postal is not None:
            postal = row.matching("postal_codes", "codes postaux", POSTAL_CODES)
        records.append(
            Commune(
                insee=insee,
                name=row.text("name", "nom"),
                kind=kind,
                parent_insee=parent,
                departement=row.matching("departement", "département", DEPARTEMENT),
                postal_codes=tuple(postal.split()) if postal else (),
                population=row.integer("population", "population"),
                area_km2=row.number("area_km2", "surface", 0.01, 10_000.0),
                lat=row.number("lat", "latitude", 41.0, 51.5),
                lon=row.number("lon", "longitude", -5.5, 10.0),
            )
        )
    return records


def load_naf(path: PathLike = None) -> list[NafCode]:
    """NAF rév. 2 codes and labels (naf.csv: code,label)."""
    return _code_labels(_path(path, "naf.csv"), "code NAF", NAF, NafCode)


def load_naf_rome(path: PathLike = None) -> list[NafRome]:
    """ROME codes employed per NAF division (naf_rome.csv: naf_division,rome_code)."""
    seen = UniqueKeys("couple")
    records = []
    for row in read_rows(_path(path, "naf_rome.csv"), ("naf_division", "rome_code")):
        division = row.matching("naf_division", "division NAF", r"\d{2}")
        code = row.matching("rome_code", "code ROME", ROME_CODE)
        seen.add(row, (division, code), f"{division} → {code}")
        records.append(NafRome(division, code))
    return records


def load_poles(path: PathLike = None) -> list[Pole]:
    """The pôles d'insertion (poles.csv: code,name,territory)."""
    seen = UniqueKeys("code de pôle")
    records = []
    for row in read_rows(_path(path, "poles.csv"), ("code", "name", "territory")):
        code = row.matching("code", "code de pôle", POLE_CODE)
        seen.add(row, code, code)
        records.append(Pole(code, row.text("name", "nom"), row.text("territory", "territoire")))
    return records


def load_pole_communes(path: PathLike = None) -> list[PoleCommune]:
    """The pôle of each commune or Marseille arrondissement (pole_communes.csv)."""
    seen = UniqueKeys("code INSEE")
    records = []
    for row in read_rows(_path(path, "pole_communes.csv"), ("insee", "pole_code")):
        insee = row.matching("insee", "code INSEE", INSEE)
        seen.add(row, insee, insee)
        records.append(PoleCommune(insee, row.matching("pole_code", "code de pôle", POLE_CODE)))
    return records


class PostalPlace(NamedTuple):
    """A place finer than its commune (a village of Arles), known by its postal code."""

    insee: str
    postal_code: str
    name: str
    lat: float
    lon: float
    area_km2: float


def load_postal_places(path: PathLike = None) -> list[PostalPlace]:
    """The places finer than a commune (postal_places.csv)."""
    header = ("insee", "postal_code", "name", "lat", "lon", "area_km2")
    seen = UniqueKeys("code postal")
    records = []
    for row in read_rows(_path(path, "postal_places.csv"), header):
        insee = row.matching("insee", "code INSEE", INSEE)
        postal = row.matching("postal_code", "code postal", POSTAL_CODES)
        seen.add(row, (insee, postal), f"{insee} {postal}")
        records.append(PostalPlace(insee, postal, row.text("name", "nom"),
                                   row.number("lat", "latitude", 41.0, 51.5),
                                   row.number("lon", "longitude", -5.5, 10.0),
                                   row.number("area_km2", "surface", 0.01, 10_000.0)))
    return records
