"""Scored pairs turned into Match and Exclusion records with their French reasons."""

from __future__ import annotations

import numpy as np

from matching.exchange import MODES, Offer, Profile
from matching.jobfit import (
    EXACT,
    SAME_DOMAINE,
    SAME_GRAND_DOMAINE,
    TEXT,
    shown_level,
    target_levels,
)
from matching.pairs import Pairs, Settings, take
from matching.pools import MAX_TARGETS, OfferPool, ProfilePool
from matching.reasons import (
    ExclusionFacts,
    availability_reason,
    domain_reason,
    exact_reason,
    exclusion_reasons,
    experience_reason,
    grand_domain_reason,
    hours_reason,
    text_reason,
    travel_reason,
    travel_to_check_reason,
)
from matching.results import Components, Exclusion, Match, Travel
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
        if j.size == 0:
            return ()
        k = np.take(pairs.kept, j)  # positions in pairs.rows
        o, p = self._sides(np.take(pairs.rows, k))
        trips, inputs = pairs.trips, pairs.inputs
        minutes = np.floor(np.take(trips.minutes, k) + 0.5).astype(int).tolist()
        columns = zip(
            o.tolist(), p.tolist(), self._job_reasons(pairs, j, o, p), minutes,
            np.round(np.take(trips.km, k), 1).tolist(), np.take(trips.mode, k).tolist(),
            np.take(pairs.job.months, j).astype(int).tolist(),
            np.rint(_per_pair(inputs.max_minutes, k)).astype(int).tolist(),
            *(_per_pair(v, k).tolist() for v in (inputs.offer_hours, inputs.min_hours,
                                                 inputs.max_hours)),
            np.take(pairs.score, j).tolist(), np.stack(pairs.components)[:, j].T.tolist(),
            np.take(trips.to_check, k).tolist())
        out = []
        for (oi, pi, job_reason, minutes_n, km, mode_index, months, max_minutes, hours, low,
             high, score, components, to_check) in columns:
            offer, profile = self.offers.offers[oi], self.profiles.profiles[pi]
            code, mode = self.offers.rome_codes[oi], MODES[mode_index]
            reasons = [job_reason]
            if months > 0 and code is not None:
                reasons.append(experience_reason(months, code))
            reasons += [self._travel_reason(offer.commune, to_check, minutes_n, mode,
                                            max_minutes),
                        hours_reason(hours, low, high),
                        availability_reason(offer.start_date, profile.available_from,
                                            self.settings.today)]
            out.append(Match(offer.id, profile.id, score, Components(*components),
                             Travel(km, minutes_n, mode, to_check), tuple(reasons)))
        return tuple(out)

    def _travel_reason(self, commune: str, to_check: bool, minutes: int, mode: str,
                       max_minutes: int) -> str:
        """The estimated trip, or why it is « à vérifier » (both ends in `commune`)."""
        if not to_check:
            return travel_reason(minutes, mode, max_minutes)
        ref = self.settings.referential
        return travel_to_check_reason(ref.commune_names[commune], ref.commune_area[commune])

    def _job_reasons(self, pairs: Pairs, j: np.ndarray, o: np.ndarray,
                     p: np.ndarray) -> list[str]:
        ref, job, offers, profiles = (self.settings.referential, pairs.job, self.offers,
                                      self.profiles)
        levels = shown_level(np.take(job.level, j), np.take(job.rank, j),
                             np.take(job.similarity, j),
                             self.settings.thresholds.text_min_similarity)
        _, targets = target_levels(offers.code[o], offers.domain[o], offers.grand[o],
                                   profiles.targets[p], profiles.target_domains[p],
                                   profiles.target_grands[p])
        by_text = np.flatnonzero(levels == TEXT)
        sources = dict(zip(by_text.tolist(), pairs.text_source(j[by_text]).tolist())) \
            if by_text.size else {}
        out = []
        for n, (level, target, rank, similarity, oi, pi) in enumerate(zip(
                levels.tolist(), targets.tolist(), np.take(job.rank, j).tolist(),
                np.take(job.similarity, j).tolist(), o.tolist(), p.tolist())):
            code, profile = offers.rome_codes[oi], profiles.profiles[pi]
            if level == EXACT:
                out.append(exact_reason(code, rank))
            elif level == SAME_DOMAINE:
                out.append(domain_reason(profile.target_rome_codes[target], code[:3],
                                         ref.domain_label(code[:3])))
            elif level == SAME_GRAND_DOMAINE:
                out.append(grand_domain_reason(profile.target_rome_codes[target], code[0],
                                               ref.domain_label(code[0])))
            else:
                source = sources[n]
                text = (ref.rome_labels[profile.target_rome_codes[source]]
                        if source < MAX_TARGETS else profile.target_titles[source - MAX_TARGETS])
                out.append(text_reason(text, similarity))
        return out

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
