"""Charts drawn on the server as inline SVG: bars, stacked bars, a funnel, a line with its
target. No outside service, no script. Every chart has a title, a description and an
aria-label that read out the figures; every value is written next to its mark and every
series has a pattern as well as a colour, so nothing rests on colour alone, on screen or
on paper. A masked figure (small-cell rule) is drawn as a hatched stub, never to scale."""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from webapp.core.formatting import number_fr

WIDTH = 640
ROW = 30
LABEL_WIDTH = 250
VALUE_SPACE = 70
MAX_LABEL = 32
# (colour, pattern) of each series; colours have a 3:1 contrast or more against white.
SERIES_STYLES = (
    ("#1f3c88", ""), ("#b35900", "hatch"), ("#1b6e3a", "dots"), ("#6b2c91", "cross"),
    ("#a4161a", "back"), ("#00707a", "grid"), ("#4d4d4d", "hatch"), ("#7a5c00", "dots"),
)
PATTERNS = {
    "hatch": '<path d="M0 6 L6 0" stroke="#fff" stroke-width="1.6"/>',
    "back": '<path d="M0 0 L6 6" stroke="#fff" stroke-width="1.6"/>',
    "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
    "cross": '<path d="M0 3 H6 M3 0 V6" stroke="#fff" stroke-width="1.2"/>',
    "grid": '<path d="M0 0 L6 6 M6 0 L0 6" stroke="#fff" stroke-width="1"/>',
    "masked": '<path d="M0 6 L6 0" stroke="#555" stroke-width="1.2"/>',
}


@dataclass(frozen=True)
class Bar:
    """One mark: its label, its value (None when masked) and the text written beside it."""

    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class TargetLine:
    """A dashed line across the chart: a target or a reference figure."""

    label: str
    value: float
    text: str
    dashed: str = "6 4"


@dataclass(frozen=True)
class StackRow:
    label: str
    values: tuple[float, ...]


def _short(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _patterns(chart_id: str) -> str:
    return "".join(
        f'<pattern id="{chart_id}-{name}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f"{shape}</pattern>" for name, shape in PATTERNS.items())


def _fill(chart_id: str, index: int, x: float, y: float, width: float, height: float) -> str:
    colour, pattern = SERIES_STYLES[index % len(SERIES_STYLES)]
    rect = f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}"'
    shapes = f'{rect} fill="{colour}" class="series series-{index % len(SERIES_STYLES)}"/>'
    if pattern:
        shapes += f'{rect} fill="url(#{chart_id}-{pattern})"/>'
    return shapes


def _masked(chart_id: str, x: float, y: float, height: float) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="14" height="{height:.1f}" fill="#fff" '
            f'stroke="#555"/><rect x="{x:.1f}" y="{y:.1f}" width="14" height="{height:.1f}" '
            f'fill="url(#{chart_id}-masked)"/>')


def _svg(chart_id: str, title: str, summary: str, height: float, body: str) -> Markup:
    label = f"{title}. {summary}"
    return Markup(
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13">'
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>"
        f"<defs>{_patterns(chart_id)}</defs>{body}</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", weight: str = "normal",
          css: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
            f'class="{css}" fill="#1e1e1e">{escape(text)}</text>')


def _summary(bars: Sequence[Bar], targets: Sequence[TargetLine] = ()) -> str:
    parts = [f"{bar.label} : {bar.text}" for bar in bars]
    parts += [_target_text(target) for target in targets]
    return " ; ".join(parts) + "." if parts else "Aucune donnée."


def _target_text(target: TargetLine) -> str:
    return f"{target.label} : {target.text}" if target.text else target.label


def _target_lines(targets: Sequence[TargetLine], x_of, top: float, bottom: float) -> str:
    body = ""
    for number, target in enumerate(targets):
        x = x_of(target.value)
        body += (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4:.1f}" y2="{bottom:.1f}" '
                 f'stroke="#1e1e1e" stroke-width="1.5" stroke-dasharray="{target.dashed}"/>')
        anchor = "end" if x > WIDTH - 120 else "start"
        offset = -4 if anchor == "end" else 4
        body += _text(x + offset, bottom + 14 + 14 * number, _target_text(target), anchor, css="target-label")
    return body


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar],
              targets: Sequence[TargetLine] = (), max_value: float | None = None) -> Markup:
    """Horizontal bars, one per label, the value written at the end of each bar."""
    top = 8
    plot = WIDTH - LABEL_WIDTH - VALUE_SPACE
    largest = max([b.value or 0 for b in bars] + [t.value for t in targets] + [max_value or 0, 1])

    def x_of(value: float) -> float:
        return LABEL_WIDTH + plot * value / largest

    body = ""
    for index, bar in enumerate(bars):
        y = top + index * ROW
        body += _text(LABEL_WIDTH - 8, y + 18, _short(bar.label), "end")
        if bar.value is None:
            body += _masked(chart_id, LABEL_WIDTH, y + 5, ROW - 10)
            body += _text(LABEL_WIDTH + 20, y + 18, bar.text, weight="bold")
        else:
            width = x_of(bar.value) - LABEL_WIDTH
            body += _fill(chart_id, 0, LABEL_WIDTH, y + 5, width, ROW - 10)
            body += _text(LABEL_WIDTH + width + 6, y + 18, bar.text, weight="bold")
    bottom = top + len(bars) * ROW
    body += (f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH}" y1="{top}" y2="{bottom}" '
             f'stroke="#767676"/>')
    body += _target_lines(targets, x_of, top, bottom)
    height = bottom + 8 + 14 * len(targets) + (8 if targets else 0)
    return _svg(chart_id, title, _summary(bars, targets), height, body)


