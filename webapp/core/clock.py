"""The one clock of the platform: every date and time the code reads comes from here.

`now()` is an aware moment in UTC (what the database stores); `today()` is the calendar date
in Paris (what a person in the Bouches-du-Rhône calls today), so "today" means the same thing
in every feature, midnight included. Tests freeze both with time-machine.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def now() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in Paris."""
    return now().astimezone(PARIS).date()


def aware(moment: datetime) -> datetime:
    """A stored moment made comparable with now() (SQLite hands back naive UTC datetimes)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
