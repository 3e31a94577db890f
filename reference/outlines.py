"""Read commune_outlines.csv: the simplified outlines the SVG maps draw (lon, lat points)."""

from __future__ import annotations

import csv
import re

from reference.loaders import INSEE, REFERENCE_DIR, PathLike, _path
from reference.rows import ReferenceDataError

Outline = tuple[tuple[tuple[float, float], ...], ...]  # rings of (lon, lat) points
_POINT = re.compile(r"-?\d{1,3}\.\d{4} -?\d{1,2}\.\d{4}")


def load_outlines(path: PathLike = None) -> dict[str, Outline]:
    """Outline by INSEE code; a malformed row names its line."""
    source = _path(path, "commune_outlines.csv")
    outlines: dict[str, Outline] = {}
    with source.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            insee, text = row.get("insee") or "", row.get("rings") or ""
            if not re.fullmatch(INSEE, insee) or insee in outlines:
                raise ReferenceDataError(source.name, line,
                                         f"code INSEE « {insee} » invalide ou en double")
            rings = []
            for ring in text.split(";"):
                points = ring.split(",")
                if len(points) < 4 or not all(_POINT.fullmatch(point) for point in points):
                    raise ReferenceDataError(source.name, line, "contour illisible")
                rings.append(tuple((float(lon), float(lat)) for lon, lat in
                                   (point.split(" ") for point in points)))
            outlines[insee] = tuple(rings)
    return outlines


__all__ = ["REFERENCE_DIR", "Outline", "load_outlines"]
