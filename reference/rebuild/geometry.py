"""Area and centroid of WKB (multi)polygons in longitude/latitude, on a local projection."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
Ring = list[tuple[float, float]]  # (lon, lat) points
Polygon = list[Ring]  # exterior ring first, then holes

_POLYGON = 3
_MULTIPOLYGON = 6
_SRID_FLAG = 0x20000000


@dataclass(frozen=True)
class Footprint:
    """Surface in km² and area-weighted centroid of a commune."""

    area_km2: float
    lat: float
    lon: float


def parse_wkb(data: bytes) -> list[Polygon]:
    """Read a WKB or EWKB Polygon/MultiPolygon into a list of polygons."""
    polygons, _ = _read_geometry(data, 0)
    return polygons


def _read_geometry(data: bytes, offset: int) -> tuple[list[Polygon], int]:
    order = "<" if data[offset] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", data, offset + 1)
    offset += 5
    if kind & _SRID_FLAG:
        offset += 4
    kind &= 0xFFFF
    if kind == _POLYGON:
        polygon, offset = _read_polygon(data, offset, order)
        return [polygon], offset
    if kind == _MULTIPOLYGON:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        polygons: list[Polygon] = []
        for _ in range(count):
            parts, offset = _read_geometry(data, offset)
            polygons.extend(parts)
        return polygons, offset
    raise ValueError(f"unsupported WKB geometry type {kind}")


def _read_polygon(data: bytes, offset: int, order: str) -> tuple[Polygon, int]:
    (ring_count,) = struct.unpack_from(order + "I", data, offset)
    offset += 4
    rings: Polygon = []
    for _ in range(ring_count):
        (point_count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        values = struct.unpack_from(order + "d" * (2 * point_count), data, offset)
        offset += 16 * point_count
        rings.append(list(zip(values[0::2], values[1::2])))
    return rings, offset


def footprint(polygons: list[Polygon]) -> Footprint:
    """Area (km²) and centroid using a local equirectangular projection around the bbox centre.

    x = R·cos(lat0)·Δlon, y = R·Δlat (radians): for a commune-sized shape (under 1° across)
    areas are within a fraction of a percent of the ellipsoidal value, enough for densities.
    """
    points = [point for polygon in polygons for ring in polygon for point in ring]
    lon0 = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
    lat0 = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
    kx = EARTH_RADIUS_KM * math.cos(math.radians(lat0)) * math.pi / 180
    ky = EARTH_RADIUS_KM * math.pi / 180
    total_area = total_x = total_y = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area, cx, cy = _ring_moments(
                [((lon - lon0) * kx, (lat - lat0) * ky) for lon, lat in ring]
            )
            # Exterior rings add, holes subtract, whatever their winding order.
            sign = 1.0 if index == 0 else -1.0
            weight = sign * abs(area)
            total_area += weight
            total_x += weight * cx
            total_y += weight * cy
    if total_area <= 0:
        raise ValueError("degenerate geometry with no area")
    return Footprint(
        area_km2=total_area,
        lat=lat0 + total_y / total_area / ky,
        lon=lon0 + total_x / total_area / kx,
    )


def _ring_moments(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid of one closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        return 0.0, 0.0, 0.0
    return area, cx / (6 * area), cy / (6 * area)
