"""Reproducible synthetic offers and profiles on the real communes and ROME codes (bench)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np

from matching.exchange import (
    Availability,
    Mobility,
    Offer,
    Profile,
    Schedule,
)
from matching.referential import Referential

DEPARTEMENT_PREFIX = "13"
# Share of profiles and offers drawn among the everyday jobs of the synonym list (the trades
# the pôles name); the rest spreads over every ROME code.
EVERYDAY_SHARE = 0.85
OFFER_CONTRACTS = ("CDI", "CDD", "MIS", "SAI", "PEC", "IAE", "CLAUSE", "PMSMP")
FREE_TITLES = ("femme de ménage", "aide à domicile", "manutentionnaire", "employé polyvalent",
               "agent de sécurité", "vendeuse", "serveur", "chauffeur livreur",
               "plongeur", "ouvrier du bâtiment", "assistante maternelle", "caissière")


class Synthetic:
    """Draws offers and profiles with one seeded random generator."""

    def __init__(self, referential: Referential, seed: int, today: date,
                 everyday_codes: Sequence[str]):
        self.ref = referential
        self.rng = np.random.default_rng(seed)
        self.today = today
        codes = [c for c in referential.insee_codes
                 if c.startswith(DEPARTEMENT_PREFIX) and c != "13055"]
        self.communes = np.array(codes)
        population = np.array([referential.commune_population[c] for c in codes], dtype=float)
        self.commune_weights = population / population.sum()
        self.everyday = np.array(sorted(set(everyday_codes)))
        self.all_codes = np.array(referential.rome_codes)
        self.terms_by_code: dict[str, list[str]] = {}
        for term, code in zip(referential.job_text.terms, referential.job_text.term_codes):
            self.terms_by_code.setdefault(referential.rome_codes[code], []).append(term)

    def _code(self) -> str:
        pool = self.everyday if self.rng.random() < EVERYDAY_SHARE else self.all_codes
        return str(pool[self.rng.integers(pool.size)])

    def _near_code(self, code: str) -> str:
        """Another code, in the same domaine seven times out of ten."""
        same = [c for c in self.everyday if c[:3] == code[:3] and c != code]
        if same and self.rng.random() < 0.7:
            return str(same[self.rng.integers(len(same))])
        return self._code()

    def _commune(self) -> str:
        return str(self.rng.choice(self.communes, p=self.commune_weights))

    def _day(self, low: int, high: int, unknown_share: float) -> date | None:
        if self.rng.random() < unknown_share:
            return None
        return self.today + timedelta(days=int(self.rng.integers(low, high)))

    def _flags(self, shares: Sequence[float]) -> list[bool]:
        return [bool(self.rng.random() < share) for share in shares]

    def profile(self, number: int) -> Profile:
        """One synthetic profile."""
        rng = self.rng
        first = self._code()
        codes = [first]
        for _ in range(rng.integers(0, 3)):
            code = self._near_code(first)
            if code not in codes:
                codes.append(code)
        titles: tuple[str, ...] = ()
        if rng.random() < 0.15:
            titles = (str(rng.choice(FREE_TITLES)),)
            if rng.random() < 0.3:
                codes = []
        licence = bool(rng.random() < 0.35)
        vehicle = licence and bool(rng.random() < 0.7)
        modes = ["walk", "public_transport"]
        modes += [m for m, share in (("bike", 0.1), ("carpool", 0.1), ("two_wheeler", 0.05))
                  if rng.random() < share]
        if vehicle:
            modes.append("car")
        low = float(rng.choice([0, 10, 15, 20]))
        return Profile(
            id=f"P-{number:06d}", commune=self._commune(), target_rome_codes=tuple(codes),
            target_titles=titles,
            experience_months={first: int(rng.integers(1, 60))} if rng.random() < 0.5 else {},
            mobility=Mobility(tuple(modes), int(rng.choice([30, 45, 60, 90])), None),
            driving_licence=licence, vehicle=vehicle,
            availability=Availability(low, low + float(rng.choice([6, 10, 15, 20])),
                                      *self._flags((0.15, 0.4, 0.35, 0.3))),
            childcare_constraint=bool(rng.random() < 0.3),
            available_from=self._day(-30, 60, 0.2), parcours="emploi",
            consent_promotion=bool(rng.random() < 0.8))

    def offer(self, number: int) -> Offer:
        """One synthetic offer."""
        rng = self.rng
        code = self._code()
        terms = self.terms_by_code[code]
        title = f"{terms[rng.integers(len(terms))].capitalize()} H/F"
        return Offer(
            id=f"O-{number:05d}", title=title,
            rome_code=None if rng.random() < 0.02 else code,
            commune=self._commune(), contract=str(rng.choice(OFFER_CONTRACTS)),
            hours_per_week=None if rng.random() < 0.1 else float(rng.choice([20, 24, 26, 30, 35])),
            schedule=Schedule(*self._flags((0.1, 0.3, 0.25, 0.15))),
            requires_driving_licence=bool(rng.random() < 0.2),
            requires_vehicle=bool(rng.random() < 0.1),
            start_date=self._day(0, 60, 0.2), positions=int(rng.integers(1, 4)),
            immersion_possible=bool(rng.random() < 0.3))

    def profiles(self, count: int) -> list[Profile]:
        """`count` profiles, P-000000 onwards."""
        return [self.profile(i) for i in range(count)]

    def offers(self, count: int) -> list[Offer]:
        """`count` offers, O-00000 onwards."""
        return [self.offer(i) for i in range(count)]
