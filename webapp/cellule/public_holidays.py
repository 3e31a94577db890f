"""French public holidays (the `holidays` package): no cellule session is generated on them."""

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.France(years=year))


def is_public_holiday(day: date) -> bool:
    """1 January, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
    1 November, 11 November, 25 December (metropolitan France)."""
    return day in _holidays_of(day.year)


def working_days(days: list[date]) -> list[date]:
    """The days that are not public holidays."""
    return [day for day in days if not is_public_holiday(day)]
