"""The matching engine: ranks profiles for offers and offers for profiles, vectorised."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from matching.candidates import (
    TextMatch,
    Trips,
    offer_candidates,
    offer_side,
    offer_text_match,
    profile_text_match,
    trips_from_profile,
    trips_to_offer,
)
from matching.exchange import MODES, SCHEDULE_FLAGS, Offer, Profile
from matching.explain import Explainer
from matching.jobfit import JobFit, job_fit
from matching.pools import OfferPool, ProfilePool, effective_modes
from matching.referential import Referential
from matching.results import OfferResult, ProfileResult
from matching.scoring import (
    PairInputs,
    availability_fit,
    exclusion_bits,
    hours_fit,
    reach_fit,
    total_score,
)
from matching.weights import DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, Thresholds, Weights

OFFER_CHUNK = 256  # offers whose title similarities are computed together in rank_all
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Pairs:
    """The candidate pairs of one offer (or one profile), scored.

    `rows` index the ranked side (profiles of a ProfilePool or offers of an OfferPool);
    `kept` marks the pairs that pass every hard constraint.
    """

    rows: np.ndarray
    fit: JobFit
    text: TextMatch
    months: np.ndarray
    trips: Trips
    inputs: PairInputs
    bits: np.ndarray
    components: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    score: np.ndarray

    @property
    def kept(self) -> np.ndarray:
        """Pairs with a job fit and no broken constraint."""
        return self.bits == 0


class Engine:
    """Scores pairs with one set of weights and thresholds."""

    def __init__(self, referential: Referential, weights: Weights = DEFAULT_WEIGHTS,
                 thresholds: Thresholds = DEFAULT_THRESHOLDS, today: date | None = None):
        self.referential = referential
        self.weights = weights
        self.thresholds = thresholds
        self._today = today

    @property
    def today(self) -> date:
        """The date that stands for unknown start and availability dates."""
        return self._today or date.today()

    def profile_pool(self, profiles: Sequence[Profile]) -> ProfilePool:
        """Index profiles once, to rank them for many offers."""
        return ProfilePool(profiles, self.referential)

    def offer_pool(self, offers: Sequence[Offer]) -> OfferPool:
        """Index offers once (inferring missing ROME codes), to rank them for many profiles."""
        return OfferPool(offers, self.referential)

    def rank_profiles(self, offer: Offer, pool: ProfilePool, top: int = 20,
                      explain: bool = False, for_employer: bool = False) -> OfferResult:
        """The `top` profiles for one offer, best first, ties by profile id."""
        offers = self.offer_pool([offer])
        code_sim = self.referential.job_text.code_similarity(offers.title_vectors)[0]
        return self._offer_result(offers, 0, pool, code_sim, top, explain, for_employer)

    def rank_all(self, offers: Sequence[Offer] | OfferPool, pool: ProfilePool, top: int = 20,
                 explain: bool = False, for_employer: bool = False,
                 progress: Progress | None = None) -> list[OfferResult]:
        """rank_profiles for every offer (in id order); progress(done, total) after each."""
        offers = offers if isinstance(offers, OfferPool) else self.offer_pool(offers)
        results = []
        for start in range(0, len(offers), OFFER_CHUNK):
            chunk = offers.title_vectors[start:start + OFFER_CHUNK]
            code_sims = self.referential.job_text.code_similarity(chunk)
            for j, code_sim in enumerate(code_sims):
                results.append(self._offer_result(offers, start + j, pool, code_sim, top,
                                                  explain, for_employer))
                if progress:
                    progress(len(results), len(offers))
        return results

    def rank_offers(self, profile: Profile, offers: OfferPool, top: int = 20,
                    explain: bool = False, for_employer: bool = False) -> ProfileResult:
        """The `top` offers for one profile, best first, ties by offer id."""
        pairs = self.profile_pairs(profile, offers, for_employer)
        explainer = Explainer(self, offers, ProfilePool([profile], self.referential))
        matches = explainer.matches(pairs, top, offer_side=False)
        excluded = explainer.exclusions(pairs, offer_side=False) if explain else ()
        return ProfileResult(profile.id, matches, len(pairs.rows), *explainer.counts(pairs),
                             excluded=excluded)

    def _offer_result(self, offers: OfferPool, index: int, pool: ProfilePool,
                      code_sim: np.ndarray, top: int, explain: bool,
                      for_employer: bool) -> OfferResult:
        pairs = self.offer_pairs(offers, index, pool, code_sim, for_employer)
        explainer = Explainer(self, offers, pool, index)
        matches = explainer.matches(pairs, top, offer_side=True)
        excluded = explainer.exclusions(pairs, offer_side=True) if explain else ()
        return OfferResult(offers.ids[index], offers.rome_codes[index],
                           offers.rome_inferred(index), matches, len(pairs.rows),
                           *explainer.counts(pairs), excluded=excluded)

    def offer_pairs(self, offers: OfferPool, i: int, pool: ProfilePool,
                    code_sim: np.ndarray, for_employer: bool = False) -> Pairs:
        """Candidate profiles of offer `i`, scored (code_sim: its similarity to each code)."""
        th = self.thresholds
        side = offer_side(pool, offers, i, code_sim)
        rows = offer_candidates(pool, offers.grand[i], side, th.text_min_similarity)
        text = offer_text_match(pool, side, rows)
        months = _months_for(pool, offers.code[i], rows)
        fit = job_fit(offers.code[i], offers.domain[i], offers.grand[i], pool.targets[rows],
                      pool.target_domains[rows], pool.target_grands[rows], text.similarity,
                      months, th.text_min_similarity)
        trips = trips_to_offer(pool, offers.commune[i], rows)
        today = self.today.toordinal()
        start = offers.start_day[i]
        available = pool.available_day[rows]
        max_minutes = pool.max_minutes[rows]
        inputs = PairInputs(
            requires_licence=offers.requires_licence[i],
            requires_vehicle=offers.requires_vehicle[i],
            schedule=offers.flags[i], offer_hours=offers.hours[i],
            start_day=start if start >= 0 else today,
            licence=pool.licence[rows], vehicle=pool.vehicle[rows],
            accepts=pool.accepts[rows], childcare=pool.childcare[rows],
            min_hours=pool.min_hours[rows], max_hours=pool.max_hours[rows],
            available_day=np.where(available >= 0, available, today),
            consent=pool.consent[rows],
            max_minutes=np.where(np.isnan(max_minutes), th.default_max_minutes, max_minutes),
            max_km=pool.max_km[rows], minutes=trips.minutes, km=trips.km)
        return self._score(rows, fit, text, months, trips, inputs, for_employer)

    def profile_pairs(self, profile: Profile, offers: OfferPool,
                      for_employer: bool = False) -> Pairs:
        """Candidate offers of one profile, scored."""
        th, ref = self.thresholds, self.referential
        codes = [ref.rome_index[c] for c in profile.target_rome_codes]
        text = profile_text_match(ref, offers, codes,
                                  ref.job_text.vectorize(profile.target_titles))
        targets = np.full(5, -1, dtype=np.int32)
        targets[:len(codes)] = codes
        target_domains = np.where(targets >= 0, ref.domain_ids[targets], -1)
        target_grands = np.where(targets >= 0, ref.grand_domain_ids[targets], -1)
        experience = np.zeros(len(ref.rome_codes) + 1)
        for code, months in profile.experience_months:
            experience[ref.rome_index[code]] = months
        all_months = experience[offers.code]
        fit = job_fit(offers.code, offers.domain, offers.grand, targets, target_domains,
                      target_grands, text.similarity, all_months, th.text_min_similarity)
        rows = np.flatnonzero(fit.value > 0)
        fit = JobFit(fit.value[rows], fit.level[rows], fit.target[rows])
        modes = np.array([m in effective_modes(profile) for m in MODES])
        trips = trips_from_profile(ref, ref.commune_index[profile.commune], modes,
                                   offers.commune[rows])
        today = self.today.toordinal()
        starts = offers.start_day[rows]
        av, mob = profile.availability, profile.mobility
        inputs = PairInputs(
            requires_licence=offers.requires_licence[rows],
            requires_vehicle=offers.requires_vehicle[rows],
            schedule=offers.flags[rows], offer_hours=offers.hours[rows],
            start_day=np.where(starts >= 0, starts, today),
            licence=profile.driving_licence, vehicle=profile.vehicle,
            accepts=np.array([getattr(av, f) for f in SCHEDULE_FLAGS]),
            childcare=profile.childcare_constraint,
            min_hours=av.min_hours_per_week or 0.0,
            max_hours=np.inf if av.max_hours_per_week is None else av.max_hours_per_week,
            available_day=(profile.available_from or self.today).toordinal(),
            consent=profile.consent_promotion,
            max_minutes=mob.max_minutes or th.default_max_minutes,
            max_km=mob.max_km or np.inf, minutes=trips.minutes, km=trips.km)
        text = TextMatch(text.similarity[rows], text.source[rows])
        return self._score(rows, fit, text, all_months[rows], trips, inputs, for_employer)

    def _score(self, rows: np.ndarray, fit: JobFit, text: TextMatch,
               months: np.ndarray, trips: Trips, p: PairInputs, for_employer: bool) -> Pairs:
        th = self.thresholds
        bits = exclusion_bits(p, th, for_employer)
        components = (fit.value, reach_fit(p.minutes, p.max_minutes, th),
                      hours_fit(p.offer_hours, p.min_hours, p.max_hours, th),
                      availability_fit(p.start_day, p.available_day, th))
        components = tuple(np.broadcast_to(c, rows.shape) for c in components)
        score = total_score(*components, self.weights)
        return Pairs(rows, fit, text, months, trips, p, bits, components, score)


def _months_for(pool: ProfilePool, code: int, rows: np.ndarray) -> np.ndarray:
    """Months of experience of the profiles `rows` in one ROME code (0 when none)."""
    months = np.zeros(rows.size)
    positions = pool.experience.of(code) if code >= 0 else np.zeros(0, dtype=np.int64)
    if positions.size == 0:
        return months
    holders = pool.experience_rows[positions]
    where = np.minimum(np.searchsorted(holders, rows), holders.size - 1)
    hit = holders[where] == rows
    months[hit] = pool.experience_months[positions[where[hit]]]
    return months
