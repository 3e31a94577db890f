"""The rules of a pair, vectorised: hard constraints as bit flags, soft components, total.

Every function takes offer-side and profile-side values that broadcast against each other,
so the same code scores one offer against many profiles and one profile against many offers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.exchange import SCHEDULE_FLAGS
from matching.weights import Thresholds, Weights

# Exclusion categories, in the order reasons are listed and summaries break ties.
CATEGORIES = ("licence", "vehicle", "travel", "night", "weekend", "early_morning",
              "split_shift", "childcare", "hours", "consent")
BIT = {category: 1 << i for i, category in enumerate(CATEGORIES)}
# With a childcare constraint these patterns are refused unless the person accepted them;
# the exclusion is then filed under "childcare", the obstacle to lift.
CHILDCARE_FLAGS = frozenset({"night", "early_morning", "split_shift"})


@dataclass(frozen=True)
class PairInputs:
    """Everything the rules read about pairs (offer side and profile side broadcast)."""

    requires_licence: np.ndarray | bool
    requires_vehicle: np.ndarray | bool
    schedule: np.ndarray  # (..., 4) offer flags in SCHEDULE_FLAGS order
    offer_hours: np.ndarray | float  # nan when not stated
    start_day: np.ndarray | int  # date ordinal (unknown already replaced by today)
    licence: np.ndarray | bool
    vehicle: np.ndarray | bool
    accepts: np.ndarray  # (..., 4) profile flags
    childcare: np.ndarray | bool
    min_hours: np.ndarray | float
    max_hours: np.ndarray | float  # inf when not stated
    available_day: np.ndarray | int  # date ordinal (unknown already replaced by today)
    consent: np.ndarray | bool
    max_minutes: np.ndarray | float  # default already applied
    max_km: np.ndarray | float  # inf when not stated
    minutes: np.ndarray  # best door-to-door minutes (inf when no mode can do the trip)
    km: np.ndarray


def exclusion_bits(p: PairInputs, th: Thresholds, for_employer: bool) -> np.ndarray:
    """One bit per hard constraint broken (0 means the pair is kept)."""
    bits = np.zeros(np.shape(p.minutes), dtype=np.int32)
    bits |= np.where(p.requires_licence & ~np.asarray(p.licence), BIT["licence"], 0)
    bits |= np.where(p.requires_vehicle & ~np.asarray(p.vehicle), BIT["vehicle"], 0)
    bits |= np.where((p.minutes > p.max_minutes) | (p.km > p.max_km), BIT["travel"], 0)
    refused = p.schedule & ~p.accepts
    for j, flag in enumerate(SCHEDULE_FLAGS):
        if flag in CHILDCARE_FLAGS:
            bits |= np.where(refused[..., j],
                             np.where(p.childcare, BIT["childcare"], BIT[flag]), 0)
        else:
            bits |= np.where(refused[..., j], BIT[flag], 0)
    bits |= np.where(p.offer_hours > p.max_hours + th.hours_exclusion_margin, BIT["hours"], 0)
    if for_employer:
        bits |= np.where(~np.asarray(p.consent), BIT["consent"], 0)
    return bits


def reach_fit(minutes: np.ndarray, max_minutes: np.ndarray, th: Thresholds) -> np.ndarray:
    """1 up to the free minutes, then linear down to reach_at_max at the person's maximum."""
    free = th.reach_free_minutes
    over = (minutes - free) / np.maximum(max_minutes - free, 1.0)
    return np.where(minutes <= free, 1.0, 1.0 - over * (1.0 - th.reach_at_max))


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
