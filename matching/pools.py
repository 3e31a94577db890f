"""Profiles and offers turned into numpy arrays once, for the engine to score many times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from matching.exchange import MODES, SCHEDULE_FLAGS, Offer, Profile
from matching.referential import Referential
from matching.suggest import RomeInference
from matching.textsim import TEXT_SIMILARITY_FLOOR

# A person who names no travel mode is assumed to walk and take public transport, the modes
# open to everyone; their car never counts without both a licence and a vehicle.
DEFAULT_MODES = ("walk", "public_transport")
UNKNOWN_DAY = -1
TEXT_CHUNK = 512  # texts vectorised and compared per batch (bounds the dense buffers)


def _day(value: date | None) -> int:
    return value.toordinal() if value else UNKNOWN_DAY


def _padded(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    out = np.full((len(rows), max(width, 1)), -1, dtype=np.int32)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


@dataclass(frozen=True)
class Postings:
    """For each key 0..n-1, the sorted row indices that carry it (CSR layout)."""

    starts: np.ndarray
    rows: np.ndarray

    @classmethod
    def build(cls, keys: np.ndarray, rows: np.ndarray, n_keys: int) -> Postings:
        """Index rows by key; negative keys (padding) are dropped."""
        keep = keys >= 0
        keys, rows = keys[keep], rows[keep]
        order = np.lexsort((rows, keys))
        keys, rows = keys[order], rows[order]
        unique = np.ones(keys.size, dtype=bool)
        unique[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
        keys, rows = keys[unique], rows[unique]
        return cls(np.searchsorted(keys, np.arange(n_keys + 1)), rows)

    def of(self, key: int) -> np.ndarray:
        """Rows carrying `key`."""
        return self.rows[self.starts[key]:self.starts[key + 1]]


def effective_modes(profile: Profile) -> tuple[str, ...]:
    """The modes that count: the declared ones (or DEFAULT_MODES), car only if licensed."""
    modes = profile.mobility.modes or DEFAULT_MODES
    if not (profile.driving_licence and profile.vehicle):
        modes = tuple(m for m in modes if m != "car")
    return modes


class ProfilePool:
    """Profiles as arrays, sorted by id so that index order breaks ties."""

    def __init__(self, profiles: Sequence[Profile], referential: Referential):
        ref = referential
        self.referential = ref
        self.profiles = tuple(sorted(profiles, key=lambda p: p.id))
        self.ids = tuple(p.id for p in self.profiles)
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("identifiants de profils en double")
        ps = self.profiles
        unknown = sorted({p.commune for p in ps} - set(ref.commune_index))
        if unknown:
            raise ValueError(f"communes inconnues du référentiel : {', '.join(unknown)}")
        self.commune = np.array([ref.commune_index[p.commune] for p in ps], dtype=np.int32)
        mode_masks = [sum(1 << MODES.index(m) for m in effective_modes(p)) for p in ps]
        keys, self.travel_key = np.unique(
            np.stack([self.commune, np.array(mode_masks, dtype=np.int32)]), axis=1,
            return_inverse=True)
        self.travel_key = self.travel_key.ravel().astype(np.int32)
        self.key_commune = keys[0]
        self.key_modes = (keys[1][None, :] >> np.arange(len(MODES))[:, None]) & 1 == 1
        self.max_minutes = np.array([_or(p.mobility.max_minutes, np.nan) for p in ps])
        self.max_km = np.array([p.mobility.max_km or np.inf for p in ps], dtype=np.float64)
        self.licence = np.array([p.driving_licence for p in ps], dtype=bool)
        self.vehicle = np.array([p.vehicle for p in ps], dtype=bool)
        self.accepts = np.array([[getattr(p.availability, f) for f in SCHEDULE_FLAGS]
                                 for p in ps], dtype=bool).reshape(len(ps), len(SCHEDULE_FLAGS))
        self.childcare = np.array([p.childcare_constraint for p in ps], dtype=bool)
        self.min_hours = np.array([p.availability.min_hours_per_week or 0.0 for p in ps])
        self.max_hours = np.array([_or(p.availability.max_hours_per_week, np.inf) for p in ps])
        self.available_day = np.array([_day(p.available_from) for p in ps], dtype=np.int64)
        self.consent = np.array([p.consent_promotion for p in ps], dtype=bool)
        self._index_jobs()

    def _index_jobs(self) -> None:
        ref, ps = self.referential, self.profiles
        self.targets = _padded([[ref.rome_index[c] for c in p.target_rome_codes] for p in ps], 5)
        self.target_domains = np.where(self.targets >= 0, ref.domain_ids[self.targets], -1)
        self.target_grands = np.where(self.targets >= 0, ref.grand_domain_ids[self.targets], -1)
        rows = np.repeat(np.arange(len(ps)), self.targets.shape[1])
        n_codes = len(ref.rome_codes)
        self.by_code = Postings.build(self.targets.ravel(), rows, n_codes)
        self.by_grand = Postings.build(self.target_grands.ravel(), rows,
                                       int(ref.grand_domain_ids.max()) + 1)
        exp = [(i, ref.rome_index[c], m) for i, p in enumerate(ps)
               for c, m in p.experience_months if m > 0]
        exp_rows, exp_codes, exp_months = (np.array(col, dtype=np.int64).reshape(-1)
                                           for col in zip(*exp)) if exp else (np.zeros(0, int),) * 3
        self.experience = Postings.build(exp_codes, np.arange(exp_rows.size), n_codes)
        self.experience_rows, self.experience_months = exp_rows, exp_months
        titles = sorted({t for p in ps for t in p.target_titles})
        title_index = {t: i for i, t in enumerate(titles)}
        self.titles = tuple(titles)
        self.profile_titles = _padded([[title_index[t] for t in p.target_titles] for p in ps],
                                      max((len(p.target_titles) for p in ps), default=0))
        self.by_title = Postings.build(self.profile_titles.ravel(),
                                       np.repeat(np.arange(len(ps)), self.profile_titles.shape[1]),
                                       len(titles))
        self.title_vectors = ref.job_text.vectorize(titles)
        self.title_codes = _similar_codes(ref, self.title_vectors)

    def __len__(self) -> int:
        return len(self.ids)


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


@dataclass(frozen=True)
class SimilarCodes:
    """For each ROME code, the texts similar to it above the floor, with the similarity."""

    postings: Postings
    similarity: np.ndarray  # aligned with postings.rows

    def of(self, code: int) -> tuple[np.ndarray, np.ndarray]:
        """(text indices, similarities) for one code."""
        start, end = self.postings.starts[code], self.postings.starts[code + 1]
        return self.postings.rows[start:end], self.similarity[start:end]


def _similar_codes(ref: Referential, vectors: Any) -> SimilarCodes:
    texts, codes, sims = [], [], []
    for start in range(0, vectors.shape[0], TEXT_CHUNK):
        block = ref.job_text.code_similarity(vectors[start:start + TEXT_CHUNK])
        rows, cols = np.nonzero(block >= TEXT_SIMILARITY_FLOOR)
        texts.append(rows + start)
        codes.append(cols)
        sims.append(block[rows, cols])
    texts, codes, sims = (np.concatenate(x) if x else np.zeros(0) for x in (texts, codes, sims))
    order = np.lexsort((texts, codes))
    postings = Postings(np.searchsorted(codes[order], np.arange(len(ref.rome_codes) + 1)),
                        texts[order].astype(np.int64))
    return SimilarCodes(postings, sims[order].astype(np.float64))


class OfferPool:
    """Offers as arrays (ROME codes resolved), sorted by id so that index order breaks ties."""

    def __init__(self, offers: Sequence[Offer], referential: Referential):
        ref = referential
        self.referential = ref
        self.offers = tuple(sorted(offers, key=lambda o: o.id))
        self.ids = tuple(o.id for o in self.offers)
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("identifiants d'offres en double")
        os_ = self.offers
        unknown = sorted({o.commune for o in os_} - set(ref.commune_index))
        if unknown:
            raise ValueError(f"communes inconnues du référentiel : {', '.join(unknown)}")
        self.inference: dict[str, RomeInference] = {
            o.id: ref.suggester.infer(o.title) for o in os_ if o.rome_code is None}
        self.rome_codes = tuple(o.rome_code or self.inference[o.id].code for o in os_)
        self.code = np.array([ref.rome_id(c) for c in self.rome_codes], dtype=np.int32)
        self.domain = np.where(self.code >= 0, ref.domain_ids[self.code], -1)
        self.grand = np.where(self.code >= 0, ref.grand_domain_ids[self.code], -1)
        self.commune = np.array([ref.commune_index[o.commune] for o in os_], dtype=np.int32)
        self.flags = np.array([[getattr(o.schedule, f) for f in SCHEDULE_FLAGS] for o in os_],
                              dtype=bool).reshape(len(os_), len(SCHEDULE_FLAGS))
        self.requires_licence = np.array([o.requires_driving_licence for o in os_], dtype=bool)
        self.requires_vehicle = np.array([o.requires_vehicle for o in os_], dtype=bool)
        self.hours = np.array([_or(o.hours_per_week, np.nan) for o in os_], dtype=np.float64)
        self.start_day = np.array([_day(o.start_date) for o in os_], dtype=np.int64)
        self.title_vectors = ref.job_text.vectorize([o.title for o in os_])

    def rome_inferred(self, index: int) -> bool:
        """True when the offer's code comes from its title (or could not be found)."""
        return self.offers[index].rome_code is None

    def __len__(self) -> int:
        return len(self.ids)