def stacked_bars(chart_id: str, title: str, rows: Sequence[StackRow], series: Sequence[str],
                 totals_text: Sequence[str]) -> Markup:
    """Horizontal bars split by series (figures that are never masked), with a legend."""
    legend_rows = (len(series) + 1) // 2
    top = 8 + legend_rows * 20
    plot = WIDTH - LABEL_WIDTH - VALUE_SPACE
    largest = max([sum(r.values) for r in rows] + [1])
    body = ""
    for number, name in enumerate(series):
        x, y = 8 + (number % 2) * 316, 8 + (number // 2) * 20
        body += _fill(chart_id, number, x, y, 14, 14) + _text(x + 20, y + 12, _short(name, 40))
    for index, row in enumerate(rows):
        y = top + index * ROW
        body += _text(LABEL_WIDTH - 8, y + 18, _short(row.label), "end")
        x = float(LABEL_WIDTH)
        for number, value in enumerate(row.values):
            width = plot * value / largest
            if width > 0:
                body += _fill(chart_id, number, x, y + 5, width, ROW - 10)
                x += width
        body += _text(x + 6, y + 18, totals_text[index], weight="bold")
    height = top + len(rows) * ROW + 8
    parts = [f"{row.label} : {totals_text[i]} (" + ", ".join(
        f"{name} {number_fr(value)}" for name, value in zip(series, row.values, strict=True)
        if value) + ")" for i, row in enumerate(rows)]
    summary = " ; ".join(parts) + "." if parts else "Aucune donnée."
    return _svg(chart_id, title, summary, height, body)


def funnel(chart_id: str, title: str, steps: Sequence[Bar], conversions: Sequence[str]) -> Markup:
    """Centred bars narrowing from one step to the next, the conversion written between."""
    step_height, gap = 34, 18
    plot = WIDTH - 2 * 150
    largest = max([s.value or 0 for s in steps] + [1])
    body = ""
    for index, step in enumerate(steps):
        y = 8 + index * (step_height + gap)
        centre = WIDTH / 2
        if step.value is None:
            body += _masked(chart_id, centre - 7, y, step_height)
        else:
            width = max(plot * step.value / largest, 2)
            body += _fill(chart_id, 0, centre - width / 2, y, width, step_height)
        body += _text(8, y + 22, _short(step.label), weight="bold")
        body += _text(WIDTH - 8, y + 22, step.text, "end", weight="bold")
        if index < len(conversions):
            body += _text(centre, y + step_height + 14, f"↓ {conversions[index]}", "middle",
                          css="conversion")
    height = 8 + len(steps) * (step_height + gap)
    parts = [f"{s.label} : {s.text}" for s in steps]
    parts += [f"passage {steps[i].label} → {steps[i + 1].label} : {c}"
              for i, c in enumerate(conversions)]
    return _svg(chart_id, title, " ; ".join(parts) + ".", height, body)


def line_chart(chart_id: str, title: str, points: Sequence[Bar], targets: Sequence[TargetLine],
               max_value: float = 100, unit: str = " %") -> Markup:
    """Values over time joined by a line (a gap where a value is masked), with dashed target
    lines labelled at their right end."""
    left, right, top, plot_height = 50, WIDTH - 16, 12, 180
    step = (right - left) / max(len(points) - 1, 1)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - value / max_value)

    grid, lines, marks = "", "", ""
    for tick in range(0, int(max_value) + 1, max(int(max_value) // 4, 1)):
        y = y_of(tick)
        grid += f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>'
        grid += _text(left - 6, y + 4, f"{number_fr(tick)}{unit}", "end", css="axis")
    for number, target in enumerate(sorted(targets, key=lambda t: -t.value)):
        y = y_of(target.value)
        grid += (f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#1e1e1e" '
                 f'stroke-width="1.5" stroke-dasharray="{target.dashed}"/>')
        grid += _text(right, y - 4 if number == 0 else y + 14, _target_text(target), "end", css="target-label")
    segment: list[str] = []
    for index, point in enumerate(points):
        x = left + index * step
        marks += _text(x, top + plot_height + 16, point.label, "middle", css="axis")
        if point.value is None:
            lines += _polyline(segment)
            segment = []
            marks += _text(x, top + plot_height - 6, point.text, "middle", css="masked-label")
            continue
        y = y_of(min(point.value, max_value))
        segment.append(f"{x:.1f},{y:.1f}")
        marks += (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1f3c88" class="series series-0"/>'
                  + _text(x, y - 9, point.text, "middle", weight="bold"))
    lines += _polyline(segment)
    return _svg(chart_id, title, _summary(points, targets), top + plot_height + 28, grid + lines + marks)


def _polyline(points: list[str]) -> str:
    if len(points) < 2:
        return ""
    return (f'<polyline points="{" ".join(points)}" fill="none" stroke="#1f3c88" '
            f'stroke-width="2.5" class="series-line"/>')
