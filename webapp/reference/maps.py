"""Maps of the Bouches-du-Rhône drawn on the server as inline SVG, like the dashboard's
charts: the commune outlines shipped in reference/commune_outlines.csv, no tile server, no
internet, no script. Each commune is shaded by its figure in five steps (none, then four
classes up to the largest value); a masked figure (small-cell rule) is hatched, never shaded
to scale. Every map carries a <title>, a <desc> and an aria-label, each commune a <title>
read on hover, and the page shows the same figures as a table behind "Voir les chiffres"
(templates/reference/_map.html), so nothing rests on the picture or on colour alone."""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from reference.outlines import load_outlines
from webapp.core.formatting import number_fr

WIDTH = 640
MARGIN = 6
LEGEND = 46
KM_PER_DEGREE = 111.195  # mean Earth radius × π / 180
# Light to dark, each class darker than the one before; outlines in white keep them apart.
SHADES = ("#f2f4f8", "#c9d5ef", "#8fa9dd", "#4c6fbd", "#1f3c88")


@dataclass(frozen=True)
class Figure:
    """A commune's figure: its value for the shade (None when masked) and its text."""

    value: float | None
    text: str


@dataclass(frozen=True)
class Circle:
    """A circle drawn over the map, e.g. the search radius around a commune."""

    lat: float
    lon: float
    km: float
    label: str


@dataclass(frozen=True)
class _Frame:
    lon0: float
    lat0: float
    scale: float  # pixels per degree of latitude
    cos: float
    height: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (MARGIN + (lon - self.lon0) * self.scale * self.cos,
                MARGIN + (self.lat0 - lat) * self.scale)


@lru_cache(maxsize=1)
def _frame() -> _Frame:
    points = [p for rings in load_outlines().values() for ring in rings for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    cos = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * cos)
    return _Frame(west, north, scale, cos, (north - south) * scale + 2 * MARGIN)


@lru_cache(maxsize=1)
def _paths() -> dict[str, str]:
    """The SVG path of each commune, projected once per process."""
    frame, paths = _frame(), {}
    for insee, rings in load_outlines().items():
        parts = []
        for ring in rings:
            points = [frame.point(lon, lat) for lon, lat in ring]
            # Whole pixels, and the implicit line-to of SVG after a move: about 10 bytes a point.
            parts.append("M" + " ".join(f"{x:.0f},{y:.0f}" for x, y in points) + "Z")
        paths[insee] = "".join(parts)
    return paths


@lru_cache(maxsize=1)
def map_communes() -> frozenset[str]:
    """The INSEE codes the map draws (communes, and Marseille as its arrondissements); read
    once per process, like the outlines' paths."""
    return frozenset(load_outlines())


def classes(values: list[float]) -> tuple[float, ...]:
    """Upper bounds of the four shaded classes: quarters of the largest value, rounded up."""
    top = max(values, default=0)
    if top <= 0:
        return ()
    bounds = []
    for quarter in (1, 2, 3, 4):
        bound = math.ceil(top * quarter / 4)
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return tuple(bounds)


def _shade(value: float, bounds: tuple[float, ...]) -> str:
    if value <= 0 or not bounds:
        return SHADES[0]
    for index, bound in enumerate(bounds):
        if value <= bound:
            return SHADES[index + 1 + (4 - len(bounds))]
    return SHADES[-1]


def _legend(map_id: str, bounds: tuple[float, ...], unit: str, masked: bool, top: float) -> str:
    items = [("0", SHADES[0])]
    low = 1
    for index, bound in enumerate(bounds):
        text = number_fr(bound) if bound == low else f"{number_fr(low)} à {number_fr(bound)}"
        items.append((text, SHADES[index + 1 + (4 - len(bounds))]))
        low = bound + 1
    parts, x = [], MARGIN
    for text, colour in items:
        parts.append(f'<rect x="{x}" y="{top + 8}" width="14" height="14" fill="{colour}" '
                     f'stroke="#555" stroke-width=".5"/><text x="{x + 18}" y="{top + 19}" '
                     f'class="axis">{escape(text)}</text>')
        x += 28 + 7 * len(text)
    if masked:
        parts.append(f'<rect x="{x}" y="{top + 8}" width="14" height="14" fill="url(#{map_id}-masked)" '
                     f'stroke="#555" stroke-width=".5"/><text x="{x + 18}" y="{top + 19}" '
                     'class="axis">masqué (&lt; 5)</text>')
    parts.append(f'<text x="{MARGIN}" y="{top + 38}" class="axis">{escape(unit)}</text>')
    return "".join(parts)


