"""Profiles and offers turned into numpy arrays once, for the engine to score many times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from matching.exchange import MAX_TARGET_CODES, MODES, Offer, Profile
from matching.referential import Referential
from matching.scoring import refusals_of, requirements_of, travel_limit
from matching.suggest import RomeInference
from matching.textsim import TEXT_SIMILARITY_FLOOR

# A person who names no travel mode is assumed to walk and take public transport, the modes
# open to everyone; their car never counts without both a licence and a vehicle.
DEFAULT_MODES = ("walk", "public_transport")
MAX_TARGETS = MAX_TARGET_CODES  # target columns of the pool
UNKNOWN_DAY = -1
TEXT_CHUNK = 512  # texts compared to every ROME code per batch (bounds the dense buffer)


def _day(value: date | None) -> int:
    return value.toordinal() if value else UNKNOWN_DAY


def value_or(value: float | None, default: float) -> float:
    """`value`, or `default` when it is None."""
    return default if value is None else value


def _padded(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    out = np.full((len(rows), max(width, 1)), -1, dtype=np.int32)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


@dataclass(frozen=True)
class Postings:
    """For each key 0..n-1, the sorted rows that carry it, with a value per (key, row)."""

    starts: np.ndarray
    rows: np.ndarray
    values: np.ndarray

    @classmethod
    def build(cls, keys: np.ndarray, rows: np.ndarray, n_keys: int,
              values: np.ndarray | None = None) -> Postings:
        """Index rows by key; negative keys (padding) are dropped, repeats keep the first."""
        values = np.zeros(keys.size) if values is None else values
        keep = keys >= 0
        keys, rows, values = keys[keep], rows[keep], values[keep]
        order = np.lexsort((rows, keys))
        keys, rows, values = keys[order], rows[order], values[order]
        first = np.ones(keys.size, dtype=bool)
        first[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
        keys, rows, values = keys[first], rows[first], values[first]
        return cls(np.searchsorted(keys, np.arange(n_keys + 1)), rows.astype(np.int64), values)

    def of(self, key: int) -> np.ndarray:
        """Rows carrying `key`."""
        return self.rows[self.starts[key]:self.starts[key + 1]]

    def values_of(self, key: int) -> np.ndarray:
        """Values aligned with `of(key)`."""
        return self.values[self.starts[key]:self.starts[key + 1]]

    def of_many(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, key position in `keys`) of several keys, concatenated, without a loop."""
        starts, ends = self.starts[keys], self.starts[keys + 1]
        lengths = ends - starts
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return (self.rows[offsets + np.arange(lengths.sum())],
                np.repeat(np.arange(keys.size), lengths))


def _check_known(ref: Referential, communes: set[str], codes: set[str]) -> None:
    """Refuse records that name communes or ROME codes the referential does not know."""
    for what, unknown in (("communes inconnues", communes - set(ref.commune_index)),
                          ("codes ROME inconnus", codes - set(ref.rome_index))):
        if unknown:
            raise ValueError(f"{what} du référentiel : {', '.join(sorted(unknown))}")


def effective_modes(profile: Profile) -> tuple[str, ...]:
    """The modes that count: the declared ones (or DEFAULT_MODES), car only if licensed."""
    modes = profile.mobility.modes or DEFAULT_MODES
    if not (profile.driving_licence and profile.vehicle):
        modes = tuple(m for m in modes if m != "car")
    return modes


