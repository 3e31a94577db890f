"""Scoring the candidate pairs of one offer (against a profile pool) or of one profile.

Work is staged so that the costly parts run on few pairs: candidates come from inverted
indexes, those out of reach are only counted, hard constraints run on the rest, and the
job fit and the score on the pairs kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from matching.candidates import (
    KeyedTrips,
    TextMatch,
    Trips,
    grand_levels,
    lookup,
    offer_side,
    offer_text_match,
    text_hits,
    title_match,
    trips_from_profile,
)
from matching.jobfit import EXACT, TEXT, job_value, target_levels
from matching.pools import OfferPool, ProfilePool
from matching.referential import Referential
from matching.scoring import (
    PairInputs,
    availability_fit,
    exclusion_bits,
    hours_fit,
    reach_fit,
    total_score,
)
from matching.weights import Thresholds, Weights


@dataclass(frozen=True)
class Settings:
    """What scoring depends on besides the data."""

    referential: Referential
    weights: Weights
    thresholds: Thresholds
    today: date


@dataclass(frozen=True)
class JobDetail:
    """Job fit of some pairs with what decided it: code level, exact rank, title, months."""

    value: np.ndarray
    level: np.ndarray
    rank: np.ndarray
    similarity: np.ndarray
    months: np.ndarray


@dataclass(frozen=True)
class Pairs:
    """The evaluated pairs of one offer (or one profile).

    `rows` index the ranked side (profiles of a ProfilePool, or offers of an OfferPool);
    `trips`, `inputs` and `bits` follow `rows`; `kept` holds the positions in `rows` of the
    pairs breaking no constraint, and `job`, `components` and `score` follow `kept`.
    """

    rows: np.ndarray
    unreachable: int  # candidates out of reach: counted under "travel", not evaluated
    trips: Trips
    inputs: PairInputs
    bits: np.ndarray
    kept: np.ndarray
    job: JobDetail
    components: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    score: np.ndarray
    text_source: Callable[[np.ndarray], np.ndarray]  # kept positions -> TextMatch.source
    far: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # `unreachable` rows


def take(values: np.ndarray | float, positions: np.ndarray | int) -> np.ndarray | float:
    """values[positions] for per-pair arrays; a value shared by every pair stays as is."""
    return values if np.ndim(values) == 0 else np.take(values, positions)


def _finish(s: Settings, rows: np.ndarray, unreachable: int, trips: Trips, p: PairInputs,
            job_of: Callable[[np.ndarray], JobDetail],
            text_source: Callable[[np.ndarray], np.ndarray], for_employer: bool,
            far: np.ndarray | None = None) -> Pairs:
    th = s.thresholds
    bits = exclusion_bits(p, th, for_employer)
    kept = np.flatnonzero(bits == 0)
    job = job_of(kept)
    components = tuple(np.broadcast_to(c, kept.shape) for c in (
        job.value,
        reach_fit(take(p.minutes, kept), take(p.max_minutes, kept), th,
                  take(p.to_check, kept)),
        hours_fit(take(p.offer_hours, kept), take(p.min_hours, kept),
                  take(p.max_hours, kept), th),
        availability_fit(take(p.start_day, kept), take(p.available_day, kept), th)))
    return Pairs(rows, unreachable, trips, p, bits, kept, job, components,
                 total_score(*components, s.weights),
                 lambda positions: text_source(np.take(rows, np.take(kept, positions))),
                 np.zeros(0, dtype=np.int64) if far is None else far)


def _known_day(days: np.ndarray | int, today: int) -> np.ndarray:
    return np.where(days >= 0, days, today)


@dataclass(frozen=True)
class Reach:
    """Some candidate profiles of one offer's commune split by reach: those within it (or all
    of them, `full`) with the columns scoring reads, and those out of it (only counted)."""

    rows: np.ndarray
    at: np.ndarray  # position of each kept row among the candidates given
    far: np.ndarray
    trips: Trips
    columns: dict[str, np.ndarray]  # PairInputs fields of the profile side, following `rows`

    @classmethod
    def of(cls, s: Settings, pool: ProfilePool, keyed: KeyedTrips, rows: np.ndarray,
           full: bool) -> Reach:
        """Split `rows` (candidates of an offer whose trips `keyed` gives)."""
        max_minutes = np.take(pool.travel_limits(s.thresholds.default_max_minutes), rows)
        if full:
            at, far = np.arange(rows.size), _NONE
        else:
            reachable = keyed.within(pool, rows, max_minutes)
            at, far = np.flatnonzero(reachable), rows[~reachable]
            rows, max_minutes = np.take(rows, at), np.take(max_minutes, at)
        today = s.today.toordinal()
        columns = {
            "refusals": np.take(pool.refusals, rows), "min_hours": np.take(pool.min_hours, rows),
            "max_hours": np.take(pool.max_hours, rows),
            "available_day": _known_day(np.take(pool.available_day, rows), today),
            "consent": np.take(pool.consent, rows), "max_minutes": max_minutes,
            "max_km": np.take(pool.max_km, rows)}
        return cls(rows, at, far, keyed.trips(pool, rows), columns)

    def then(self, other: Reach) -> Reach:
        """These rows followed by `other`'s (`at` is left as this one's)."""
        if other.rows.size + other.far.size == 0:
            return self
        return Reach(np.concatenate([self.rows, other.rows]), self.at,
                     np.concatenate([self.far, other.far]),
                     Trips(*(np.concatenate([getattr(self.trips, name), getattr(other.trips, name)])
                             for name in _TRIP_FIELDS)),
                     {name: np.concatenate([column, other.columns[name]])
                      for name, column in self.columns.items()})


_TRIP_FIELDS = ("minutes", "mode", "km", "to_check")
_NONE = np.zeros(0, dtype=np.int64)
REACH_CACHE_SIZE = 16  # (grand domaine, commune) splits kept by a ReachCache (offers come grouped)


class ReachCache:
    """The profiles of a grand domaine split by reach from a commune, computed once for all
    the offers of that grand domaine in that commune (most of an offer's candidates: the
    title-only ones are split per offer), the least recently used dropped first."""

    def __init__(self, settings: Settings, pool: ProfilePool, full: bool,
                 size: int = REACH_CACHE_SIZE):
        self.settings, self.pool, self.full, self.size = settings, pool, full, size
        self._splits: OrderedDict[tuple[int, int], tuple[KeyedTrips, Reach]] = OrderedDict()

    def get(self, grand: int, commune: int) -> tuple[KeyedTrips, Reach]:
        """(trips to the commune, the split of the grand domaine's profiles)."""
        key = (grand, commune)
        found = self._splits.get(key)
        if found is not None:
            self._splits.move_to_end(key)
            return found
        keyed = KeyedTrips.to(self.pool, commune)
        found = self._splits[key] = (keyed, Reach.of(
            self.settings, self.pool, keyed, self.pool.by_grand.of(grand), self.full))
        if len(self._splits) > self.size:
            self._splits.popitem(last=False)
        return found


TITLE_CHUNK = 256  # offers whose title similarities are computed together


def title_similarities(s: Settings, offers: OfferPool, pool: ProfilePool
                       ) -> Iterator[tuple[int, np.ndarray, np.ndarray, bool]]:
    """(offer index, its title's similarity to every ROME code, to every free title of the
    pool, whether another offer of its chunk shares its grand domaine and commune) for every
    offer, a chunk at a time, each distinct title of a chunk computed once; within a chunk,
    the offers of one grand domaine and commune follow each other (they share a ReachCache
    entry; an offer sharing it with none is better split alone)."""
    text = s.referential.job_text
    for start in range(0, len(offers), TITLE_CHUNK):
        stop = min(start + TITLE_CHUNK, len(offers))
        distinct, inverse = np.unique(offers.title_ids[start:stop], return_inverse=True)
        vectors = offers.distinct_title_vectors[distinct]
        code_sims, title_sims = text.code_similarity(vectors), text.pairwise(
            vectors, pool.title_vectors)
        grands, communes = offers.grand[start:stop], offers.commune[start:stop]
        order = np.lexsort((communes, grands))
        as_before = np.zeros(order.size + 1, dtype=bool)
        as_before[1:-1] = (np.diff(grands[order]) == 0) & (np.diff(communes[order]) == 0)
        shared = as_before[:-1] | as_before[1:]
        for n, k, together in zip(order.tolist(), inverse[order].tolist(), shared.tolist()):
            yield start + n, code_sims[k], title_sims[k], together


def _in_grand(pool: ProfilePool, rows: np.ndarray, grand: int) -> np.ndarray:
    """Which profiles `rows` have a target in the grand domaine."""
    return np.take(pool.grand_bits, rows) & (1 << grand) != 0


def offer_pairs(s: Settings, offers: OfferPool, i: int, pool: ProfilePool,
                code_similarity: np.ndarray, title_similarity: np.ndarray,
                for_employer: bool = False, full: bool = False,
                reach: ReachCache | None = None) -> Pairs:
    """Candidate profiles of offer `i`, given its title's similarity to every ROME code
    and to every free title of the pool. Unless `full`, those out of reach are only counted.
    `reach`, when given (with the same `full`), shares the split by reach of the candidates
    of a grand domaine between the offers of one commune; without it (an offer alone in its
    grand domaine and commune), all the candidates are split in one pass.

    The candidates: the profiles sharing the grand domaine of the offer's code, then those
    related by title only (level TEXT); a row's position carries no meaning.
    """
    th, code, grand = s.thresholds, int(offers.code[i]), int(offers.grand[i])
    side = offer_side(pool, code, code_similarity, title_similarity)
    similarity = text_hits(pool, side, th.text_min_similarity)
    text_rows = np.flatnonzero(similarity)
    same: Reach | None = None
    if code >= 0:
        in_grand = pool.by_grand.of(grand)
        level = grand_levels(pool, code, int(offers.domain[i]), in_grand.size)
        text_rows = text_rows[~_in_grand(pool, text_rows, grand)]
        if reach is not None:  # the grand domaine's split, shared with other offers
            keyed, same = reach.get(grand, int(offers.commune[i]))
            level = np.take(level, same.at)
        else:  # all the candidates split at once
            keyed = KeyedTrips.to(pool, int(offers.commune[i]))
            text_rows = np.concatenate([in_grand, text_rows])
    else:
        keyed, level = KeyedTrips.to(pool, int(offers.commune[i])), _NONE
    split = Reach.of(s, pool, keyed, text_rows, full)
    if same is not None:
        level = np.concatenate([level, np.full(split.rows.size, TEXT, dtype=np.int8)])
        split = same.then(split)
    else:
        level = np.take(np.concatenate(
            [level, np.full(text_rows.size - level.size, TEXT, dtype=np.int8)]), split.at)
    rows, trips = split.rows, split.trips
    inputs = PairInputs(
        requirements=offers.requirements[i], offer_hours=offers.hours[i],
        start_day=_known_day(offers.start_day[i], s.today.toordinal()),
        minutes=trips.minutes, km=trips.km, to_check=trips.to_check, **split.columns)
    experience = (pool.experience.of(code), pool.experience.values_of(code)) if code >= 0 \
        else (_NONE, np.zeros(0))
    exact = (pool.by_code.of(code), pool.by_code.values_of(code)) if code >= 0 \
        else (_NONE, _NONE)

    def job_of(kept: np.ndarray) -> JobDetail:
        kept_rows = np.take(rows, kept)
        detail = (np.take(level, kept), lookup(*exact, kept_rows),
                  np.take(similarity, kept_rows), lookup(*experience, kept_rows))
        return JobDetail(job_value(*detail, th.text_min_similarity), *detail)

    return _finish(s, rows, split.far.size, trips, inputs, job_of,
                   lambda at: offer_text_match(pool, side, at).source, for_employer,
                   None if full else split.far)


def profile_pairs(s: Settings, person: ProfilePool, offers: OfferPool,
                  for_employer: bool = False, row: int = 0, text: TextMatch | None = None) -> Pairs:
    """Candidate offers of the profile `row` of `person`: every offer with a job fit; `text`,
    its title match with the offers, when it was computed for the whole pool."""
    th, ref, profile = s.thresholds, s.referential, person.profiles[row]
    if text is None:
        text = title_match(ref, offers.title_vectors, offers.code,
                           [ref.rome_index[c] for c in profile.target_rome_codes],
                           person.title_vectors)
    level, target = target_levels(offers.code, offers.domain, offers.grand, person.targets[row],
                                  person.target_domains[row], person.target_grands[row])
    experience = np.zeros(len(ref.rome_codes) + 1)  # last cell: offers without a code
    held = person.experience
    mine = held.rows == row
    experience[np.repeat(np.arange(held.starts.size - 1), np.diff(held.starts))[mine]] = \
        held.values[mine]
    detail = (level, np.where(level == EXACT, target, 0), text.similarity,
              experience[offers.code])
    value = job_value(*detail, th.text_min_similarity)
    rows = np.flatnonzero(value > 0)
    trips = trips_from_profile(ref, int(person.commune[row]),
                               person.key_modes[:, person.trip_key[row]], offers.commune[rows])
    inputs = PairInputs(
        requirements=offers.requirements[rows], refusals=person.refusals[row],
        offer_hours=offers.hours[rows],
        start_day=_known_day(offers.start_day[rows], s.today.toordinal()),
        min_hours=person.min_hours[row], max_hours=person.max_hours[row],
        available_day=_known_day(person.available_day[row], s.today.toordinal()),
        consent=person.consent[row],
        max_minutes=person.travel_limits(th.default_max_minutes)[row],
        max_km=person.max_km[row], minutes=trips.minutes, km=trips.km,
        to_check=trips.to_check)

    def job_of(kept: np.ndarray) -> JobDetail:
        at = rows[kept]
        return JobDetail(value[at], *(d[at] for d in detail))

    return _finish(s, rows, 0, trips, inputs, job_of, lambda at: np.take(text.source, at),
                   for_employer)
