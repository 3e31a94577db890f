"""The pairs to write turned into Match records in one batch, each reason built once.

A ranking gathers, offer by offer (or person by person), the columns of the pairs it keeps
(`Chosen`: a few numbers per pair); `build_matches` then turns all of them into Match
records at once. Each French sentence is built once per distinct input (the same code and
rank, the same trip, the same hours and dates recur across thousands of pairs), through the
functions of matching/reasons.py, so that the wording keeps its one place; the Travel and
Components records are shared by the pairs whose values are equal. Writing 20,000 people x
20 offers used to cost more than scoring the 40 M pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import partial
from itertools import repeat

import numpy as np

from matching.exchange import MODES
from matching.gc_pause import collector_paused
from matching.jobfit import EXACT, SAME_DOMAINE, SAME_GRAND_DOMAINE, TEXT, target_levels
from matching.match_json import members_json, writing_json
from matching.pools import MAX_TARGETS, OfferPool, ProfilePool
from matching.reasons import (
    availability_reason,
    domain_reason,
    exact_reason,
    experience_reason,
    grand_domain_reason,
    hours_reason,
    text_reason,
    travel_reason,
    travel_to_check_reason,
)
from matching.results import Components, Match, Travel

_FIELD = 1 << 20  # radix of the integer keys below (codes, titles, minutes, days < 2^20)
# Up to this many rows (one offer's top 20), finding the equal inputs costs more than building
# each row's records: one offer ranked alone must stay a few milliseconds.
SMALL_BATCH = 64
COMPONENTS = ("job", "reach", "hours", "availability")  # the columns of a Components record
# Chosen.compact(): pool indices, trip minutes and months of experience fit in 32 bits; an
# exact target's rank (< 5), a text source (a target or own-title position) and a mode in 8
# or 16.
_COMPACT = {"offer": np.int32, "profile": np.int32, "rank": np.int8, "source": np.int16,
            "minutes": np.int32, "mode": np.int8, "months": np.int32, "max_minutes": np.int32}


@dataclass(frozen=True)
class Chosen:
    """Columns of pairs to write, one row per pair (offer and profile as pool indices)."""

    offer: np.ndarray
    profile: np.ndarray
    score: np.ndarray
    job: np.ndarray
    reach: np.ndarray
    hours: np.ndarray
    availability: np.ndarray
    level: np.ndarray  # the level explained (jobfit.shown_level)
    rank: np.ndarray  # preference rank of an exact target
    similarity: np.ndarray  # best title similarity
    source: np.ndarray  # TextMatch.source where level is TEXT, else 0
    minutes: np.ndarray  # rounded half up
    km: np.ndarray  # rounded to 0.1
    mode: np.ndarray
    to_check: np.ndarray  # « trajet à vérifier » (Travel.to_check)
    months: np.ndarray
    max_minutes: np.ndarray
    offer_hours: np.ndarray
    min_hours: np.ndarray
    max_hours: np.ndarray

    def __len__(self) -> int:
        return self.offer.size

    def take(self, at: np.ndarray) -> Chosen:
        """The rows `at`, in that order."""
        return Chosen(*(np.take(getattr(self, f.name), at) for f in fields(self)))

    @classmethod
    def concat(cls, parts: Sequence[Chosen]) -> Chosen:
        """The rows of every part, in order."""
        parts = [p for p in parts if len(p)]  # an empty part may not have the right types
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)))

    @classmethod
    def concat_take(cls, parts: Sequence[Chosen], at: np.ndarray) -> Chosen:
        """concat(parts).take(at), a column at a time: one column is copied whole at a time,
        not every column of every part at once (a ranking keeps hundreds of thousands of rows)."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls.empty()
        return cls(*(np.take(np.concatenate([getattr(p, f.name) for p in parts]), at)
                     for f in fields(cls)))

    def compact(self) -> Chosen:
        """The same rows, their integers in the narrowest types that hold them (`wide()` turns
        them back): for the hundreds of thousands of rows a ranking of every person keeps."""
        columns = ((f.name, getattr(self, f.name)) for f in fields(self))
        return Chosen(*(column.astype(_COMPACT.get(name, column.dtype), copy=False)
                        for name, column in columns))

    def wide(self) -> Chosen:
        """The same rows, their integers as int64 (build_matches computes keys from them)."""
        return Chosen(*(column.astype(np.int64) if column.dtype.kind in "iu" else column
                        for column in (getattr(self, f.name) for f in fields(self))))

    def between(self, begin: int, end: int) -> Chosen:
        """The rows from `begin` to `end` (views, not copies)."""
        return Chosen(*(getattr(self, f.name)[begin:end] for f in fields(self)))

    @classmethod
    def empty(cls) -> Chosen:
        """No rows."""
        return cls(*(np.zeros(0) for _ in fields(cls)))


