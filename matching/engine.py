"""The matching engine: ranks profiles for offers and offers for profiles, vectorised."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import chain

import numpy as np

from matching.candidates import title_matches
from matching.exchange import Offer, Profile
from matching.explain import Explainer, best_first
from matching.match_records import Chosen, build_matches
from matching.pairs import (
    ReachCache,
    Settings,
    offer_pairs,
    profile_pairs,
    title_similarities,
)
from matching.pools import OfferPool, ProfilePool
from matching.referential import Referential
from matching.results import Exclusion, OfferResult, ProfileResult
from matching.weights import DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, Thresholds, Weights

PROFILE_CHUNK = 256  # profiles indexed and text-matched together in rank_all_profiles
# A pass over every offer (matching/transposed.py) costs the same for 10 people as for 400;
# ranking person by person costs per person. Measured against 9,000 offers (CPU): 10 people
# 0.3 s vs 7.3 s, 80 people 2.0 s vs 6.8 s, 400 people 11.6 s vs 6.8 s: below one person for
# TRANSPOSED_MIN_OFFERS_PER_PERSON offers (an AE's caseload), person by person is cheaper.
TRANSPOSED_MIN_OFFERS_PER_PERSON = 30
Progress = Callable[[int, int], None]


class Engine:
    """Ranks with one referential, one set of weights and thresholds.

    `today` stands for unknown start and availability dates; the caller gives it (the library
    never reads the clock).
    """

    def __init__(self, referential: Referential, weights: Weights = DEFAULT_WEIGHTS,
                 thresholds: Thresholds = DEFAULT_THRESHOLDS, *, today: date):
        self.referential = referential
        self.weights = weights
        self.thresholds = thresholds
        self.today = today

    def settings(self) -> Settings:
        """The scoring settings of this engine, today's date fixed."""
        return Settings(self.referential, self.weights, self.thresholds, self.today)

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
        return self.rank_all(offers, pool, top, explain, for_employer)[0]

    def rank_all(self, offers: Sequence[Offer] | OfferPool, pool: ProfilePool, top: int = 20,
                 explain: bool = False, for_employer: bool = False,
                 progress: Progress | None = None) -> list[OfferResult]:
        """rank_profiles for every offer, in id order; progress(done, total) after each is
        scored (the Match records of all offers are then built in one batch)."""
        offers = offers if isinstance(offers, OfferPool) else self.offer_pool(offers)
        settings = self.settings()
        scored: list[tuple[int, int, tuple[int, tuple[tuple[str, int], ...]],
                           tuple[Exclusion, ...]]] = []
        chosen: list[Chosen] = []
        reach = ReachCache(settings, pool, full=explain)
        for i, code_sim, title_sim, shared in title_similarities(settings, offers, pool):
            pairs = offer_pairs(settings, offers, i, pool, code_sim, title_sim,
                                for_employer, full=explain, reach=reach if shared else None)
            explainer = Explainer(settings, offers, pool, offer_side=True, offer_index=i)
            chosen.append(explainer.chosen(
                pairs, best_first(pairs.score, np.take(pairs.rows, pairs.kept), top)))
            scored.append((i, pairs.rows.size + pairs.unreachable, explainer.counts(pairs),
                           explainer.exclusions(pairs) if explain else ()))
            if progress:
                progress(len(scored), len(offers))
        in_order = sorted(range(len(scored)), key=lambda n: scored[n][0])
        scored, chosen = [scored[n] for n in in_order], [chosen[n] for n in in_order]
        matches = build_matches(offers, pool, Chosen.concat(chosen), self.today)
        ends = np.cumsum([len(c) for c in chosen]).tolist()
        return [OfferResult(offers.ids[i], offers.rome_codes[i], offers.rome_inferred(i),
                            tuple(matches[end - len(c):end]), candidates, *counts,
                            excluded=excluded, rome_suggestions=offers.rome_suggestions(i))
                for (i, candidates, counts, excluded), c, end in zip(scored, chosen, ends)]

    def rank_offers(self, profile: Profile, offers: OfferPool, top: int = 20,
                    explain: bool = False, for_employer: bool = False) -> ProfileResult:
        """The `top` offers for one profile, best first, ties by offer id."""
        settings = self.settings()
        person = ProfilePool([profile], self.referential)
        pairs = profile_pairs(settings, person, offers, for_employer)
        explainer = Explainer(settings, offers, person, offer_side=False)
        return ProfileResult(profile.id, explainer.matches(pairs, top), pairs.rows.size,
                             *explainer.counts(pairs),
                             excluded=explainer.exclusions(pairs) if explain else ())

    def rank_all_profiles(self, profiles: Sequence[Profile], offers: OfferPool,
                          top: int = 20, explain: bool = False, for_employer: bool = False,
                          progress: Progress | None = None) -> list[ProfileResult]:
        """rank_offers for every profile, in id order; progress(done, total) after each.

        Without `explain`, and unless the people are few against many offers, the pairs are
        scored offer by offer through the profile pool's indexes (matching/transposed.py), as in
        rank_all: the same pairs cost the same in both directions. Otherwise profiles are indexed
        and their text similarities to the offers computed a chunk at a time (with `explain`,
        every pair of each person is listed)."""
        return list(chain.from_iterable(self.rank_all_profiles_in_chunks(
            profiles, offers, top, explain, for_employer, progress)))

    def rank_all_profiles_in_chunks(self, profiles: Sequence[Profile], offers: OfferPool,
                                    top: int = 20, explain: bool = False,
                                    for_employer: bool = False, progress: Progress | None = None
                                    ) -> Iterator[list[ProfileResult]]:
        """rank_all_profiles a chunk of people at a time, each chunk's Match records built when
        it is asked for: a caller that writes each chunk before asking for the next never
        holds them all (`python -m matching rank --direction profiles`)."""
        settings = self.settings()
        few = len(profiles) * TRANSPOSED_MIN_OFFERS_PER_PERSON < len(offers)
        if not explain and not few:
            from matching.transposed import offers_for_all_in_chunks

            yield from offers_for_all_in_chunks(settings, offers, self.profile_pool(profiles),
                                                top, for_employer, progress)
            return
        ordered = sorted(profiles, key=lambda p: p.id)
        done = 0
        for start in range(0, len(ordered), PROFILE_CHUNK):
            pool = ProfilePool(ordered[start:start + PROFILE_CHUNK], self.referential)
            texts = title_matches(self.referential, offers.title_vectors, offers.code, pool)
            results = []
            for row, text in enumerate(texts):
                pairs = profile_pairs(settings, pool, offers, for_employer, row, text)
                explainer = Explainer(settings, offers, pool, offer_side=False,
                                      profile_index=row)
                results.append(ProfileResult(
                    pool.profiles[row].id, explainer.matches(pairs, top), pairs.rows.size,
                    *explainer.counts(pairs),
                    excluded=explainer.exclusions(pairs) if explain else ()))
                done += 1
                if progress:
                    progress(done, len(profiles))
            yield results
