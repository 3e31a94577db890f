"""Which pairs are worth scoring (blocking), their text similarity, and their travel time.

A pair is a candidate when the offer's code shares at least a grand domaine with one of the
profile's target codes, or when a title similarity reaches the threshold: any other pair
has a job fit of 0 and is neither scored nor listed as excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.pools import OfferPool, Postings, ProfilePool
from matching.referential import Referential

MAX_TARGETS = 5  # text sources 0-4 are target codes, 5 and above free titles


def _rows_of_many(postings: Postings, keys: np.ndarray) -> np.ndarray:
    """Concatenated rows of several keys, without a Python loop."""
    starts, ends = postings.starts[keys], postings.starts[keys + 1]
    lengths = ends - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return postings.rows[offsets + np.arange(lengths.sum())]


@dataclass(frozen=True)
class TextMatch:
    """Best title similarity per pair and where it came from (see MAX_TARGETS)."""

    similarity: np.ndarray
    source: np.ndarray


def _best_of(target_sims: np.ndarray, title_sims: np.ndarray) -> TextMatch:
    best_target, best_title = target_sims.max(axis=-1), title_sims.max(axis=-1)
    source = np.where(best_target >= best_title, target_sims.argmax(axis=-1),
                      MAX_TARGETS + title_sims.argmax(axis=-1))
    return TextMatch(np.maximum(best_target, best_title), source)


@dataclass(frozen=True)
class OfferSide:
    """One offer's similarity to every ROME code and to every free title of a pool."""

    code_similarity: np.ndarray  # (n_codes,)
    title_similarity: np.ndarray  # (n_titles,)


def offer_side(pool: ProfilePool, offers: OfferPool, index: int,
               code_similarity: np.ndarray) -> OfferSide:
    """Text similarities of offer `index` against the pool's target codes and titles."""
    ref = pool.referential
    titles = ref.job_text.pairwise(offers.title_vectors[index], pool.title_vectors)[0]
    code = offers.code[index]
    if code >= 0:
        rows, sims = pool.title_codes.of(code)
        titles[rows] = np.maximum(titles[rows], sims)
    return OfferSide(code_similarity, titles)


def offer_candidates(pool: ProfilePool, grand: int, side: OfferSide,
                     text_min: float) -> np.ndarray:
    """Sorted indices of the profiles worth scoring against one offer."""
    mask = np.zeros(len(pool), dtype=bool)
    if grand >= 0:
        mask[pool.by_grand.of(grand)] = True
    mask[_rows_of_many(pool.by_code, np.flatnonzero(side.code_similarity >= text_min))] = True
    mask[_rows_of_many(pool.by_title, np.flatnonzero(side.title_similarity >= text_min))] = True
    return np.flatnonzero(mask)


def offer_text_match(pool: ProfilePool, side: OfferSide, rows: np.ndarray) -> TextMatch:
    """Text similarity of one offer with the profiles `rows`."""
    codes = np.append(side.code_similarity, 0.0)  # index -1 (padding) reads 0
    titles = np.append(side.title_similarity, 0.0)
    return _best_of(codes[pool.targets[rows]], titles[pool.profile_titles[rows]])


def profile_text_match(ref: Referential, offers: OfferPool, target_codes: list[int],
                       title_vectors: object) -> TextMatch:
    """Text similarity of one profile (codes and vectorised titles) with every offer."""
    n = len(offers)
    target_sims = np.zeros((n, MAX_TARGETS))
    if target_codes:
        target_sims[:, :len(target_codes)] = ref.job_text.similarity_to_codes(
            offers.title_vectors, target_codes)
    n_titles = title_vectors.shape[0]  # type: ignore[attr-defined]
    title_sims = np.zeros((n, max(n_titles, 1)))
    if n_titles:
        direct = ref.job_text.pairwise(title_vectors, offers.title_vectors).T
        by_code = np.hstack([ref.job_text.code_similarity(title_vectors),
                             np.zeros((n_titles, 1))])[:, offers.code].T
        title_sims = np.maximum(direct, by_code)
    return _best_of(target_sims, title_sims)


@dataclass(frozen=True)
class Trips:
    """Best door-to-door trip per pair: minutes (inf if no mode), mode index, route km."""

    minutes: np.ndarray
    mode: np.ndarray
    km: np.ndarray


def trips_to_offer(pool: ProfilePool, destination: int, rows: np.ndarray) -> Trips:
    """Best trip of the profiles `rows` to one destination commune."""
    ref = pool.referential
    by_key = np.where(pool.key_modes, ref.minutes_to[:, destination, pool.key_commune], np.inf)
    keys = pool.travel_key[rows]
    best_mode = by_key.argmin(axis=0)
    return Trips(minutes=by_key.min(axis=0)[keys].astype(np.float64), mode=best_mode[keys],
                 km=ref.km_to[destination, pool.commune[rows]].astype(np.float64))


def trips_from_profile(ref: Referential, origin: int, modes: np.ndarray,
                       destinations: np.ndarray) -> Trips:
    """Best trip from one commune with the given mode mask to each destination."""
    by_mode = np.where(modes[:, None], ref.minutes_to[:, destinations, origin], np.inf)
    return Trips(minutes=by_mode.min(axis=0).astype(np.float64), mode=by_mode.argmin(axis=0),
                 km=ref.km_to[destinations, origin].astype(np.float64))
