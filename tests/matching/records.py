"""Small builders of offers and profiles for the matching tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from matching.exchange import Availability, Mobility, Offer, Profile, Schedule

ALL_SCHEDULES = {"night": True, "weekend": True, "early_morning": True, "split_shift": True}


def offer(**changes: Any) -> Offer:
    """An office-cleaning offer in Marseille 5e, with no requirement; `changes` override."""
    base = Offer(id="O-1", title="Agent de propreté de locaux H/F", commune="13205",
                 rome_code="K2205", contract="CDI", hours_per_week=24,
                 start_date=date(2026, 12, 1))
    return replace(base, **changes)


def profile(**changes: Any) -> Profile:
    """A person in Marseille 4e aiming at K2205, walking and taking transit, 45 min max."""
    base = Profile(
        id="P-1", commune="13204", target_rome_codes=("K2205",),
        mobility=Mobility(("walk", "public_transport"), 45, None),
        availability=Availability(15, 26, **ALL_SCHEDULES),
        available_from=date(2026, 11, 30), consent_promotion=True)
    return replace(base, **changes)


def schedule(**flags: bool) -> Schedule:
    """A schedule with the given flags."""
    return Schedule(**flags)


def availability(**changes: Any) -> Availability:
    """An availability accepting every pattern, 15-26 h, with `changes`."""
    return replace(Availability(15, 26, **ALL_SCHEDULES), **changes)