Made = dict[str, dict[int, object]]  # per kind of record, what was made for each key


def _distinct(key: np.ndarray, make: Callable[[int], object],
              made: dict[int, object] | None = None) -> list:
    """make(row) for every row, called once per distinct key (`row`: its first row); with
    `made`, once per key met in any batch of one ranking (its keys mean the same in each)."""
    if key.size <= SMALL_BATCH and made is None:
        return [make(row) for row in range(key.size)]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    table = np.empty(first.size, dtype=object)
    if made is None:
        table[:] = [make(row) for row in first.tolist()]
    else:
        table[:] = [made[k] if k in made else made.setdefault(k, make(row))
                    for k, row in zip(key[first].tolist(), first.tolist())]
    return table[inverse.ravel()].tolist()


def _value_ids(*columns: np.ndarray) -> np.ndarray:
    """One integer per distinct tuple of float values (nan equal to nan); in a small batch,
    each row its own integer."""
    if columns[0].size <= SMALL_BATCH:
        return np.arange(columns[0].size)
    key = np.zeros(columns[0].size, dtype=np.int64)
    for column in columns:
        _, ids = np.unique(column, return_inverse=True)
        _, key = np.unique(key * (int(ids.max(initial=0)) + 1) + ids.ravel(),
                           return_inverse=True)
        key = key.ravel()
    return key


def build_matches(offers: OfferPool, profiles: ProfilePool, c: Chosen,
                  today: date, made: Made | None = None) -> list[Match]:
    """The Match records of the rows of `c`, in order, with their reasons. `made`: the same
    dict for every batch of one ranking (same pools, same day) built a chunk at a time, so
    that each travel and reason is made once for them all, not once per chunk."""
    if len(c) == 0:
        return []
    with collector_paused():
        return _build(offers, profiles, c, today, made)


def _build(offers: OfferPool, profiles: ProfilePool, c: Chosen, today: date,
           made: Made | None) -> list[Match]:
    def kind(name: str) -> dict[int, object] | None:
        return None if made is None else made.setdefault(name, {})

    o, p = c.offer.astype(np.int64), c.profile.astype(np.int64)
    scores, components, travels = c.score.tolist(), _components(c), _travels(c, kind("travel"))
    reasons = (
        _job_reasons(offers, profiles, c, kind("job")),
        _experience_reasons(offers, c, kind("experience")),
        _travel_reasons(offers, c, kind("trip")),
        _distinct(_value_ids(c.offer_hours, c.min_hours, c.max_hours),
                  lambda i: hours_reason(float(c.offer_hours[i]), float(c.min_hours[i]),
                                         float(c.max_hours[i]))),
        _distinct((offers.start_day[o] + 1) * _FIELD + profiles.available_day[p] + 1,
                  lambda i: availability_reason(offers.offers[o[i]].start_date,
                                                profiles.profiles[p[i]].available_from,
                                                today), kind("availability")))
    members = repeat(None)
    if writing_json():
        members = members_json(scores, [getattr(c, name).tolist() for name in COMPONENTS],
                               travels, reasons)
    per_row = [(job, experience, trip, hours, available) if experience
               else (job, trip, hours, available)
               for job, experience, trip, hours, available in zip(*reasons)]
    # Each row's tuple becomes a Match in C (no Python call per row).
    return list(map(partial(tuple.__new__, Match), zip(
        [offers.ids[i] for i in o.tolist()], [profiles.ids[i] for i in p.tolist()], scores,
        components, travels, per_row, members)))