class ProfilePool:
    """Profiles as arrays, sorted by id so that index order breaks ties."""

    def __init__(self, profiles: Sequence[Profile], referential: Referential):
        ref = self.referential = referential
        ps = self.profiles = tuple(sorted(profiles, key=lambda p: p.id))
        self.ids = tuple(p.id for p in ps)
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("identifiants de profils en double")
        _check_known(ref, {p.commune for p in ps},
                     {c for p in ps for c in (*p.target_rome_codes, *dict(p.experience_months))})
        self.commune = np.array([ref.place(p.commune, p.postal_code) for p in ps], dtype=np.int32)
        masks = np.array([sum(1 << MODES.index(m) for m in effective_modes(p)) for p in ps],
                         dtype=np.int64)
        # Profiles sharing commune and modes share one trip key: an offer computes the best
        # trip once per key rather than once per profile.
        keys, inverse = np.unique(np.stack([self.commune.astype(np.int64), masks]), axis=1,
                                  return_inverse=True)
        self.trip_key = inverse.ravel().astype(np.int32)
        self.key_commune = keys[0].astype(np.int32)
        self.key_modes = (keys[1][None, :] >> np.arange(len(MODES))[:, None]) & 1 == 1
        self.max_minutes = np.array([value_or(p.mobility.max_minutes, np.nan) for p in ps])
        self._travel_limits: dict[float, np.ndarray] = {}
        self.max_km = np.array([value_or(p.mobility.max_km, np.inf) for p in ps])
        self.refusals = np.array([refusals_of(p) for p in ps], dtype=np.int32)
        self.min_hours = np.array([value_or(p.availability.min_hours_per_week, 0.0) for p in ps])
        self.max_hours = np.array([value_or(p.availability.max_hours_per_week, np.inf) for p in ps])
        self.available_day = np.array([_day(p.available_from) for p in ps], dtype=np.int64)
        self.consent = np.array([p.consent_promotion for p in ps], dtype=bool)
        self._index_targets()
        self._index_titles()

    def travel_limits(self, default_minutes: float) -> np.ndarray:
        """Each person's maximum minutes, `default_minutes` where none was given (cached)."""
        if default_minutes not in self._travel_limits:
            self._travel_limits[default_minutes] = travel_limit(self.max_minutes,
                                                                default_minutes)
        return self._travel_limits[default_minutes]

    def _index_targets(self) -> None:
        ref, ps = self.referential, self.profiles
        self.targets = _padded([[ref.rome_index[c] for c in p.target_rome_codes] for p in ps],
                               MAX_TARGETS)
        valid = self.targets >= 0
        self.target_domains = np.where(valid, ref.domain_ids[self.targets], -1)
        self.target_grands = np.where(valid, ref.grand_domain_ids[self.targets], -1)
        rows = np.repeat(np.arange(len(ps)), MAX_TARGETS)
        ranks = np.tile(np.arange(MAX_TARGETS), len(ps))
        n_codes = len(ref.rome_codes)
        self.by_code = Postings.build(self.targets.ravel(), rows, n_codes, values=ranks)
        self.by_grand = Postings.build(self.target_grands.ravel(), rows,
                                       int(ref.grand_domain_ids.max()) + 1)
        # Each person's grand domaines as bits: whether a title hit shares the offer's one.
        self.grand_bits = np.bitwise_or.reduce(
            np.where(valid, np.left_shift(1, np.maximum(self.target_grands, 0), dtype=np.int64), 0),
            axis=1)
        # Where each domaine's and each code's profiles sit within their grand domaine's
        # list, so that an offer marks its closer levels without searching.
        grand_of_domain = np.zeros(int(ref.domain_ids.max()) + 1, dtype=np.int64)
        grand_of_domain[ref.domain_ids] = ref.grand_domain_ids
        by_domain = Postings.build(self.target_domains.ravel(), rows, grand_of_domain.size)
        self.domain_in_grand = self._positions_in_grand(by_domain, grand_of_domain)
        self.code_in_grand = self._positions_in_grand(self.by_code, ref.grand_domain_ids)
        experience = [(ref.rome_index[c], i, m) for i, p in enumerate(ps)
                      for c, m in p.experience_months if m > 0]
        codes, holders, months = (np.array(col, dtype=np.int64)
                                  for col in (zip(*experience) if experience else ([], [], [])))
        self.experience = Postings.build(codes, holders, n_codes, values=months)

    def _positions_in_grand(self, postings: Postings, grand_of_key: np.ndarray) -> Postings:
        """`postings` with, as values, each row's position in by_grand.of(its grand)."""
        grand = self.by_grand
        n = len(self.profiles)
        grand_keys = np.repeat(np.arange(grand.starts.size - 1), np.diff(grand.starts))
        keys = np.repeat(np.arange(postings.starts.size - 1), np.diff(postings.starts))
        parents = grand_of_key[keys]
        at = np.searchsorted(grand_keys * n + grand.rows, parents * n + postings.rows)
        return Postings(postings.starts, postings.rows, at - grand.starts[parents])

    def _index_titles(self) -> None:
        ref, ps = self.referential, self.profiles
        self.titles = tuple(sorted({t for p in ps for t in p.target_titles}))
        index = {t: i for i, t in enumerate(self.titles)}
        self.profile_titles = _padded([[index[t] for t in p.target_titles] for p in ps],
                                      max((len(p.target_titles) for p in ps), default=0))
        width = self.profile_titles.shape[1]
        self.by_title = Postings.build(self.profile_titles.ravel(),
                                       np.repeat(np.arange(len(ps)), width), len(self.titles))
        self.title_vectors = ref.job_text.vectorize(self.titles)
        self.title_codes = _similar_codes(ref, self.title_vectors)

    def __len__(self) -> int:
        return len(self.ids)


