"""Offers for every profile, computed offer by offer: the same pairs cost the same both ways.

Ranking the offers of each person one person at a time scores every (person, offer) pair
densely (20,000 people x 2,000 offers: 40 M pairs, 85 s and 1.5 GB). The offers direction
reaches only the candidate pairs through the profile pool's inverted indexes. This module
runs that same offer-by-offer pass and turns its result around:

1. every offer's candidate pairs are scored (`offer_pairs`), and for each person are kept
   only the counts (candidates, exclusions by first category) and the `top` best (offer,
   score) keys so far;
2. the offers holding a chosen pair are scored again, and only the chosen pairs become
   Match records with their reasons.

Results equal `Engine.rank_offers` for each person (tests/matching/test_engine.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from matching.explain import Explainer
from matching.pairs import Pairs, Settings, offer_pairs
from matching.pools import OfferPool, ProfilePool
from matching.results import Match, ProfileResult
from matching.scoring import CATEGORIES

OFFER_CHUNK = 256  # offers whose title similarities are computed together
_TRAVEL = CATEGORIES.index("travel")


def _offer_pairs(settings: Settings, offers: OfferPool, pool: ProfilePool,
                 for_employer: bool, wanted: np.ndarray | None = None
                 ) -> Iterator[tuple[int, Pairs]]:
    """(offer index, its reachable candidate pairs) for every offer, or the `wanted` ones."""
    text = settings.referential.job_text
    for start in range(0, len(offers), OFFER_CHUNK):
        indices = np.arange(start, min(start + OFFER_CHUNK, len(offers)))
        if wanted is not None:
            indices = indices[wanted[indices]]
            if indices.size == 0:
                continue
        chunk = offers.title_vectors[indices]
        for i, code_sim, title_sim in zip(indices.tolist(), text.code_similarity(chunk),
                                          text.pairwise(chunk, pool.title_vectors)):
            yield i, offer_pairs(settings, offers, i, pool, code_sim, title_sim, for_employer)


class _Best:
    """The `top` best (offer, score) of each person so far, as sorted int64 keys."""

    def __init__(self, n_profiles: int, n_offers: int, top: int):
        self.top = top
        self.per_profile = 1001 * n_offers  # key space of one person: score, then offer
        self.n_offers = n_offers
        self.keys = np.zeros(0, dtype=np.int64)
        self.pending: list[np.ndarray] = []

    def add(self, offer: int, rows: np.ndarray, score: np.ndarray) -> None:
        tenths = 1000 - np.rint(score * 10).astype(np.int64)
        self.pending.append(rows.astype(np.int64) * self.per_profile
                            + tenths * self.n_offers + offer)

    def reduce(self) -> None:
        keys = np.sort(np.concatenate([self.keys, *self.pending]))
        self.pending = []
        rows = keys // self.per_profile
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        rank = np.arange(keys.size) - np.repeat(starts, np.diff(np.r_[starts, keys.size]))
        self.keys = keys[rank < self.top]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(profile rows, offer indices) of the chosen pairs, each person's best first."""
        self.reduce()
        return self.keys // self.per_profile, self.keys % self.n_offers


def rank_offers_for_all(settings: Settings, offers: OfferPool, pool: ProfilePool, top: int,
                        for_employer: bool = False,
                        progress: Callable[[int, int], None] | None = None
                        ) -> list[ProfileResult]:
    """Engine.rank_offers for every profile of `pool` (id order), without the exclusion list."""
    n = len(pool)
    n_categories = len(CATEGORIES)
    candidates, counted = np.zeros(n, dtype=np.int64), np.zeros(n * n_categories, dtype=np.int64)
    best = _Best(n, len(offers), top)
    for done, (i, pairs) in enumerate(_offer_pairs(settings, offers, pool, for_employer), 1):
        candidates += np.bincount(pairs.rows, minlength=n) + np.bincount(pairs.far, minlength=n)
        excluded = np.flatnonzero(pairs.bits)
        bits = pairs.bits[excluded]
        first = np.log2(bits & -bits).astype(np.int64)
        counted += np.bincount(np.r_[pairs.rows[excluded] * n_categories + first,
                                     pairs.far * n_categories + _TRAVEL],
                               minlength=n * n_categories)
        if top > 0 and pairs.kept.size:
            best.add(i, pairs.rows[pairs.kept], pairs.score)
        if done % OFFER_CHUNK == 0 and top > 0:
            best.reduce()
    matches: list[list[Match]] = [[] for _ in range(n)]
    if top > 0:
        rows, chosen_offers = best.pairs()
        wanted = np.zeros(len(offers), dtype=bool)
        wanted[chosen_offers] = True
        by_offer = np.argsort(chosen_offers, kind="stable")
        bounds = np.searchsorted(chosen_offers[by_offer], np.arange(len(offers) + 1))
        slots: dict[tuple[int, int], Match] = {}
        for i, pairs in _offer_pairs(settings, offers, pool, for_employer, wanted):
            mine = rows[by_offer[bounds[i]:bounds[i + 1]]]
            kept_rows = pairs.rows[pairs.kept]
            order = np.argsort(kept_rows, kind="stable")
            j = order[np.searchsorted(kept_rows[order], mine)]
            explainer = Explainer(settings, offers, pool, offer_side=True, offer_index=i)
            for row, match in zip(mine.tolist(), explainer.records(pairs, j)):
                slots[(row, i)] = match
        for row, i in zip(rows.tolist(), chosen_offers.tolist()):  # best first per person
            matches[row].append(slots[(row, i)])
    per_category = counted.reshape(n, n_categories)
    results = []
    for row in range(n):
        counts = per_category[row]
        order = sorted((c for c in range(n_categories) if counts[c]),
                       key=lambda c: (-counts[c], c))
        results.append(ProfileResult(
            pool.ids[row], tuple(matches[row]), int(candidates[row]), int(counts.sum()),
            tuple((CATEGORIES[c], int(counts[c])) for c in order)))
        if progress:
            progress(row + 1, n)
    return results
