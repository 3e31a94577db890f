"""The scoring formula written plainly, one pair at a time, with no numpy.

The fast engine must give exactly the same scores. Shared inputs are the model parts (the
travel-time table and the TF-IDF vectors, both referential data); every rule and every
formula is written again here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from matching.exchange import MODES, SCHEDULE_FLAGS, Offer, Profile
from matching.jobfit import (
    EXPERIENCE_BONUS,
    EXPERIENCE_FULL_MONTHS,
    JOB_EXACT,
    JOB_PREFERENCE_STEP,
    JOB_SAME_DOMAINE,
    JOB_SAME_GRAND_DOMAINE,
    JOB_TEXT_CEILING,
)
from matching.referential import Referential
from matching.textsim import SIMILARITY_DECIMALS
from matching.travel import INTRA_COMMUNE_MAX_KM, INTRA_COMMUNE_RADIUS_SHARE
from matching.weights import Thresholds, Weights

CHILDCARE_PATTERNS = ("night", "early_morning", "split_shift")


@dataclass(frozen=True)
class Reference:
    """The reference verdict on one pair: excluded categories, or a score."""

    excluded: frozenset[str]
    score: float | None = None
    components: tuple[float, float, float, float] | None = None
    minutes: float | None = None
    mode: str | None = None


def _quantize(value: float) -> float:
    scale = 10.0 ** SIMILARITY_DECIMALS
    return math.floor(value * scale + 0.5) / scale


class ReferenceScorer:
    """Scores pairs one by one."""

    def __init__(self, ref: Referential, weights: Weights, thresholds: Thresholds,
                 today: date):
        self.ref, self.w, self.th, self.today = ref, weights, thresholds, today
        self._vectors: dict[str, dict[int, float]] = {}
        self._codes: dict[str, str | None] = {}
        self._terms: dict[str, list[dict[int, float]]] = {}

    def _vector(self, text: str) -> dict[int, float]:
        if text not in self._vectors:
            row = self.ref.job_text.vectorize([text])
            self._vectors[text] = dict(zip(row.indices.tolist(), row.data.tolist()))
        return self._vectors[text]

    def _code_terms(self, code: str) -> list[dict[int, float]]:
        if code not in self._terms:
            text, index = self.ref.job_text, self.ref.rome_index[code]
            rows = [i for i, c in enumerate(text.term_codes.tolist()) if c == index]
            self._terms[code] = [dict(zip(text.term_vectors[i].indices.tolist(),
                                          text.term_vectors[i].data.tolist())) for i in rows]
        return self._terms[code]

    @staticmethod
    def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
        return sum(weight * b[key] for key, weight in a.items() if key in b)

    def _code_similarity(self, text: str, code: str) -> float:
        query = self._vector(text)
        return _quantize(max(self._cosine(query, term) for term in self._code_terms(code)))

    def offer_code(self, offer: Offer) -> str | None:
        """The offer's code, or the one inferred from its title."""
        if offer.id not in self._codes:
            self._codes[offer.id] = (offer.rome_code
                                     or self.ref.suggester.infer(offer.title).code)
        return self._codes[offer.id]

    def text_similarity(self, offer: Offer, profile: Profile) -> float:
        """Best similarity between the offer and the profile's target codes and titles."""
        code = self.offer_code(offer)
        best = 0.0
        for target in profile.target_rome_codes:
            best = max(best, self._code_similarity(offer.title, target))
        for title in profile.target_titles:
            direct = _quantize(self._cosine(self._vector(title), self._vector(offer.title)))
            via_code = self._code_similarity(title, code) if code else 0.0
            best = max(best, direct, via_code)
        return best

    def job(self, offer: Offer, profile: Profile) -> float:
        """Job fit in [0, 1]."""
        code = self.offer_code(offer)
        level = 0.0
        if code is not None:
            targets = list(profile.target_rome_codes)
            if code in targets:
                level = JOB_EXACT - JOB_PREFERENCE_STEP * targets.index(code)
            elif any(t[:3] == code[:3] for t in targets):
                level = JOB_SAME_DOMAINE
            elif any(t[0] == code[0] for t in targets):
                level = JOB_SAME_GRAND_DOMAINE
        similarity = self.text_similarity(offer, profile)
        text = JOB_TEXT_CEILING * similarity if similarity >= self.th.text_min_similarity else 0.0
        base = max(level, text)
        if base <= 0:
            return 0.0
        months = dict(profile.experience_months).get(code, 0) if code else 0
        bonus = EXPERIENCE_BONUS * min(months, EXPERIENCE_FULL_MONTHS) / EXPERIENCE_FULL_MONTHS
        return min(base + bonus, 1.0)

    def trip(self, offer: Offer, profile: Profile) -> tuple[float, str, float]:
        """(minutes, mode, km) of the best trip with the modes that count."""
        modes = list(profile.mobility.modes) or ["walk", "public_transport"]
        if not (profile.driving_licence and profile.vehicle) and "car" in modes:
            modes.remove("car")
        origin = self.ref.place(profile.commune, profile.postal_code)
        destination = self.ref.place(offer.commune, offer.postal_code)
        best, best_mode = math.inf, "walk"
        for mode in MODES:
            if mode in modes:
                minutes = float(self.ref.minutes_to[MODES.index(mode), destination, origin])
                if minutes < best:
                    best, best_mode = minutes, mode
        return best, best_mode, float(self.ref.km_to[destination, origin])

    def to_check(self, offer: Offer, profile: Profile, minutes: float) -> bool:
        """Both ends in one commune larger than the town-centre cap, a finer place unknown."""
        if offer.commune != profile.commune or minutes == math.inf:
            return False
        radius = math.sqrt(self.ref.commune_area[offer.commune] / math.pi)
        large = INTRA_COMMUNE_RADIUS_SHARE * radius > INTRA_COMMUNE_MAX_KM
        known = all((side.commune, side.postal_code) in self.ref.place_index
                    for side in (offer, profile))
        return large and not known

    def score(self, offer: Offer, profile: Profile, for_employer: bool = False
              ) -> Reference | None:
        """None when the pair has no job fit; else its exclusions or its score."""
        job = self.job(offer, profile)
        if job == 0:
            return None
        th, av, mob = self.th, profile.availability, profile.mobility
        minutes, mode, km = self.trip(offer, profile)
        max_minutes = mob.max_minutes if mob.max_minutes is not None else th.default_max_minutes
        max_km = mob.max_km if mob.max_km is not None else math.inf
        low = av.min_hours_per_week if av.min_hours_per_week is not None else 0.0
        high = av.max_hours_per_week if av.max_hours_per_week is not None else math.inf
        excluded = set()
        to_check = self.to_check(offer, profile, minutes)
        if (minutes > max_minutes or km > max_km) and not to_check:
            excluded.add("travel")
        if offer.requires_driving_licence and not profile.driving_licence:
            excluded.add("licence")
        if offer.requires_vehicle and not profile.vehicle:
            excluded.add("vehicle")
        for flag in SCHEDULE_FLAGS:
            if getattr(offer.schedule, flag) and not getattr(av, flag):
                childcare = profile.childcare_constraint and flag in CHILDCARE_PATTERNS
                excluded.add("childcare" if childcare else flag)
        hours = offer.hours_per_week
        if hours is not None and hours > high + th.hours_exclusion_margin:
            excluded.add("hours")
        if for_employer and not profile.consent_promotion:
            excluded.add("consent")
        if excluded:
            return Reference(frozenset(excluded), minutes=minutes, mode=mode)

        free = th.reach_free_minutes
        if to_check:
            reach = th.reach_unknown
        elif minutes <= free:
            reach = 1.0
        else:
            reach = 1.0 - (minutes - free) / max(max_minutes - free, 1.0) * (1.0 - th.reach_at_max)
        if hours is None:
            hours_fit = th.hours_unknown
        else:
            gap = max(max(low - hours, hours - high), 0.0)
            hours_fit = max(1.0 - gap / th.hours_tolerance, 0.0)
        late = ((profile.available_from or self.today) - (offer.start_date or self.today)).days
        if late <= th.availability_grace_days:
            availability = 1.0
        else:
            span = th.availability_zero_days - th.availability_grace_days
            availability = max(1.0 - (late - th.availability_grace_days) / span, 0.0)
        w = self.w
        raw = (w.job * job + w.reach * reach + w.hours * hours_fit
               + w.availability * availability) * (100.0 / w.total())
        return Reference(frozenset(), math.floor(raw * 10.0 + 0.5) / 10.0,
                         (job, reach, hours_fit, availability), minutes, mode)
