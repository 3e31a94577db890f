"""The rules of a pair, vectorised: hard constraints as bit flags, soft components, total.

Every function takes offer-side and profile-side values that broadcast against each other,
so the same code scores one offer against many profiles and one profile against many offers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.exchange import SCHEDULE_FLAGS, Offer, Profile
from matching.weights import Thresholds, Weights

# Exclusion categories, in the order reasons are listed; a summary files each excluded pair
# under its first category. Travel comes first: the engine skips scoring the pairs out of
# reach (most of them) and only counts them.
CATEGORIES = ("travel", "licence", "vehicle", "night", "weekend", "early_morning",
              "split_shift", "childcare", "hours", "consent")
BIT = {category: 1 << i for i, category in enumerate(CATEGORIES)}
# With a childcare constraint these patterns are refused unless the person accepted them;
# the exclusion is then filed under "childcare", the obstacle to lift.
CHILDCARE_FLAGS = frozenset({"night", "early_morning", "split_shift"})


# Offer requirements and profile refusals share one bit layout, so that the requirements a
# pair breaks are one AND; a 128-entry table turns them into exclusion categories.
NEEDS = ("licence", "vehicle", *SCHEDULE_FLAGS)
CHILDCARE_BIT = 1 << len(NEEDS)


def requirements_of(offer: Offer) -> int:
    """The offer's requirements as NEEDS bits."""
    wanted = (offer.requires_driving_licence, offer.requires_vehicle,
              *(getattr(offer.schedule, flag) for flag in SCHEDULE_FLAGS))
    return sum(1 << i for i, needed in enumerate(wanted) if needed)


def refusals_of(profile: Profile) -> int:
    """What the person lacks or refuses, as NEEDS bits, plus CHILDCARE_BIT."""
    lacks = (not profile.driving_licence, not profile.vehicle,
             *(not getattr(profile.availability, flag) for flag in SCHEDULE_FLAGS))
    bits = sum(1 << i for i, lacking in enumerate(lacks) if lacking)
    return bits | (CHILDCARE_BIT if profile.childcare_constraint else 0)


def _category_table() -> np.ndarray:
    table = np.zeros(CHILDCARE_BIT << 1, dtype=np.int32)
    for broken in range(table.size):
        for i, need in enumerate(NEEDS):
            if broken & (1 << i):
                childcare = broken & CHILDCARE_BIT and need in CHILDCARE_FLAGS
                table[broken] |= BIT["childcare" if childcare else need]
    return table


_CATEGORY_BITS = _category_table()


@dataclass(frozen=True)
class PairInputs:
    """Everything the rules read about pairs (offer side and profile side broadcast)."""

    requirements: np.ndarray | int  # offer side, NEEDS bits
    refusals: np.ndarray | int  # profile side, NEEDS bits and CHILDCARE_BIT
    offer_hours: np.ndarray | float  # nan when not stated
    start_day: np.ndarray | int  # date ordinal (unknown already replaced by today)
    min_hours: np.ndarray | float
    max_hours: np.ndarray | float  # inf when not stated
    available_day: np.ndarray | int  # date ordinal (unknown already replaced by today)
    consent: np.ndarray | bool
    max_minutes: np.ndarray | float  # default already applied
    max_km: np.ndarray | float  # inf when not stated
    minutes: np.ndarray  # best door-to-door minutes (inf when no mode can do the trip)
    km: np.ndarray
    to_check: np.ndarray | bool = False  # « trajet à vérifier »: never excluded on travel


def exclusion_bits(p: PairInputs, th: Thresholds, for_employer: bool) -> np.ndarray:
    """One BIT per hard constraint broken (0 means the pair is kept)."""
    bits = np.take(_CATEGORY_BITS, p.refusals & (p.requirements | CHILDCARE_BIT))
    too_far = ((p.minutes > p.max_minutes) | (p.km > p.max_km)) & ~np.asarray(p.to_check)
    bits = bits | np.where(too_far, BIT["travel"], 0)
    bits |= np.where(p.offer_hours > p.max_hours + th.hours_exclusion_margin, BIT["hours"], 0)
    if for_employer:
        bits |= np.where(p.consent, 0, BIT["consent"])
    return bits


def travel_limit(max_minutes: np.ndarray | float, default_minutes: float) -> np.ndarray:
    """The person's maximum one-way minutes; the default where none was given (nan)."""
    return np.where(np.isnan(max_minutes), default_minutes, max_minutes)


def reach_fit(minutes: np.ndarray, max_minutes: np.ndarray, th: Thresholds,
              to_check: np.ndarray | bool = False) -> np.ndarray:
    """1 up to the free minutes, then linear down to reach_at_max at the person's maximum;
    reach_unknown for a trip « à vérifier », whose estimate says nothing."""
    free = th.reach_free_minutes
    over = (minutes - free) / np.maximum(max_minutes - free, 1.0)
    fit = np.where(minutes <= free, 1.0, 1.0 - over * (1.0 - th.reach_at_max))
    return np.where(to_check, th.reach_unknown, fit)


def hours_fit(offer_hours: np.ndarray, min_hours: np.ndarray, max_hours: np.ndarray,
              th: Thresholds) -> np.ndarray:
    """1 within the wished range, linear down to 0 at hours_tolerance outside it."""
    gap = np.maximum(np.maximum(min_hours - offer_hours, offer_hours - max_hours), 0.0)
    fit = np.maximum(1.0 - gap / th.hours_tolerance, 0.0)
    return np.where(np.isnan(offer_hours), th.hours_unknown, fit)


def availability_fit(start_day: np.ndarray, available_day: np.ndarray,
                     th: Thresholds) -> np.ndarray:
    """1 when available by the start (plus grace days), linear down to 0 at zero days late."""
    late = available_day - start_day
    span = th.availability_zero_days - th.availability_grace_days
    fit = np.maximum(1.0 - (late - th.availability_grace_days) / span, 0.0)
    return np.where(late <= th.availability_grace_days, 1.0, fit)


def total_score(job: np.ndarray, reach: np.ndarray, hours: np.ndarray,
                availability: np.ndarray, w: Weights) -> np.ndarray:
    """Weighted mean of the components on 0-100, rounded half up to one decimal."""
    raw = (w.job * job + w.reach * reach + w.hours * hours
           + w.availability * availability) * (100.0 / w.total())
    return np.floor(raw * 10.0 + 0.5) / 10.0


def categories_of(bits: int) -> tuple[str, ...]:
    """The category names set in an exclusion bit field."""
    return tuple(c for c in CATEGORIES if bits & BIT[c])
