"""The arithmetic of "where to prospect next", on plain values (no database).

People are counted, never listed: ready people are folded into trip groups (same commune,
modes and limits) with, per group, how many of them target a job each NAF division employs.
Reach is computed once per (group, company commune) pair from the matching referential's
travel table, so the work grows with groups × communes, not people × companies.

Scoring, deterministic and explainable (every factor is named in the line's reason):
- a company's score is the number of ready people who target a job its activity employs and
  can get there (best mode within their maximum minutes and km), times its size weight, its
  immersion weight and its follow-up weight;
- an activity's score is the number of ready people targeting a job it employs, lowered by
  the share of its companies in their reach that someone already follows.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from matching.exchange import MODES
from matching.referential import Referential

# Bigger employers hire more often: a first contact opens more positions over a year.
SIZE_WEIGHTS = {"0": 0.5, "1-9": 0.8, "10-49": 1.0, "50-249": 1.2, "250+": 1.4}
UNKNOWN_SIZE_WEIGHT = 1.0
# A company that already welcomes immersions (PMSMP) is an easier first step.
IMMERSION_WEIGHT = 1.2
# free: nobody prospects it; dropped: tried and given up (worth another look, less so);
# followed / partner: a CRE already prospects it or works with it (join them rather).
FOLLOW_WEIGHTS = {"free": 1.0, "dropped": 0.5, "followed": 0.25, "partner": 0.25}
# An activity whose companies in reach are all followed keeps half its score.
FOLLOWED_SHARE_PENALTY = 0.5
# No line stands for fewer people: the counts stay anonymous, and prospecting for one or two
# people is the référent's one-to-one work.
MIN_READY_PEOPLE = 3
GROUP_CHUNK = 512  # trip groups per block of the reach computation (bounds memory)


@dataclass(frozen=True)
class TripGroup:
    """Ready people who travel alike: one origin commune, the modes that count, limits."""

    commune: str
    modes: tuple[str, ...]
    max_minutes: float
    max_km: float | None


@dataclass(frozen=True)
class CompanyPoint:
    """A company as the ranking sees it; `follow` is one of FOLLOW_WEIGHTS' keys."""

    id: int
    commune: str
    division: str
    size_band: str | None
    welcomes_immersion: bool
    follow: str


@dataclass(frozen=True)
class CompanyRank:
    company: CompanyPoint
    score: float
    ready_people: int
    top_code: str
    top_code_people: int
    median_minutes: float
    main_mode: str


@dataclass(frozen=True)
class ActivityRank:
    division: str
    score: float
    ready_people: int
    top_code: str
    top_code_people: int
    companies_in_reach: int
    followed_in_reach: int
    median_minutes: float | None
    main_mode: str | None


@dataclass(frozen=True)
class Ranking:
    companies: list[CompanyRank]
    activities: list[ActivityRank]


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


