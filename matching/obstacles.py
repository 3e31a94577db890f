"""The obstacles that close the most doors for a caseload: what lifting each would open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.engine import Engine
from matching.exchange import Offer, Profile
from matching.pairs import profile_pairs
from matching.pools import OfferPool, ProfilePool
from matching.scoring import BIT, CATEGORIES

OBSTACLE_LABELS = {
    "travel": "Temps de trajet", "licence": "Pas de permis B", "vehicle": "Pas de véhicule",
    "night": "Travail de nuit non accepté", "weekend": "Travail le week-end non accepté",
    "early_morning": "Horaires tôt le matin non acceptés",
    "split_shift": "Horaires en coupure non acceptés", "childcare": "Garde d'enfants",
    "hours": "Trop d'heures par semaine", "consent": "Pas d'accord de présentation",
}


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n <= 1 else plural}"


@dataclass(frozen=True)
class Obstacle:
    """One exclusion category across a caseload and a set of open offers.

    offers_opened / people_unblocked count the offers (people) for which this obstacle is
    the only one left: lifting it alone would open them.
    """

    category: str
    label: str
    pairs: int
    offers_excluded: int
    people: int
    offers_opened: int
    people_unblocked: int

    def sentence(self) -> str:
        """E.g. "Pas de permis B : écarte 40 offres pour 12 personnes ; le lever en
        ouvrirait 25 à 9 personnes"."""
        text = (f"{self.label} : écarte {_count(self.offers_excluded, 'offre', 'offres')} "
                f"pour {_count(self.people, 'personne', 'personnes')}")
        if self.offers_opened:
            text += (f" ; le lever en ouvrirait {self.offers_opened} à "
                     f"{_count(self.people_unblocked, 'personne', 'personnes')}")
        return text


def obstacles(engine: Engine, profiles: Sequence[Profile],
              offers: Sequence[Offer] | OfferPool) -> list[Obstacle]:
    """Each category that excludes at least one pair, the most doors opened first."""
    pool = offers if isinstance(offers, OfferPool) else engine.offer_pool(offers)
    settings = engine.settings()
    n = len(CATEGORIES)
    excluded = np.zeros((n, len(pool)), dtype=bool)
    opened = np.zeros((n, len(pool)), dtype=bool)
    pairs, people, unblocked = np.zeros(n, int), np.zeros(n, int), np.zeros(n, int)
    for profile in profiles:
        found = profile_pairs(settings, ProfilePool([profile], engine.referential), pool)
        for c, category in enumerate(CATEGORIES):
            hit = (found.bits & BIT[category]) != 0
            alone = found.bits == BIT[category]
            excluded[c, found.rows[hit]] = True
            opened[c, found.rows[alone]] = True
            pairs[c] += hit.sum()
            people[c] += hit.any()
            unblocked[c] += alone.any()
    found_obstacles = [
        Obstacle(category, OBSTACLE_LABELS[category], int(pairs[c]), int(excluded[c].sum()),
                 int(people[c]), int(opened[c].sum()), int(unblocked[c]))
        for c, category in enumerate(CATEGORIES) if pairs[c]]
    return sorted(found_obstacles, key=lambda o: (-o.offers_opened, -o.offers_excluded,
                                                  CATEGORIES.index(o.category)))


@dataclass(frozen=True)
class ObstacleMembers:
    """Who and what one obstacle counts: the people it holds back, the offers it closes to at
    least one of them, and of those the offers lifting it alone would open."""

    profile_ids: tuple[str, ...]
    offer_ids: tuple[str, ...]
    opened_offer_ids: frozenset[str]


def obstacle_members(engine: Engine, profiles: Sequence[Profile],
                     offers: Sequence[Offer] | OfferPool, category: str) -> ObstacleMembers:
    """The people and offers behind one line of `obstacles()` (same counts, by id)."""
    pool = offers if isinstance(offers, OfferPool) else engine.offer_pool(offers)
    settings = engine.settings()
    excluded = np.zeros(len(pool), dtype=bool)
    opened = np.zeros(len(pool), dtype=bool)
    people = []
    for profile in profiles:
        found = profile_pairs(settings, ProfilePool([profile], engine.referential), pool)
        hit = (found.bits & BIT[category]) != 0
        excluded[found.rows[hit]] = True
        opened[found.rows[found.bits == BIT[category]]] = True
        if hit.any():
            people.append(profile.id)
    return ObstacleMembers(tuple(people), tuple(pool.ids[i] for i in np.flatnonzero(excluded)),
                           frozenset(pool.ids[i] for i in np.flatnonzero(opened)))
