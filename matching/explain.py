"""Scored pairs turned into Match and Exclusion records with their French reasons."""

from __future__ import annotations

import numpy as np

from matching.exchange import MODES, Offer, Profile
from matching.jobfit import TEXT, shown_level
from matching.match_records import Chosen, build_matches
from matching.pairs import Pairs, Settings, take
from matching.pools import MAX_TARGETS, OfferPool, ProfilePool
from matching.reasons import ExclusionFacts, exclusion_reasons
from matching.results import Exclusion, Match
from matching.scoring import CATEGORIES, CHILDCARE_FLAGS, categories_of


def best_first(score: np.ndarray, rows: np.ndarray, top: int) -> np.ndarray:
    """Positions of the `top` best scores, highest first, ties by row (that is, by id)."""
    if score.size == 0 or top <= 0:
        return np.zeros(0, dtype=np.int64)
    key = (1000 - np.rint(score * 10)).astype(np.int64) * (int(rows.max()) + 1) + rows
    chosen = np.argpartition(key, top - 1)[:top] if top < key.size else np.arange(key.size)
    return chosen[np.argsort(key[chosen], kind="stable")]


def _per_pair(values: np.ndarray | float, positions: np.ndarray) -> np.ndarray:
    return np.broadcast_to(take(values, positions), positions.shape)


class Explainer:
    """Builds the records of one ranking: one offer's profiles, or one profile's offers."""

    def __init__(self, settings: Settings, offers: OfferPool, profiles: ProfilePool,
                 offer_side: bool, offer_index: int = 0, profile_index: int = 0):
        self.settings = settings
        self.offers = offers
        self.profiles = profiles
        self.offer_side = offer_side
        self.offer_index = offer_index
        self.profile_index = profile_index

    def _sides(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(offer indices, profile indices) of pairs given by their ranked-side rows."""
        fixed = np.full(rows.shape, self.offer_index if self.offer_side else self.profile_index)
        return (fixed, rows) if self.offer_side else (rows, fixed)

    def matches(self, pairs: Pairs, top: int) -> tuple[Match, ...]:
        """The `top` kept pairs, best first, with their reasons."""
        return self.records(pairs, best_first(pairs.score, np.take(pairs.rows, pairs.kept), top))

    def records(self, pairs: Pairs, j: np.ndarray) -> tuple[Match, ...]:
        """The Match records of the kept pairs at positions `j` of `pairs.kept`, in that order."""
        return tuple(build_matches(self.offers, self.profiles, self.chosen(pairs, j),
                                   self.settings.today))

    def chosen(self, pairs: Pairs, j: np.ndarray) -> Chosen:
        """The columns of the kept pairs at positions `j` of `pairs.kept`, for build_matches."""
        if j.size == 0:
            return Chosen.empty()
        k = np.take(pairs.kept, j)  # positions in pairs.rows
        o, p = self._sides(np.take(pairs.rows, k))
        trips, inputs, job = pairs.trips, pairs.inputs, pairs.job
        rank, similarity = np.take(job.rank, j), np.take(job.similarity, j)
        level = shown_level(np.take(job.level, j), rank, similarity,
                            self.settings.thresholds.text_min_similarity)
        by_text = np.flatnonzero(level == TEXT)
        source = np.zeros(j.size, dtype=np.int64)
        if by_text.size:
            source[by_text] = pairs.text_source(j[by_text])
            if not self.offer_side:
                self._own_title_positions(source)
        components = [np.take(c, j) for c in pairs.components]
        return Chosen(
            o, p, np.take(pairs.score, j), *components, level, rank, similarity, source,
            np.floor(np.take(trips.minutes, k) + 0.5).astype(np.int64),
            np.round(np.take(trips.km, k), 1), np.take(trips.mode, k),
            np.take(trips.to_check, k), np.take(job.months, j).astype(np.int64),
            np.rint(_per_pair(inputs.max_minutes, k)).astype(np.int64),
            *(_per_pair(v, k).astype(np.float64) for v in (inputs.offer_hours, inputs.min_hours,
                                                           inputs.max_hours)))

    def _own_title_positions(self, source: np.ndarray) -> None:
        """One person's pairs: their free titles are scored in sorted order, without repeats
        (candidates.title_match, title_matches); the reasons read a source as a position in
        the person's own list (match_records._job_reasons). Turn the first into the second."""
        titles = self.profiles.profiles[self.profile_index].target_titles
        if len(titles) < 2:
            return
        own = np.array([titles.index(t) for t in sorted(set(titles))])
        by_title = np.flatnonzero(source >= MAX_TARGETS)
        source[by_title] = MAX_TARGETS + own[source[by_title] - MAX_TARGETS]

    def exclusions(self, pairs: Pairs) -> tuple[Exclusion, ...]:
        """Every evaluated pair that breaks a constraint, with all its reasons, in id order."""
        p, out = pairs.inputs, []
        k = np.flatnonzero(pairs.bits)
        k = k[np.argsort(pairs.rows[k], kind="stable")]
        o, pr = self._sides(pairs.rows[k])
        columns = [_per_pair(v, k).tolist() for v in (p.max_minutes, p.max_km, p.offer_hours,
                                                      p.max_hours)]
        for n, (oi, pi) in enumerate(zip(o.tolist(), pr.tolist())):
            offer, profile = self.offers.offers[oi], self.profiles.profiles[pi]
            categories = categories_of(int(pairs.bits[k[n]]))
            facts = ExclusionFacts(
                minutes=float(pairs.trips.minutes[k[n]]),
                mode=MODES[int(pairs.trips.mode[k[n]])], max_minutes=columns[0][n],
                km=float(pairs.trips.km[k[n]]), max_km=columns[1][n],
                offer_hours=columns[2][n], max_hours=columns[3][n],
                hours_margin=self.settings.thresholds.hours_exclusion_margin,
                childcare_patterns=_childcare_patterns(offer, profile))
            out.append(Exclusion(offer.id, profile.id, categories,
                                 exclusion_reasons(categories, facts)))
        return tuple(out)

    @staticmethod
    def counts(pairs: Pairs) -> tuple[int, tuple[tuple[str, int], ...]]:
        """(excluded count, [(first category, count)...] by count then category order)."""
        bits = pairs.bits[pairs.bits != 0]
        per_category = np.bincount(np.log2(bits & -bits).astype(np.int64),
                                   minlength=len(CATEGORIES))
        per_category[CATEGORIES.index("travel")] += pairs.unreachable
        order = sorted((i for i in range(len(CATEGORIES)) if per_category[i]),
                       key=lambda i: (-per_category[i], i))
        return (int(bits.size) + pairs.unreachable,
                tuple((CATEGORIES[i], int(per_category[i])) for i in order))


def _childcare_patterns(offer: Offer, profile: Profile) -> tuple[str, ...]:
    if not profile.childcare_constraint:
        return ()
    return tuple(flag for flag in CATEGORIES if flag in CHILDCARE_FLAGS
                 and getattr(offer.schedule, flag) and not getattr(profile.availability, flag))