class ProspectRanker:
    """Counts and reach for one territory's ready people, then both rankings."""

    def __init__(self, referential: Referential, groups: Sequence[TripGroup],
                 person_group: Sequence[int], person_codes: Sequence[Sequence[str]],
                 division_codes: dict[str, frozenset[str]], companies: Sequence[CompanyPoint]):
        self.ref, self.groups = referential, list(groups)
        self.companies = [c for c in companies if referential.has_commune(c.commune)]
        targeted = {code for codes in person_codes for code in codes}
        self.divisions = sorted(d for d, codes in division_codes.items() if codes & targeted)
        div_index = {d: i for i, d in enumerate(self.divisions)}
        self.codes = sorted(targeted)
        code_index = {c: i for i, c in enumerate(self.codes)}
        self.division_code_ids = [np.array(sorted(code_index[c] for c in division_codes[d]
                                                  if c in code_index)) for d in self.divisions]
        divisions_of_code = [[] for _ in self.codes]
        for d, ids in enumerate(self.division_code_ids):
            for code in ids:
                divisions_of_code[code].append(d)
        # (person, code) and (person, division) pairs, each once: counts stay distinct people.
        code_pairs = {(p, code_index[c]) for p, codes in enumerate(person_codes) for c in codes}
        div_pairs = {(p, d) for p, code in code_pairs for d in divisions_of_code[code]}
        groups_of = np.asarray(person_group, dtype=np.int64)
        self.group_code = self._count(groups_of, code_pairs, len(self.codes))
        self.group_div = self._count(groups_of, div_pairs, len(self.divisions))
        self.code_people = self.group_code.sum(axis=0)
        self.division_people = self.group_div.sum(axis=0)
        self.company_div = np.array([div_index.get(c.division, -1) for c in self.companies],
                                    dtype=np.int64)
        self._reach()

    def _count(self, groups_of: np.ndarray, pairs: set[tuple[int, int]], width: int) -> np.ndarray:
        """People per (trip group, column) from (person, column) pairs."""
        counts = np.zeros((len(self.groups), width), dtype=np.int64)
        if pairs:
            people, columns = np.array(sorted(pairs), dtype=np.int64).T
            np.add.at(counts, (groups_of[people], columns), 1)
        return counts

    def _reach(self) -> None:
        """Best minutes, best mode and reach for every (company commune, group) pair."""
        ref = self.ref
        communes = sorted({c.commune for c in self.companies})
        self.commune_row = {insee: i for i, insee in enumerate(communes)}
        self.company_row = np.array([self.commune_row[c.commune] for c in self.companies],
                                    dtype=np.int64)
        destinations = np.array([ref.commune_index[c] for c in communes], dtype=np.int64)
        n_groups = len(self.groups)
        self.best = np.full((len(communes), n_groups), np.inf)
        self.best_mode = np.zeros((len(communes), n_groups), dtype=np.int8)
        self.reach = np.zeros((len(communes), n_groups), dtype=bool)
        for start in range(0, n_groups, GROUP_CHUNK):
            block = self.groups[start:start + GROUP_CHUNK]
            origins = np.array([ref.commune_index[g.commune] for g in block], dtype=np.int64)
            allowed = np.array([[m in g.modes for g in block] for m in MODES])
            pairs = (destinations[:, None], origins[None, :])
            minutes = np.where(allowed[:, None, :], ref.minutes_to[:, pairs[0], pairs[1]], np.inf)
            best, mode = minutes.min(axis=0), minutes.argmin(axis=0)
            km = ref.km_to[pairs]
            max_minutes = np.array([g.max_minutes for g in block])
            max_km = np.array([np.inf if g.max_km is None else g.max_km for g in block])
            columns = slice(start, start + len(block))
            self.best[:, columns], self.best_mode[:, columns] = best, mode
            self.reach[:, columns] = (best <= max_minutes) & (km <= max_km)

    def company_people(self) -> np.ndarray:
        """For every company, the ready people who target its activity and reach it."""
        counts = np.zeros(len(self.companies), dtype=np.int64)
        known = np.nonzero(self.company_div >= 0)[0]
        rows = self.company_row[known]
        for start in range(0, known.size, GROUP_CHUNK):
            ks, rs = known[start:start + GROUP_CHUNK], rows[start:start + GROUP_CHUNK]
            counts[ks] = (self.group_div[:, self.company_div[ks]].T * self.reach[rs]).sum(axis=1)
        return counts

    def _trip(self, rows: np.ndarray, weights: np.ndarray) -> tuple[float, str]:
        """Weighted median minutes and most used best mode over (commune row, group) pairs."""
        pairs = weights > 0
        minutes, modes = self.best[rows][pairs], self.best_mode[rows][pairs]
        by_mode = np.bincount(modes, weights=weights[pairs], minlength=len(MODES))
        return _weighted_median(minutes, weights[pairs]), MODES[int(by_mode.argmax())]

    def _top_code(self, d: int, reach_row: np.ndarray | None = None) -> tuple[str, int]:
        ids = self.division_code_ids[d]
        counts = (self.code_people[ids] if reach_row is None
                  else (self.group_code[:, ids] * reach_row[:, None]).sum(axis=0))
        best = int(np.argmax(counts))  # ties: the smallest ROME code, ids are sorted
        return self.codes[ids[best]], int(counts[best])

    def rank(self, top_companies: int, top_activities: int) -> Ranking:
        """Both rankings, best first, each cut to its length."""
        people = self.company_people()
        scores = np.array([
            n * SIZE_WEIGHTS.get(c.size_band or "", UNKNOWN_SIZE_WEIGHT)
            * (IMMERSION_WEIGHT if c.welcomes_immersion else 1.0) * FOLLOW_WEIGHTS[c.follow]
            for n, c in zip(people, self.companies, strict=True)])
        order = sorted((k for k in range(len(self.companies)) if people[k] >= MIN_READY_PEOPLE),
                       key=lambda k: (-scores[k], -people[k], self.companies[k].id))
        companies = []
        for k in order[:top_companies]:
            row = int(self.company_row[k])
            weights = self.group_div[:, self.company_div[k]] * self.reach[row]
            minutes, mode = self._trip(np.array([row]), weights[None, :])
            code, code_people = self._top_code(int(self.company_div[k]),
                                               self.reach[row].astype(np.int64))
            companies.append(CompanyRank(self.companies[k], round(float(scores[k]), 2),
                                         int(people[k]), code, code_people, minutes, mode))
        return Ranking(companies, self._activities(people, top_activities))

    def _activities(self, people: np.ndarray, top: int) -> list[ActivityRank]:
        reached = people > 0
        taken = np.array([c.follow in ("followed", "partner") for c in self.companies], dtype=bool)
        lines = []
        for d, division in enumerate(self.divisions):
            if self.division_people[d] < MIN_READY_PEOPLE:
                continue
            in_reach = (self.company_div == d) & reached
            count, followed = int(in_reach.sum()), int((in_reach & taken).sum())
            share = followed / count if count else 0.0
            score = float(self.division_people[d]) * (1 - FOLLOWED_SHARE_PENALTY * share)
            code, code_people = self._top_code(d)
            lines.append(ActivityRank(division, round(score, 2), int(self.division_people[d]),
                                      code, code_people, count, followed, None, None))
        lines.sort(key=lambda a: (-a.score, -(a.companies_in_reach - a.followed_in_reach),
                                  a.division))
        return [self._with_trip(line, reached) for line in lines[:top]]

    def _with_trip(self, line: ActivityRank, reached: np.ndarray) -> ActivityRank:
        """The activity's typical trip: over its companies in reach (grouped by commune) and
        the people who target it, the weighted median minutes and the most used mode."""
        if not line.companies_in_reach:
            return line
        d = self.divisions.index(line.division)
        rows, companies = np.unique(self.company_row[(self.company_div == d) & reached],
                                    return_counts=True)
        weights = companies[:, None] * self.group_div[:, d][None, :] * self.reach[rows]
        minutes, mode = self._trip(rows, weights)
        return replace(line, median_minutes=minutes, main_mode=mode)