def _similar_codes(ref: Referential, vectors: Any) -> Postings:
    """For each ROME code, the texts at least TEXT_SIMILARITY_FLOOR similar to it."""
    texts, codes, sims = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [
        np.zeros(0)]
    for start in range(0, vectors.shape[0], TEXT_CHUNK):
        block = ref.job_text.code_similarity(vectors[start:start + TEXT_CHUNK])
        rows, cols = np.nonzero(block >= TEXT_SIMILARITY_FLOOR)
        texts.append(rows + start)
        codes.append(cols)
        sims.append(block[rows, cols])
    return Postings.build(np.concatenate(codes), np.concatenate(texts), len(ref.rome_codes),
                          values=np.concatenate(sims))


# Suggestions given with an offer whose ROME code is to confirm (one click each on its page).
TO_CONFIRM_SUGGESTIONS = 3


class OfferPool:
    """Offers as arrays (ROME codes resolved), sorted by id so that index order breaks ties."""

    def __init__(self, offers: Sequence[Offer], referential: Referential):
        ref = self.referential = referential
        os_ = self.offers = tuple(sorted(offers, key=lambda o: o.id))
        self.ids = tuple(o.id for o in os_)
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("identifiants d'offres en double")
        _check_known(ref, {o.commune for o in os_}, {o.rome_code for o in os_} - {None})
        self.inference: dict[str, RomeInference] = {
            o.id: ref.suggester.infer(o.title) for o in os_ if o.rome_code is None}
        self.rome_codes = tuple(o.rome_code or self.inference[o.id].code for o in os_)
        self.code = np.array([ref.rome_id(c) for c in self.rome_codes], dtype=np.int32)
        self.domain = np.where(self.code >= 0, ref.domain_ids[self.code], -1)
        self.grand = np.where(self.code >= 0, ref.grand_domain_ids[self.code], -1)
        self.commune = np.array([ref.place(o.commune, o.postal_code) for o in os_], dtype=np.int32)
        self.requirements = np.array([requirements_of(o) for o in os_], dtype=np.int32)
        self.hours = np.array([value_or(o.hours_per_week, np.nan) for o in os_], dtype=np.float64)
        self.start_day = np.array([_day(o.start_date) for o in os_], dtype=np.int64)
        # Offers sharing a title share its vector and, when ranked, its similarities.
        distinct = {title: k for k, title in enumerate(dict.fromkeys(o.title for o in os_))}
        self.title_ids = np.array([distinct[o.title] for o in os_], dtype=np.int64)
        self.distinct_title_vectors = ref.job_text.vectorize(list(distinct))
        self.title_vectors = self.distinct_title_vectors[self.title_ids]

    def rome_suggestions(self, index: int, limit: int = TO_CONFIRM_SUGGESTIONS) -> tuple[Any, ...]:
        """The best codes for an offer whose code is to confirm (none otherwise)."""
        inference = self.inference.get(self.ids[index])
        return inference.suggestions[:limit] if inference and inference.code is None else ()

    def rome_inferred(self, index: int) -> bool:
        """True when the offer came without a code (inferred from its title, or not found)."""
        return self.offers[index].rome_code is None

    def __len__(self) -> int:
        return len(self.ids)
