"""Offers for every profile, computed offer by offer: the same pairs cost the same both ways.

Ranking the offers of each person one person at a time scores every (person, offer) pair
densely (20,000 people x 2,000 offers: 40 M pairs, 85 s and 1.5 GB). The offers direction
reaches only the candidate pairs through the profile pool's inverted indexes. This module
runs that same offer-by-offer pass and turns its result around: for each person are kept
the counts (candidates, exclusions by first category) and the `top` best pairs so far, with
the columns needed to write them (`Chosen`); a pair that cannot beat a person's current
`top`-th is dropped at once. The kept pairs then become Match records with their reasons
(matching/match_records.py), as in the offers direction, a chunk of people at a time, each
chunk when asked for: `rank` writes one before the next is built (250,000 matches for
20,000 people are never all held).

Results equal `Engine.rank_offers` for each person (tests/matching/test_engine.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain

import numpy as np

from matching.explain import Explainer
from matching.match_records import Chosen, Made, build_matches
from matching.pairs import Pairs, ReachCache, Settings, offer_pairs, title_similarities
from matching.pools import OfferPool, ProfilePool
from matching.results import ProfileResult
from matching.scoring import CATEGORIES

# Offers whose counts are added up together (one bincount each, not one per offer); their
# candidate rows are held meanwhile (some 3,000 per offer against 20,000 people).
COUNTED_OFFERS = 32
_TRAVEL = CATEGORIES.index("travel")
PENDING_MIN = 1 << 16  # pairs waiting before the best are sorted again
PEOPLE_PER_CHUNK = 256  # people whose Match records are built together (offers_for_all_in_chunks)


def _offer_pairs(settings: Settings, offers: OfferPool, pool: ProfilePool,
                 for_employer: bool) -> Iterator[tuple[int, Pairs]]:
    """(offer index, its reachable candidate pairs) for every offer."""
    reach = ReachCache(settings, pool, full=False)
    for i, code_sim, title_sim, shared in title_similarities(settings, offers, pool):
        yield i, offer_pairs(settings, offers, i, pool, code_sim, title_sim, for_employer,
                             reach=reach if shared else None)


class _Best:
    """The `top` best (offer, score) of each person so far, as sorted int64 keys (person,
    then score, then offer), with the columns of those pairs."""

    def __init__(self, n_profiles: int, n_offers: int, top: int):
        self.top = top
        self.per_profile = 1001 * n_offers  # key space of one person: score, then offer
        self.n_offers = n_offers
        self.keys = np.zeros(0, dtype=np.int64)
        self.chosen = Chosen.empty()
        # A pair enters only with a key below its person's bound: their current top-th key.
        self.bound = (np.arange(n_profiles, dtype=np.int64) + 1) * self.per_profile
        self.pending: list[tuple[np.ndarray, Chosen]] = []
        self.pending_size = 0
        self.reduce_at = max(top * n_profiles // 4, PENDING_MIN)

    def add(self, offer: int, pairs: Pairs, explainer: Explainer) -> None:
        """Offer the kept pairs of one offer."""
        rows = np.take(pairs.rows, pairs.kept)
        tenths = 1000 - np.rint(pairs.score * 10).astype(np.int64)
        keys = rows * self.per_profile + tenths * self.n_offers + offer
        enter = np.flatnonzero(keys < np.take(self.bound, rows))
        if enter.size == 0:
            return
        self.pending.append((keys[enter], explainer.chosen(pairs, enter).compact()))
        self.pending_size += enter.size
        if self.pending_size >= self.reduce_at:
            self.reduce()

    def reduce(self) -> None:
        """Keep each person's `top` best keys; lower the bounds."""
        keys = np.concatenate([self.keys, *(k for k, _ in self.pending)])
        parts = [self.chosen, *(c for _, c in self.pending)]
        self.pending, self.pending_size = [], 0
        order = np.argsort(keys)
        keys = keys[order]
        rows = keys // self.per_profile
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        rank = np.arange(keys.size) - np.repeat(starts, np.diff(np.r_[starts, keys.size]))
        kept = rank < self.top
        self.keys, self.chosen = keys[kept], Chosen.concat_take(parts, order[kept])
        full = rank == self.top - 1
        self.bound[rows[full]] = keys[full]

    def per_person(self, n_profiles: int) -> tuple[Chosen, list[int]]:
        """The chosen pairs, each person's best first, and where each person's end."""
        self.reduce()
        counts = np.bincount(self.keys // self.per_profile, minlength=n_profiles)
        return self.chosen, np.cumsum(counts).tolist()


class _Counts:
    """Per person: candidate offers, and exclusions by first category (person x category
    cells), counted COUNTED_OFFERS offers at a time."""

    def __init__(self, n_profiles: int, n_categories: int):
        self.candidates = np.zeros(n_profiles, dtype=np.int64)
        self.excluded = np.zeros(n_profiles * n_categories, dtype=np.int64)
        self.pending: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])

    def add(self, *arrays: np.ndarray) -> None:
        """Two arrays of candidate rows, then two of excluded (row, category) cells."""
        self.pending[0].extend(arrays[:2])
        self.pending[1].extend(arrays[2:])
        if len(self.pending[0]) >= 2 * COUNTED_OFFERS:
            self._flush()

    def _flush(self) -> None:
        for total, pending in zip((self.candidates, self.excluded), self.pending):
            if pending:
                total += np.bincount(np.concatenate(pending), minlength=total.size)
                pending.clear()

    def totals(self) -> tuple[np.ndarray, np.ndarray]:
        """(candidates per person, excluded per person x category cell)."""
        self._flush()
        return self.candidates, self.excluded


