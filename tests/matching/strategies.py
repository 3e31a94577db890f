"""Hypothesis strategies: random but plausible offers and profiles on the real referential."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from matching.exchange import MODES, Availability, Employer, Mobility, Offer, Profile, Schedule
from tests.matching.conftest import TODAY

NEAR = ["13201", "13203", "13205", "13208", "13210", "13213", "13215", "13055"]
FAR = ["13001", "13005", "13117", "13039", "13004", "13056", "13047", "13061"]
communes = st.sampled_from(NEAR) | st.sampled_from(NEAR) | st.sampled_from(FAR)
# Arles's postal codes: finer places (13200 the town, 13129 Salin-de-Giraud), one the
# reference does not place (13123), or none: trips within Arles are « à vérifier » or not.
ARLES_POSTAL_CODES = [None, None, "13200", "13129", "13123"]


def postal_code(draw: st.DrawFn, commune: str) -> str | None:
    """A postal code for a place in Arles, sometimes; none elsewhere."""
    return draw(st.sampled_from(ARLES_POSTAL_CODES)) if commune == "13004" else None
CODES = ["K2204", "K2205", "K2203", "K2202", "K1302", "K1304", "K1303", "K2113", "N1101",
         "N1103", "N4105", "J1501", "G1602", "I1203", "D1214", "A1203"]
OFFER_TITLES = ["Agent de propreté de locaux H/F", "Auxiliaire de vie", "Cariste",
                "Femme de ménage", "Agent d'entretien", "Serveur en restauration",
                "Aide-soignante de nuit", "Plongeur", "Employé polyvalent", "Chauffeur livreur"]
PROFILE_TITLES = ["femme de ménage", "aide à domicile", "manutentionnaire", "agent d'entretien",
                  "vendeuse", "cariste", "auxiliaire de vie"]

days = st.none() | st.integers(-100, 100).map(lambda n: TODAY + timedelta(days=n))
hours = st.none() | st.integers(2, 96).map(lambda n: n / 2)
PATTERNS = ("night", "weekend", "early_morning", "split_shift")
rarely = st.sampled_from([False, False, False, True])
mostly = st.sampled_from([True, True, False])
required = st.fixed_dictionaries({f: rarely for f in PATTERNS})
accepted = st.fixed_dictionaries({f: mostly for f in PATTERNS})


@st.composite
def offers(draw: st.DrawFn, number: int = 0) -> Offer:
    """A random offer."""
    commune = draw(communes)
    return Offer(
        id=f"O-{number:03d}", title=draw(st.sampled_from(OFFER_TITLES)),
        commune=commune, postal_code=postal_code(draw, commune),
        rome_code=draw(st.none() | st.sampled_from(CODES)),
        hours_per_week=draw(hours), schedule=Schedule(**draw(required)),
        requires_driving_licence=draw(rarely), requires_vehicle=draw(rarely),
        start_date=draw(days), employer=Employer("Entreprise", None))


@st.composite
def profiles(draw: st.DrawFn, number: int = 0) -> Profile:
    """A random profile with at least one target."""
    codes = draw(st.lists(st.sampled_from(CODES), max_size=4, unique=True))
    titles = draw(st.lists(st.sampled_from(PROFILE_TITLES), min_size=0 if codes else 1,
                           max_size=2, unique=True))
    months = draw(st.dictionaries(st.sampled_from(CODES), st.integers(0, 60), max_size=3))
    low = draw(st.none() | st.integers(0, 30))
    high = draw(st.none() | st.integers(low or 0, 40))
    commune = draw(communes)
    return Profile(
        id=f"P-{number:03d}", commune=commune, postal_code=postal_code(draw, commune),
        target_rome_codes=tuple(codes), target_titles=tuple(titles), experience_months=months,
        mobility=Mobility(tuple(draw(st.lists(st.sampled_from(MODES), unique=True))),
                          draw(st.sampled_from([None, 15, 30, 45, 60, 90])),
                          draw(st.sampled_from([None, 2.0, 10.0, 30.0]))),
        driving_licence=draw(st.booleans()), vehicle=draw(st.booleans()),
        availability=Availability(low, high, **draw(accepted)),
        childcare_constraint=draw(st.booleans()), available_from=draw(days),
        consent_promotion=draw(st.booleans()))


@st.composite
def populations(draw: st.DrawFn, max_offers: int = 3,
                max_profiles: int = 8) -> tuple[list[Offer], list[Profile]]:
    """A few offers and profiles with distinct ids."""
    n_offers = draw(st.integers(1, max_offers))
    n_profiles = draw(st.integers(1, max_profiles))
    return ([draw(offers(i)) for i in range(n_offers)],
            [draw(profiles(i)) for i in range(n_profiles)])


__all__ = ["TODAY", "date", "offers", "populations", "profiles"]
