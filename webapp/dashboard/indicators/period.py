"""The period a dashboard covers: a preset (30 days, 3 months, 12 months) or dates chosen by
the user, and the period of the same length just before it, for the trends."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from webapp.core.errors import Invalid
from webapp.core.formatting import PARIS, date_fr

PRESETS: dict[str, str] = {
    "30j": "30 derniers jours",
    "trimestre": "3 derniers mois",
    "annee": "12 derniers mois",
    "perso": "Dates choisies",
}
DEFAULT_PRESET = "30j"
MAX_DAYS = 5 * 366


@dataclass(frozen=True)
class Period:
    """Days from `start` (included) to `end` (excluded), Paris time."""

    start: date
    end: date
    preset: str = "perso"

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def start_at(self) -> datetime:
        """Midnight of the first day in Paris, as an aware UTC datetime (what columns hold)."""
        return _utc_midnight(self.start)

    @property
    def end_at(self) -> datetime:
        return _utc_midnight(self.end)

    def previous(self) -> "Period":
        """The period of the same length that ends where this one starts."""
        return Period(self.start - timedelta(days=self.days), self.start, self.preset)

    def shifted(self, days: int) -> "Period":
        """The same period moved `days` days back (cohorts followed for some months)."""
        return Period(self.start - timedelta(days=days), self.end - timedelta(days=days), self.preset)

    @property
    def label(self) -> str:
        """« du 23/10/2026 au 21/11/2026 »."""
        return f"du {date_fr(self.start)} au {date_fr(self.last_day)}"

    @property
    def title(self) -> str:
        """« 30 derniers jours (du 23/10/2026 au 21/11/2026) »."""
        if self.preset in PRESETS and self.preset != "perso":
            return f"{PRESETS[self.preset]} ({self.label})"
        return self.label.capitalize()


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), PARIS).astimezone(UTC)


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def preset_period(preset: str, today: date) -> Period:
    """The rolling period of a preset, ending with today included."""
    end = today + timedelta(days=1)
    if preset == "trimestre":
        return Period(_months_before(end, 3), end, preset)
    if preset == "annee":
        return Period(_months_before(end, 12), end, preset)
    return Period(end - timedelta(days=30), end, "30j")


def custom_period(first_day: date | None, last_day: date | None) -> Period:
    """The days from `first_day` to `last_day`, both included; Invalid (French) otherwise."""
    if first_day is None or last_day is None:
        raise Invalid("Indiquez la date de début et la date de fin de la période.", "debut")
    if last_day < first_day:
        raise Invalid("La date de fin doit suivre la date de début.", "fin")
    period = Period(first_day, last_day + timedelta(days=1), "perso")
    if period.days > MAX_DAYS:
        raise Invalid("La période ne peut pas dépasser cinq ans.", "debut")
    return period