def rank_offers_for_all(settings: Settings, offers: OfferPool, pool: ProfilePool, top: int,
                        for_employer: bool = False,
                        progress: Callable[[int, int], None] | None = None
                        ) -> list[ProfileResult]:
    """Engine.rank_offers for every profile of `pool` (id order), without the exclusion list."""
    return list(chain.from_iterable(offers_for_all_in_chunks(
        settings, offers, pool, top, for_employer, progress)))


def offers_for_all_in_chunks(settings: Settings, offers: OfferPool, pool: ProfilePool,
                             top: int, for_employer: bool = False,
                             progress: Callable[[int, int], None] | None = None,
                             people: int | None = None) -> Iterator[list[ProfileResult]]:
    """rank_offers_for_all, `people` results at a time: after the pass over the offers, the
    Match records of one chunk of people are built when it is asked for, so that a caller
    writing each chunk before the next never holds every match (20,000 people x 20 offers:
    250,000 matches and their JSON, 220 MB). `people`: PEOPLE_PER_CHUNK unless given."""
    people = people or PEOPLE_PER_CHUNK
    n = len(pool)
    n_categories = len(CATEGORIES)
    counts = _Counts(n, n_categories)
    best = _Best(n, len(offers), top)
    for i, pairs in _offer_pairs(settings, offers, pool, for_employer):
        excluded = np.flatnonzero(pairs.bits)
        bits = pairs.bits[excluded]
        first = np.log2(bits & -bits).astype(np.int64)
        counts.add(pairs.rows, pairs.far, pairs.rows[excluded] * n_categories + first,
                   pairs.far * n_categories + _TRAVEL)
        if top > 0 and pairs.kept.size:
            best.add(i, pairs, Explainer(settings, offers, pool, offer_side=True,
                                         offer_index=i))
    candidates, counted = counts.totals()
    chosen, ends = best.per_person(n)
    starts = [0, *ends]
    per_category = counted.reshape(n, n_categories)
    made: Made = {}  # each travel and reason made once for every chunk
    for first in range(0, n, people):
        last = min(first + people, n)
        offset = starts[first]
        matches = build_matches(offers, pool, chosen.between(offset, starts[last]).wide(),
                                settings.today, made)
        results = []
        for row, begin, end, total, excluded, counts in zip(
                range(first, last), starts[first:last], ends[first:last],
                candidates[first:last].tolist(), per_category[first:last].sum(axis=1).tolist(),
                per_category[first:last].tolist()):
            order = sorted((c for c in range(n_categories) if counts[c]),
                           key=lambda c: (-counts[c], c))
            results.append(ProfileResult(
                pool.ids[row], tuple(matches[begin - offset:end - offset]), total, excluded,
                tuple((CATEGORIES[c], counts[c]) for c in order)))
            if progress:
                progress(row + 1, n)
        yield results
