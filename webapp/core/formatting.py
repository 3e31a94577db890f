"""French display of dates and numbers (22/11/2026, 12,5 km)."""

from datetime import date, datetime

from webapp.core.clock import PARIS, aware


def _in_paris(value: datetime) -> datetime:
    """Every stored moment is UTC; SQLite hands it back without its zone."""
    return aware(value).astimezone(PARIS)


def date_fr(value: date | datetime | None) -> str:
    """22/11/2026; empty for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _in_paris(value)
    return value.strftime("%d/%m/%Y")


def datetime_fr(value: datetime | None) -> str:
    """22/11/2026 à 14:05, in Paris time."""
    if value is None:
        return ""
    return _in_paris(value).strftime("%d/%m/%Y à %H:%M")


def number_fr(value: float | None, decimals: int = 0) -> str:
    """12 500 or 12,5: a narrow no-break space for thousands, a comma for decimals."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")
