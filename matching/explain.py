"""Scored pairs turned into Match and Exclusion records with their French reasons."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from matching.exchange import MODES, Offer, Profile
from matching.candidates import MAX_TARGETS
from matching.jobfit import EXACT, SAME_DOMAINE, SAME_GRAND_DOMAINE
from matching.pools import OfferPool, ProfilePool
from matching.reasons import (
    ExclusionFacts,
    availability_reason,
    domain_reason,
    exact_reason,
    exclusion_reasons,
    experience_reason,
    grand_domain_reason,
    hours_reason,
    text_reason,
    travel_reason,
)
from matching.results import Components, Exclusion, Match, Travel
from matching.scoring import BIT, CATEGORIES, CHILDCARE_FLAGS, categories_of

if TYPE_CHECKING:
    from matching.engine import Engine, Pairs


def best_first(score: np.ndarray, rows: np.ndarray, top: int) -> np.ndarray:
    """Positions of the `top` best scores, highest first, ties by row (that is, by id)."""
    if score.size == 0 or top <= 0:
        return np.zeros(0, dtype=np.int64)
    key = (1000 - np.rint(score * 10)).astype(np.int64) * (int(rows.max()) + 1) + rows
    chosen = np.argpartition(key, top - 1)[:top] if top < key.size else np.arange(key.size)
    return chosen[np.argsort(key[chosen], kind="stable")]


def _at(values: np.ndarray | float, k: int, n: int) -> float:
    return float(np.broadcast_to(values, (n,))[k])


class Explainer:
    """Builds the records of one ranking: one offer's profiles, or one profile's offers."""

    def __init__(self, engine: Engine, offers: OfferPool, profiles: ProfilePool,
                 offer_index: int = 0):
        self.engine = engine
        self.offers = offers
        self.profiles = profiles
        self.offer_index = offer_index

    def _pair(self, pairs: Pairs, k: int, offer_side: bool) -> tuple[int, int]:
        row = int(pairs.rows[k])
        return (self.offer_index, row) if offer_side else (row, 0)

    def matches(self, pairs: Pairs, top: int, offer_side: bool) -> tuple[Match, ...]:
        """The `top` kept pairs, best first."""
        kept = np.flatnonzero(pairs.kept)
        chosen = kept[best_first(pairs.score[kept], pairs.rows[kept], top)]
        return tuple(self._match(pairs, int(k), *self._pair(pairs, int(k), offer_side))
                     for k in chosen)

    def _match(self, pairs: Pairs, k: int, o: int, p: int) -> Match:
        offer, profile = self.offers.offers[o], self.profiles.profiles[p]
        code = self.offers.rome_codes[o]
        n = pairs.rows.size
        minutes = int(math.floor(pairs.trips.minutes[k] + 0.5))
        mode = MODES[int(pairs.trips.mode[k])]
        reasons = [self._job_reason(pairs, k, profile, code)]
        months = int(pairs.months[k])
        if months > 0 and code is not None:
            reasons.append(experience_reason(months, code))
        reasons += [
            travel_reason(minutes, mode, round(_at(pairs.inputs.max_minutes, k, n))),
            hours_reason(_at(pairs.inputs.offer_hours, k, n), _at(pairs.inputs.min_hours, k, n),
                         _at(pairs.inputs.max_hours, k, n)),
            availability_reason(offer.start_date, profile.available_from, self.engine.today),
        ]
        components = Components(*(float(c[k]) for c in pairs.components))
        return Match(offer.id, profile.id, float(pairs.score[k]), components,
                     Travel(round(float(pairs.trips.km[k]), 1), minutes, mode), tuple(reasons))

    def _job_reason(self, pairs: Pairs, k: int, profile: Profile, code: str | None) -> str:
        ref = self.engine.referential
        level, target = int(pairs.fit.level[k]), int(pairs.fit.target[k])
        if level == EXACT:
            return exact_reason(code, target)
        if level == SAME_DOMAINE:
            return domain_reason(profile.target_rome_codes[target], code[:3],
                                 ref.domain_label(code[:3]))
        if level == SAME_GRAND_DOMAINE:
            return grand_domain_reason(profile.target_rome_codes[target], code[0],
                                       ref.domain_label(code[0]))
        source = int(pairs.text.source[k])
        text = (ref.rome_labels[profile.target_rome_codes[source]] if source < MAX_TARGETS
                else profile.target_titles[source - MAX_TARGETS])
        return text_reason(text, float(pairs.text.similarity[k]))

    def exclusions(self, pairs: Pairs, offer_side: bool) -> tuple[Exclusion, ...]:
        """Every excluded pair with all its reasons, in id order."""
        th, n = self.engine.thresholds, pairs.rows.size
        out = []
        for k in np.flatnonzero(~pairs.kept):
            o, p = self._pair(pairs, int(k), offer_side)
            offer, profile = self.offers.offers[o], self.profiles.profiles[p]
            categories = categories_of(int(pairs.bits[k]))
            facts = ExclusionFacts(
                minutes=float(pairs.trips.minutes[k]), mode=MODES[int(pairs.trips.mode[k])],
                max_minutes=_at(pairs.inputs.max_minutes, k, n), km=float(pairs.trips.km[k]),
                max_km=_at(pairs.inputs.max_km, k, n),
                offer_hours=_at(pairs.inputs.offer_hours, k, n),
                max_hours=_at(pairs.inputs.max_hours, k, n),
                hours_margin=th.hours_exclusion_margin,
                childcare_patterns=_childcare_patterns(offer, profile))
            out.append(Exclusion(offer.id, profile.id, categories,
                                 exclusion_reasons(categories, facts)))
        return tuple(out)

    @staticmethod
    def counts(pairs: Pairs) -> tuple[int, tuple[tuple[str, int], ...]]:
        """(excluded count, [(first category, count)...] by count then category order)."""
        bits = pairs.bits[pairs.bits != 0]
        first = np.log2(bits & -bits).astype(np.int64)
        per_category = np.bincount(first, minlength=len(CATEGORIES))
        order = sorted((i for i in range(len(CATEGORIES)) if per_category[i]),
                       key=lambda i: (-per_category[i], i))
        return int(bits.size), tuple((CATEGORIES[i], int(per_category[i])) for i in order)


def _childcare_patterns(offer: Offer, profile: Profile) -> tuple[str, ...]:
    if not profile.childcare_constraint:
        return ()
    return tuple(flag for flag in sorted(CHILDCARE_FLAGS, key=list(BIT).index)
                 if getattr(offer.schedule, flag) and not getattr(profile.availability, flag))
