"""Scoring the candidate pairs of one offer (against a profile pool) or of one profile.

Work is staged so that the costly parts run on few pairs: candidates come from inverted
indexes, those out of reach are only counted, hard constraints run on the rest, and the
job fit and the score on the pairs kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from matching.candidates import (
    KeyedTrips,
    TextMatch,
    Trips,
    lookup,
    offer_jobs,
    offer_side,
    offer_text_match,
    title_match,
    trips_from_profile,
)
from matching.jobfit import EXACT, job_value, target_levels
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


def offer_pairs(s: Settings, offers: OfferPool, i: int, pool: ProfilePool,
                code_similarity: np.ndarray, title_similarity: np.ndarray,
                for_employer: bool = False, full: bool = False) -> Pairs:
    """Candidate profiles of offer `i`, given its title's similarity to every ROME code
    and to every free title of the pool. Unless `full`, those out of reach are only counted.
    """
    th, code = s.thresholds, int(offers.code[i])
    side = offer_side(pool, code, code_similarity, title_similarity)
    jobs = offer_jobs(pool, code, offers.domain[i], offers.grand[i], side,
                      th.text_min_similarity)
    rows, level = jobs.rows, jobs.level
    keyed = KeyedTrips.to(pool, offers.commune[i])
    max_minutes = np.take(pool.travel_limits(th.default_max_minutes), rows)
    unreachable, far = 0, None
    if not full:
        reachable = keyed.within(pool, rows, max_minutes)
        near = np.flatnonzero(reachable)
        unreachable = rows.size - near.size
        far = rows[~reachable]
        rows, level, max_minutes = (np.take(a, near) for a in (rows, level, max_minutes))
    trips = keyed.trips(pool, rows)
    today = s.today.toordinal()
    inputs = PairInputs(
        requirements=offers.requirements[i], refusals=np.take(pool.refusals, rows),
        offer_hours=offers.hours[i], start_day=_known_day(offers.start_day[i], today),
        min_hours=np.take(pool.min_hours, rows), max_hours=np.take(pool.max_hours, rows),
        available_day=_known_day(np.take(pool.available_day, rows), today),
        consent=np.take(pool.consent, rows), max_minutes=max_minutes,
        max_km=np.take(pool.max_km, rows),
        minutes=trips.minutes, km=trips.km, to_check=trips.to_check)
    experience = (pool.experience.of(code), pool.experience.values_of(code)) if code >= 0 \
        else (np.zeros(0, dtype=np.int64), np.zeros(0))

    def job_of(kept: np.ndarray) -> JobDetail:
        kept_rows = np.take(rows, kept)
        months = lookup(*experience, kept_rows)
        detail = (np.take(level, kept), jobs.rank(kept_rows), jobs.similarity(kept_rows), months)
        return JobDetail(job_value(*detail, th.text_min_similarity), *detail)

    return _finish(s, rows, unreachable, trips, inputs, job_of,
                   lambda at: offer_text_match(pool, side, at).source, for_employer, far)


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
