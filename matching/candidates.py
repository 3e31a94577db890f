"""Which pairs are worth scoring (blocking), their job level, title similarity and trip.

A pair is a candidate when one of the profile's target codes shares at least the grand
domaine of the offer's code, or when a title similarity reaches the threshold: any other
pair has a job fit of 0 and is neither scored nor listed as excluded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from matching.jobfit import EXACT, SAME_DOMAINE, SAME_GRAND_DOMAINE
from matching.pools import MAX_TARGETS, ProfilePool
from matching.referential import Referential


def lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray,
           default: float = 0) -> np.ndarray:
    """values[i] where keys[i] == wanted (keys sorted and unique), else default."""
    out = np.full(wanted.size, default, dtype=np.result_type(values, type(default)))
    if keys.size:
        at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
        hit = np.take(keys, at) == wanted
        out[hit] = np.take(values, at[hit])
    return out


@dataclass(frozen=True)
class TextMatch:
    """Best title similarity per pair and where it came from.

    `source` 0-4 is a target code's position, MAX_TARGETS and above a free title's.
    """

    similarity: np.ndarray
    source: np.ndarray


def _best_of(target_sims: np.ndarray, title_sims: np.ndarray) -> TextMatch:
    best_target, best_title = target_sims.max(axis=-1), title_sims.max(axis=-1)
    source = np.where(best_target >= best_title, target_sims.argmax(axis=-1),
                      MAX_TARGETS + title_sims.argmax(axis=-1))
    return TextMatch(np.maximum(best_target, best_title), source)


@dataclass(frozen=True)
class OfferSide:
    """One offer's title similarity to every ROME code and to every free title of a pool."""

    code_similarity: np.ndarray
    title_similarity: np.ndarray


def offer_side(pool: ProfilePool, code: int, code_similarity: np.ndarray,
               title_similarity: np.ndarray) -> OfferSide:
    """Complete the direct title similarities with the titles close to the offer's code."""
    titles = title_similarity.copy()
    if code >= 0:
        rows = pool.title_codes.of(code)
        titles[rows] = np.maximum(titles[rows], pool.title_codes.values_of(code))
    return OfferSide(code_similarity, titles)


def text_hits(pool: ProfilePool, side: OfferSide, text_min: float) -> np.ndarray:
    """Each profile's best title similarity when it reaches text_min, else 0 (dense: a value
    per profile of the pool)."""
    best = np.zeros(len(pool))
    codes = np.flatnonzero(side.code_similarity >= text_min)
    titles = np.flatnonzero(side.title_similarity >= text_min)
    if codes.size:
        by_code, at_code = pool.by_code.of_many(codes)
        np.maximum.at(best, by_code, side.code_similarity[codes][at_code])
    if titles.size:
        by_title, at_title = pool.by_title.of_many(titles)
        np.maximum.at(best, by_title, side.title_similarity[titles][at_title])
    return best


def grand_levels(pool: ProfilePool, code: int, domain: int, size: int) -> np.ndarray:
    """The code level of each profile of the offer's grand domaine (`size` of them, in the
    order of pool.by_grand), from the inverted indexes alone (no pass over the pool)."""
    level = np.full(size, SAME_GRAND_DOMAINE, dtype=np.int8)
    level[pool.domain_in_grand.values_of(domain)] = SAME_DOMAINE
    level[pool.code_in_grand.values_of(code)] = EXACT
    return level


def offer_text_match(pool: ProfilePool, side: OfferSide, rows: np.ndarray) -> TextMatch:
    """Text similarity of one offer with the profiles `rows`, and its source."""
    codes = np.append(side.code_similarity, 0.0)  # index -1 (padding) reads 0
    titles = np.append(side.title_similarity, 0.0)
    return _best_of(codes[pool.targets[rows]], titles[pool.profile_titles[rows]])


def title_match(ref: Referential, offer_vectors: Any, offer_codes: np.ndarray,
                target_codes: list[int], title_vectors: Any) -> TextMatch:
    """Text similarity of one profile (target codes, vectorised titles) with some offers."""
    n = offer_vectors.shape[0]
    target_sims = np.zeros((n, MAX_TARGETS))
    if target_codes:
        target_sims[:, :len(target_codes)] = ref.job_text.similarity_to_codes(
            offer_vectors, target_codes)
    n_titles = title_vectors.shape[0]
    title_sims = np.zeros((n, 1))
    if n_titles:
        direct = ref.job_text.pairwise(title_vectors, offer_vectors).T
        by_code = np.hstack([ref.job_text.code_similarity(title_vectors),
                             np.zeros((n_titles, 1))])[:, offer_codes].T
        title_sims = np.maximum(direct, by_code)
    return _best_of(target_sims, title_sims)


