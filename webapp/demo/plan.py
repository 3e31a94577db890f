"""The whole demo territory as plain values: same seed and context, same plan."""

import random
from collections import Counter
from dataclasses import dataclass

from webapp.demo.companies import CompanyPlan, plan_companies
from webapp.demo.context import DemoContext
from webapp.demo.offers import CreSeat, OfferPlan, plan_offers
from webapp.demo.organisations import (
    EMPLOYER_POLES,
    OrganisationPlan,
    employer_organisation,
    partner_organisations,
)
from webapp.demo.people import FEATURED_AE_PROFILES, StaffPlan, demo_email, demo_staff
from webapp.demo.profiles import AeSeat, ProfilePlan, plan_profiles

COMPANY_COUNT = 300
OFFER_COUNT = 1500
PROFILE_COUNT = 6000
FEATURED_AE = (demo_email("ae"), FEATURED_AE_PROFILES)
# How often a CRE brings an offer of a pôle: those named for the pôle far more than those
# covering the whole département (Cap emploi).
LOCAL_CRE_WEIGHT = 3.0
WIDE_CRE_WEIGHT = 0.2
# Kinds of organisation that register the companies they prospect.
COMPANY_CREATOR_KINDS = frozenset({"departement_emploi", "france_travail", "plie", "dape"})


@dataclass(frozen=True)
class DemoPlan:
    organisations: tuple[OrganisationPlan, ...]
    staff: tuple[StaffPlan, ...]
    companies: tuple[CompanyPlan, ...]
    offers: tuple[OfferPlan, ...]
    profiles: tuple[ProfilePlan, ...]


def plan_demo(seed: int, context: DemoContext) -> DemoPlan:
    """Every object of the demo territory, drawn from random.Random(seed) in a fixed order."""
    rng = random.Random(seed)
    partners = partner_organisations(context)
    staff = demo_staff()
    companies = plan_companies(rng, context, COMPANY_COUNT, _creators(partners))
    offers = plan_offers(rng, context, companies, _cre_seats(staff, partners), OFFER_COUNT)
    employers = _employer_organisations(companies, offers)
    profiles = plan_profiles(rng, context, _ae_seats(staff), PROFILE_COUNT, FEATURED_AE)
    return DemoPlan(partners + employers, staff, companies, offers, profiles)


def _creators(partners: tuple[OrganisationPlan, ...]) -> dict[str, tuple[str, ...]]:
    """For each pôle, the organisations that may have registered a company there."""
    creators: dict[str, list[str]] = {}
    for organisation in partners:
        if organisation.kind in COMPANY_CREATOR_KINDS:
            for pole in organisation.territory:
                creators.setdefault(pole, []).append(organisation.key)
    return {pole: tuple(keys) for pole, keys in creators.items()}


def _cre_seats(
    staff: tuple[StaffPlan, ...], partners: tuple[OrganisationPlan, ...]
) -> tuple[CreSeat, ...]:
    """Each CRE role with the pôles it covers; a role held for one pôle weighs more there."""
    territory = {organisation.key: organisation.territory for organisation in partners}
    return tuple(
        CreSeat(
            person.email,
            role.organisation,
            (role.pole,) if role.pole else territory[role.organisation],
            LOCAL_CRE_WEIGHT if role.pole else WIDE_CRE_WEIGHT,
        )
        for person in staff
        for role in person.roles
        if role.role == "cre"
    )


def _ae_seats(staff: tuple[StaffPlan, ...]) -> tuple[AeSeat, ...]:
    return tuple(
        AeSeat(person.email, role.organisation, role.pole)
        for person in staff
        for role in person.roles
        if role.role == "ae" and role.pole
    )


def _employer_organisations(
    companies: tuple[CompanyPlan, ...], offers: tuple[OfferPlan, ...]
) -> tuple[OrganisationPlan, ...]:
    """An employer organisation for the company with most offers in each of EMPLOYER_POLES."""
    offers_per_company = Counter(offer.company for offer in offers)
    organisations = []
    for pole in EMPLOYER_POLES:
        in_pole = [i for i, company in enumerate(companies) if company.place.pole == pole]
        best = max(in_pole, key=lambda i: (offers_per_company[i], -i))
        organisations.append(employer_organisation(pole, best, companies[best].name))
    return tuple(organisations)
