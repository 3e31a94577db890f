"""Profiles whose every field is plainly valid, read without the field-by-field checks.

Reading a file of 20,000 profiles through `profile_from_dict` (one `Fields` object and one
method call per field, every problem worded in French) cost `rank` more than a second. Nearly
every record of a real file is plainly valid: each field absent or of its exact JSON type and
within its bounds. `plain_profile` builds those directly and returns None for anything else,
which `profile_from_dict` then reads, rules and messages unchanged: whatever it accepts equals
what `profile_from_dict` returns (tests/matching/test_plain_records.py), so the rules keep one
place, the validator, and this module only recognises their plainest case.

Values met before (communes, ROME codes, dates) are looked up in a memo kept for one file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from matching.exchange import (
    MAX_EXPERIENCE_MONTHS,
    MAX_HOURS_PER_WEEK,
    MAX_TARGET_CODES,
    MAX_TRAVEL_KM,
    MAX_TRAVEL_MINUTES,
    MODES,
    PARCOURS,
    SCHEDULE_FLAGS,
    Availability,
    Mobility,
    Profile,
)
from matching.validation import DATE_PATTERN, INSEE_CODE_PATTERN, ROME_CODE_PATTERN, KnownCodes

MAX_TARGET_TITLES = 20  # as profile_from_dict's f.items("target_titles", 20)
_NUMBER = (int, float)
_MODES = frozenset(MODES)
_PARCOURS = frozenset(PARCOURS)


class PlainReader:
    """Reads the plainly valid profiles of one file against one referential."""

    def __init__(self, referential: KnownCodes | None):
        self.referential = referential
        self._communes: set[str] = set()
        self._codes: set[str] = set()
        self._days: dict[str, date] = {}

    def profile(self, data: Any) -> Profile | None:
        """The profile of `data` when every field is plainly valid, else None."""
        if type(data) is not dict:
            return None
        get = data.get
        ident, commune = _text(get("id")), get("commune")
        codes, titles = get("target_rome_codes"), get("target_titles")
        if not ident or not self._commune(commune) or not (codes or titles):
            return None
        codes = self._targets(codes)
        titles = _titles(titles)
        experience = self._experience(get("experience_months"))
        mobility = _mobility(get("mobility"))
        availability = _availability(get("availability"))
        flags = [get(name) for name in ("driving_licence", "vehicle", "childcare_constraint",
                                        "consent_promotion")]
        if (codes is None or titles is None or experience is None or mobility is None
                or availability is None or not all(f is None or type(f) is bool for f in flags)):
            return None
        available_from = get("available_from")
        if available_from is not None:
            available_from = self._day(available_from)
            if available_from is None:
                return None
        parcours, postal_code = get("parcours"), get("postal_code")
        if parcours is not None:
            parcours = _text(parcours)
            if parcours not in _PARCOURS:
                return None
        if postal_code is not None:
            postal_code = _text(postal_code)
            if not (postal_code and postal_code.isdigit() and len(postal_code) == 5):
                return None
        licence, vehicle, childcare, consent = (f is True for f in flags)
        return Profile(
            id=ident, commune=commune, target_rome_codes=codes, target_titles=titles,
            experience_months=experience, mobility=mobility, driving_licence=licence,
            vehicle=vehicle, availability=availability, childcare_constraint=childcare,
            available_from=available_from, parcours=parcours, consent_promotion=consent,
            postal_code=postal_code)

    def _commune(self, value: Any) -> bool:
        if type(value) is not str:
            return False
        if value in self._communes:
            return True
        if not INSEE_CODE_PATTERN.match(value) or (
                self.referential is not None and not self.referential.has_commune(value)):
            return False
        self._communes.add(value)
        return True

    def _code(self, value: Any) -> bool:
        if type(value) is not str:
            return False
        if value in self._codes:
            return True
        if not ROME_CODE_PATTERN.match(value) or (
                self.referential is not None and not self.referential.has_rome(value)):
            return False
        self._codes.add(value)
        return True

    def _targets(self, value: Any) -> tuple[str, ...] | None:
        if value is None:
            return ()
        if (type(value) is not list or len(value) > MAX_TARGET_CODES
                or not all(self._code(c) for c in value) or len(set(value)) != len(value)):
            return None
        return tuple(value)

    def _experience(self, value: Any) -> tuple[tuple[str, int], ...] | None:
        if value is None:
            return ()
        if type(value) is not dict:
            return None
        for code, months in value.items():
            if not (type(months) is int and 0 <= months <= MAX_EXPERIENCE_MONTHS
                    and self._code(code)):
                return None
        return tuple(value.items())

    def _day(self, value: Any) -> date | None:
        if type(value) is not str:
            return None
        day = self._days.get(value)
        if day is None:
            text = value.strip()
            if DATE_PATTERN.match(text):
                try:
                    day = self._days[value] = date.fromisoformat(text)
                except ValueError:
                    return None
        return day


def _text(value: Any) -> str | None:
    """A non-empty string, stripped (None for anything else)."""
    return value.strip() or None if type(value) is str else None


def _titles(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if type(value) is not list or len(value) > MAX_TARGET_TITLES:
        return None
    titles = tuple(t.strip() if type(t) is str else "" for t in value)
    return titles if all(titles) else None


def _mobility(value: Any) -> Mobility | None:
    if value is None:
        return Mobility()
    if type(value) is not dict:
        return None
    modes, minutes, km = value.get("modes"), value.get("max_minutes"), value.get("max_km")
    if modes is None:
        modes = ()
    elif not (type(modes) is list and all(type(m) is str for m in modes)
              and len(set(modes)) == len(modes) and _MODES.issuperset(modes)):
        return None
    if minutes is not None and not (type(minutes) is int and 1 <= minutes <= MAX_TRAVEL_MINUTES):
        return None
    if km is not None and not (type(km) in _NUMBER and 0.1 <= km <= MAX_TRAVEL_KM):
        return None
    return Mobility(tuple(modes), minutes, km)


def _availability(value: Any) -> Availability | None:
    if value is None:
        return Availability()
    if type(value) is not dict:
        return None
    low, high = value.get("min_hours_per_week"), value.get("max_hours_per_week")
    for hours in (low, high):
        if hours is not None and not (type(hours) in _NUMBER
                                      and 0 <= hours <= MAX_HOURS_PER_WEEK):
            return None
    if low is not None and high is not None and low > high:
        return None
    flags = [value.get(flag) for flag in SCHEDULE_FLAGS]
    if not all(f is None or type(f) is bool for f in flags):
        return None
    return Availability(low, high, *(f is True for f in flags))