def title_matches(ref: Referential, offer_vectors: Any, offer_codes: np.ndarray,
                  pool: ProfilePool) -> list[TextMatch]:
    """`title_match` of every profile of `pool`, each similarity product computed once for
    the pool (target codes and titles shared by several people are scored once)."""
    n = offer_vectors.shape[0]
    codes = sorted({int(c) for c in pool.targets.ravel() if c >= 0})
    by_code = ref.job_text.similarity_to_codes(offer_vectors, codes) if codes else np.zeros((n, 0))
    column = {code: j for j, code in enumerate(codes)}
    title_index = {title: j for j, title in enumerate(pool.titles)}
    titles = np.zeros((n, 0))
    if pool.titles:
        direct = ref.job_text.pairwise(pool.title_vectors, offer_vectors).T
        coded = np.hstack([ref.job_text.code_similarity(pool.title_vectors),
                           np.zeros((len(pool.titles), 1))])[:, offer_codes].T
        titles = np.maximum(direct, coded)
    matches = []
    for profile, targets in zip(pool.profiles, pool.targets):
        target_sims = np.zeros((n, MAX_TARGETS))
        wanted = [column[int(c)] for c in targets if c >= 0]
        target_sims[:, :len(wanted)] = by_code[:, wanted]
        own = [title_index[t] for t in sorted(set(profile.target_titles))]  # as a one-person pool
        title_sims = titles[:, own] if own else np.zeros((n, 1))
        matches.append(_best_of(target_sims, title_sims))
    return matches


@dataclass(frozen=True)
class Trips:
    """Best door-to-door trip per pair: minutes (inf if no mode), mode index, route km, and
    whether the estimate is « à vérifier » (travel.VagueTrips, a usable mode at least)."""

    minutes: np.ndarray
    mode: np.ndarray
    km: np.ndarray
    to_check: np.ndarray


@dataclass(frozen=True)
class KeyedTrips:
    """Best trip to one destination for each trip key (commune and modes) of a pool."""

    destination: int
    minutes: np.ndarray
    mode: np.ndarray

    @classmethod
    def to(cls, pool: ProfilePool, destination: int) -> KeyedTrips:
        """Compute the best trips of every key of `pool` to one commune."""
        minutes = pool.referential.minutes_to[:, destination, pool.key_commune]
        by_key = np.where(pool.key_modes, minutes, np.inf)
        return cls(destination, by_key.min(axis=0), by_key.argmin(axis=0))

    def minutes_of(self, pool: ProfilePool, rows: np.ndarray) -> np.ndarray:
        """Best minutes of the profiles `rows` (np.take: 3 times faster than indexing)."""
        return np.take(self.minutes, np.take(pool.trip_key, rows))

    def to_check(self, pool: ProfilePool, rows: np.ndarray, minutes: np.ndarray) -> np.ndarray:
        """Which trips of the profiles `rows` (with their best `minutes`) are « à vérifier »."""
        vague = pool.referential.vague_trips
        if not vague.large[self.destination]:  # most offers: nothing to look up
            return np.zeros(rows.size, dtype=bool)
        return vague.to_check(np.take(pool.commune, rows), self.destination) & np.isfinite(minutes)

    def within(self, pool: ProfilePool, rows: np.ndarray, max_minutes: np.ndarray) -> np.ndarray:
        """Rows whose best trip fits their maximum, or cannot be judged (« à vérifier »)."""
        minutes = self.minutes_of(pool, rows)
        return (minutes <= max_minutes) | self.to_check(pool, rows, minutes)

    def trips(self, pool: ProfilePool, rows: np.ndarray) -> Trips:
        """Best trips of the profiles `rows`."""
        keys = np.take(pool.trip_key, rows)
        km = np.take(pool.referential.km_to[self.destination], np.take(pool.commune, rows))
        minutes = np.take(self.minutes, keys).astype(np.float64)
        return Trips(minutes, np.take(self.mode, keys), km.astype(np.float64),
                     self.to_check(pool, rows, minutes))


def trips_from_profile(ref: Referential, origin: int, modes: np.ndarray,
                       destinations: np.ndarray) -> Trips:
    """Best trip from one commune with the given mode mask to each destination."""
    by_mode = np.where(modes[:, None], ref.minutes_to[:, destinations, origin], np.inf)
    minutes = by_mode.min(axis=0).astype(np.float64)
    return Trips(minutes=minutes, mode=by_mode.argmin(axis=0),
                 km=ref.km_to[destinations, origin].astype(np.float64),
                 to_check=ref.vague_trips.to_check(origin, destinations) & np.isfinite(minutes))