def _components(c: Chosen) -> list[Components]:
    """Each row's own record (built in C: few rows share all four values)."""
    return list(map(partial(tuple.__new__, Components),
                    zip(*(getattr(c, name).tolist() for name in COMPONENTS))))


def _travels(c: Chosen, made: dict[int, object] | None) -> list[Travel]:
    key = ((np.rint(c.km * 10).astype(np.int64) * _FIELD + c.minutes) * len(MODES)
           + c.mode) * 2 + c.to_check
    return _distinct(key, lambda i: Travel(float(c.km[i]), int(c.minutes[i]), MODES[c.mode[i]],
                                           bool(c.to_check[i])), made)


def _travel_reasons(offers: OfferPool, c: Chosen, made: dict[int, object] | None
                    ) -> list[str]:
    """The estimated trip, or why it is « à vérifier » (both ends in the offer's commune)."""
    ref = offers.referential
    estimated = (c.minutes * len(MODES) + c.mode) * _FIELD + c.max_minutes
    key = np.where(c.to_check, -1 - offers.commune[c.offer].astype(np.int64), estimated)

    def reason(i: int) -> str:
        if not c.to_check[i]:
            return travel_reason(int(c.minutes[i]), MODES[c.mode[i]], int(c.max_minutes[i]))
        commune = offers.offers[c.offer[i]].commune
        return travel_to_check_reason(ref.commune_names[commune], ref.commune_area[commune])

    return _distinct(key, reason, made)


def _experience_reasons(offers: OfferPool, c: Chosen, made: dict[int, object] | None
                        ) -> list[str | None]:
    codes = offers.code[c.offer]
    shown = (c.months > 0) & (codes >= 0)
    return _distinct(np.where(shown, c.months * _FIELD + codes, -1),
                     lambda i: experience_reason(int(c.months[i]),
                                                 offers.rome_codes[c.offer[i]])
                     if shown[i] else None, made)


def _job_reasons(offers: OfferPool, profiles: ProfilePool, c: Chosen,
                 made: dict[int, object] | None) -> list[str]:
    """Exact code (with its rank), same domaine or grand domaine (with the target that
    shares it), or the closest title (with its similarity)."""
    ref = profiles.referential
    o, p = c.offer, c.profile
    _, target = target_levels(offers.code[o], offers.domain[o], offers.grand[o],
                              profiles.targets[p], profiles.target_domains[p],
                              profiles.target_grands[p])
    target_code = np.take_along_axis(profiles.targets[p], np.maximum(target, 0)[:, None],
                                     axis=1).ravel()
    by_title = c.source >= MAX_TARGETS
    source_code = np.take_along_axis(profiles.targets[p],
                                     np.minimum(c.source, MAX_TARGETS - 1)[:, None],
                                     axis=1).ravel()
    title = np.take_along_axis(
        profiles.profile_titles[p],
        np.clip(c.source - MAX_TARGETS, 0, profiles.profile_titles.shape[1] - 1)[:, None],
        axis=1).ravel()
    text = np.where(by_title, len(ref.rome_codes) + title, source_code)
    similarity = np.rint(c.similarity * 10_000).astype(np.int64)
    first = np.select([c.level == EXACT, c.level == TEXT], [offers.code[o], text], target_code)
    second = np.select([c.level == EXACT, c.level == TEXT], [c.rank, similarity], offers.code[o])
    key = (c.level.astype(np.int64) * _FIELD + first) * _FIELD + second

    def reason(i: int) -> str:
        level, code = int(c.level[i]), offers.rome_codes[o[i]]
        if level == EXACT:
            return exact_reason(code, int(c.rank[i]))
        if level == SAME_DOMAINE:
            return domain_reason(ref.rome_codes[target_code[i]], code[:3],
                                 ref.domain_label(code[:3]))
        if level == SAME_GRAND_DOMAINE:
            return grand_domain_reason(ref.rome_codes[target_code[i]], code[0],
                                       ref.domain_label(code[0]))
        assert level == TEXT
        words = (profiles.titles[title[i]] if by_title[i]
                 else ref.rome_labels[ref.rome_codes[source_code[i]]])
        return text_reason(words, float(c.similarity[i]))

    return _distinct(key, reason, made)
