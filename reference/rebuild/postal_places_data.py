"""Places finer than a commune, keyed by postal code, where a commune is too large for one
centroid: the villages of Arles (755 km², the largest commune of metropolitan France), each
with its own postal code. Hand-kept: approximate centre of each village's built-up area read
off the IGN map (± 300 m), area of that built-up area rounded (the intra-place distance only
needs its order of magnitude). A postal code shared by several villages (13280: Raphèle-lès-
Arles and Moulès) takes the larger one.
"""

POSTAL_PLACES_HEADER = ("insee", "postal_code", "name", "lat", "lon", "area_km2")
POSTAL_PLACES: tuple[tuple[str, str, str, float, float, float], ...] = (
    ("13004", "13200", "Arles (ville)", 43.6766, 4.6303, 8.0),
    ("13004", "13129", "Salin-de-Giraud", 43.4117, 4.7292, 2.0),
    ("13004", "13280", "Raphèle-lès-Arles, Moulès", 43.6103, 4.7397, 2.5),
    ("13004", "13104", "Mas-Thibert", 43.5575, 4.7206, 1.0),
)


def build_postal_place_rows() -> list[list[str]]:
    """The CSV rows, in postal-code order."""
    return [[insee, postal, name, f"{lat:.4f}", f"{lon:.4f}", f"{area:.1f}"]
            for insee, postal, name, lat, lon, area in sorted(POSTAL_PLACES, key=lambda p: p[1])]
