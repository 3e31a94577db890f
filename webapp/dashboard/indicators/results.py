"""What an indicator hands to the page: big numbers with their trend, a chart, a table (the
same rows go to the CSV export) and the targets it is set beside."""

from dataclasses import dataclass, field

from markupsafe import Markup

from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.privacy import Shown


@dataclass(frozen=True)
class Trend:
    """The change since the previous period, in words (colour only repeats it)."""

    text: str
    direction: str  # "up", "down", "flat"
    tone: str = ""  # "good", "bad" or "" when neither way is better

    @property
    def symbol(self) -> str:
        return {"up": "▲", "down": "▼"}.get(self.direction, "=")


@dataclass(frozen=True)
class Headline:
    """A big number: « 1 234 offres », « < 5 », « 46 % »."""

    label: str
    value: str
    detail: str = ""
    trend: Trend | None = None
    masked: bool = False


@dataclass(frozen=True)
class Table:
    """The figures behind a chart: the first cell of each row names it."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Result:
    """One indicator computed for a territory, an organisation and a period."""

    key: str
    title: str
    explanation: str
    headlines: tuple[Headline, ...]
    table: Table
    chart: Markup | None = None
    targets: tuple[str, ...] = ()
    note: str = ""
    has_masked: bool = False
    extra: dict = field(default_factory=dict, compare=False)


def count_trend(current: Shown, previous: Shown, previous_label: str,
                higher_is_better: bool | None = None) -> Trend | None:
    """« ▲ +12 (+8 %) par rapport à … », or None when either figure is masked."""
    if current.hidden or previous.hidden:
        return None
    return value_trend(float(current.value), float(previous.value), previous_label,
                       higher_is_better, unit="", decimals=0)


def value_trend(current: float | None, previous: float | None, previous_label: str,
                higher_is_better: bool | None = None, unit: str = "", decimals: int = 0,
                relative: bool = True) -> Trend | None:
    """The change between two values, in words, with its direction."""
    if current is None or previous is None:
        return None
    change = current - previous
    if round(change, decimals) == 0:
        return Trend(f"stable par rapport à {previous_label}", "flat")
    sign = "+" if change > 0 else "−"
    text = f"{sign}{number_fr(abs(change), decimals)}{unit}"
    if relative and previous:
        text += f" ({sign}{number_fr(abs(change) / previous * 100)} %)"
    direction = "up" if change > 0 else "down"
    tone = "" if higher_is_better is None else ("good" if (change > 0) == higher_is_better else "bad")
    return Trend(f"{text} par rapport à {previous_label}", direction, tone)


def rate_text(numerator: Shown, denominator: Shown) -> str:
    """« 46 % »; « n.c. » when either count is masked; « — » when there is nobody to count."""
    if numerator.hidden or denominator.hidden:
        return "n.c."
    if not denominator.value:
        return "—"
    return f"{number_fr(100.0 * numerator.value / denominator.value)} %"


def hours_text(hours: float | None) -> str:
    """« 5 h » under two days, else « 3,5 jours »; « — » when nothing was measured."""
    if hours is None:
        return "—"
    if hours < 48:
        return f"{number_fr(hours, 0 if hours >= 10 else 1)} h"
    return f"{number_fr(hours / 24, 1)} jours"


def days_text(days: float | None) -> str:
    return "—" if days is None else f"{number_fr(days, 0 if float(days).is_integer() else 1)} jours"