def _svg(map_id: str, title: str, description: str, fills: Mapping[str, str],
         titles: Mapping[str, str], overlay: str, legend: str, legend_height: float = LEGEND) -> Markup:
    frame, paths = _frame(), _paths()
    shapes = "".join(f'<path d="{path}" fill="{fills.get(insee, SHADES[0])}" data-insee="{insee}">'
                     f"<title>{escape(titles[insee])}</title></path>" for insee, path in paths.items())
    return Markup(
        f'<svg class="chart map" id="{map_id}" viewBox="0 0 {WIDTH} {frame.height + legend_height:.0f}" '
        f'role="img" aria-label="{escape(title)}" aria-describedby="{map_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{map_id}-title">{escape(title)}</title>'
        f'<desc id="{map_id}-desc">{escape(description)}</desc>'
        f'<defs><pattern id="{map_id}-masked" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#fff"/><path d="M0 6 L6 0" stroke="#555" '
        f'stroke-width="1.2"/></pattern></defs>'
        f'<g class="communes" stroke="#fff" stroke-width=".6" stroke-linejoin="round">{shapes}</g>'
        f"{overlay}{legend}</svg>"
    )


def commune_map(map_id: str, title: str, description: str, figures: Mapping[str, Figure],
                names: Mapping[str, str], unit: str, circle: Circle | None = None) -> Markup:
    """The département with each commune shaded by its figure; communes without a figure
    are drawn empty. `names` gives the French name of every commune drawn."""
    frame = _frame()
    bounds = classes([f.value for f in figures.values() if f.value is not None])
    masked = any(f.value is None for f in figures.values())
    fills, titles = {}, {}
    for insee in _paths():
        figure = figures.get(insee)
        fills[insee] = (f"url(#{map_id}-masked)" if figure and figure.value is None
                        else _shade(figure.value if figure else 0, bounds))
        titles[insee] = f"{names.get(insee, insee)} : {figure.text if figure else '0'}"
    overlay = ""
    if circle is not None:
        x, y = frame.point(circle.lon, circle.lat)
        radius = circle.km / KM_PER_DEGREE * frame.scale
        overlay = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="none" stroke="#b35900" '
                   f'stroke-width="2.5" stroke-dasharray="6 4" class="radius"/>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#b35900"/>'
                   f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" class="map-label">{escape(circle.label)}</text>')
    return _svg(map_id, title, description, fills, titles, overlay,
                _legend(map_id, bounds, unit, masked, frame.height))


# Colours of the categories of a category map (3:1 or more against white), in legend order.
CATEGORY_COLOURS = ("#1f3c88", "#1b6e3a", "#b35900", "#6b2c91", "#00707a", "#7a5c00")


def category_map(map_id: str, title: str, description: str, categories: Mapping[str, str],
                 order: list[str], names: Mapping[str, str], details: Mapping[str, str],
                 counts: Mapping[str, int], centres: Mapping[str, tuple[float, float]]) -> Markup:
    """Communes filled by a category (legend in `order`), with a numbered disc on each
    commune of `counts` (e.g. offers in reach) at its centre (lat, lon)."""
    frame = _frame()
    colours = {label: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, label in enumerate(order)}
    fills = {insee: colours[label] for insee, label in categories.items() if label in colours}
    titles = {insee: f"{names.get(insee, insee)} : {details.get(insee, 'hors de portée')}"
              for insee in _paths()}
    marks = []
    for insee, n in sorted(counts.items()):
        if insee in centres and n > 0:
            x, y = frame.point(centres[insee][1], centres[insee][0])
            marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{7 + 2 * math.sqrt(n):.1f}" fill="#fff" '
                         f'stroke="#1e1e1e" class="count"/><text x="{x:.1f}" y="{y + 4:.1f}" '
                         f'text-anchor="middle" class="map-count">{number_fr(n)}</text>')
    items, x, y = [], MARGIN, frame.height
    for label in [*order, "hors de portée"]:
        if x + 28 + 7 * len(label) > WIDTH:
            x, y = MARGIN, y + 20
        colour = colours.get(label, SHADES[0])
        items.append(f'<rect x="{x}" y="{y + 8}" width="14" height="14" fill="{colour}" '
                     f'stroke="#555" stroke-width=".5"/><text x="{x + 18}" y="{y + 19}" '
                     f'class="axis">{escape(label)}</text>')
        x += 28 + 7 * len(label)
    items.append(f'<text x="{MARGIN}" y="{y + 38}" class="axis">Chiffre dans un '
                 "disque : offres à portée dans la commune</text>")
    return _svg(map_id, title, description, fills, titles, "".join(marks), "".join(items),
                LEGEND + y - frame.height)


@dataclass(frozen=True)
class MapView:
    """What templates/reference/_map.html shows: the SVG and its figures as a table."""

    svg: Markup
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
