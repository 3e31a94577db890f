"""Writing a demo plan to the database with multi-row INSERTs (no query per row)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import insert, select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import COMPANY_LABELS, Company, CompanyContact
from webapp.demo.plan import DemoPlan
from webapp.extensions import db
from webapp.offers.models import Offer, OfferEvent
from webapp.profiles.models import Profile, ProfileTarget
from webapp.reference.models import Pole

PROFILES_PER_STEP = 1000  # progress is reported after each step
# Rows per multi-row INSERT: psycopg parses every placeholder in Python and caches no statement
# this long, so shorter statements load faster on PostgreSQL (and make no odds on SQLite).
ROWS_PER_STATEMENT = 50
Progress = Callable[[int], None]


@dataclass
class _Ids:
    """Database ids of what is already written, by the keys the plan uses."""

    poles: dict[str, int]
    organisations: dict[str, int] = field(default_factory=dict)
    companies: list[int] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)


def write_plan(plan: DemoPlan, password_hash: str, progress: Progress) -> None:
    """Insert every object of the plan; the caller commits. Progress goes from 5 to 99."""
    ids = _Ids(poles=dict(db.session.execute(select(Pole.code, Pole.id)).all()))
    _write_organisations(plan, ids, employers=False)
    _write_companies(plan, ids)
    _write_organisations(plan, ids, employers=True)
    progress(10)
    _write_staff(plan, password_hash, ids)
    progress(15)
    _write_offers(plan, ids)
    progress(35)
    steps = range(0, len(plan.profiles), PROFILES_PER_STEP)
    for step, start in enumerate(steps, 1):
        _write_profiles(plan, ids, start, start + PROFILES_PER_STEP)
        progress(35 + 64 * step // len(steps))


def _write_organisations(plan: DemoPlan, ids: _Ids, employers: bool) -> None:
    """Partner organisations, or (once companies exist) the employers' organisations."""
    chosen = [o for o in plan.organisations if (o.company is not None) == employers]
    rows = [
        {
            "name": o.name,
            "kind": o.kind,
            "pole_id": ids.poles.get(o.pole or ""),
            "company_id": ids.companies[o.company] if employers else None,
        }
        for o in chosen
    ]
    ids.organisations |= dict(
        zip([o.key for o in chosen], _insert(Organisation, rows), strict=True)
    )


def _write_companies(plan: DemoPlan, ids: _Ids) -> None:
    ids.companies = _insert(
        Company,
        [
            {
                "name": c.name,
                "siret": c.siret,
                "naf_code": c.naf_code,
                "commune_insee": c.place.insee,
                "address": c.address,
                "size_band": c.size_band,
                "created_by_organisation_id": ids.organisations[c.created_by],
                **{label: label in c.labels for label in COMPANY_LABELS},
            }
            for c in plan.companies
        ],
    )
    _insert(
        CompanyContact,
        [
            {
                "company_id": company_id,
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
            }
            for company_id, company in zip(ids.companies, plan.companies, strict=True)
            for contact in company.contacts
        ],
    )


def _write_staff(plan: DemoPlan, password_hash: str, ids: _Ids) -> None:
    """The accounts, all with the same hash of the demo password (hashing is slow on purpose)."""
    user_ids = _insert(
        User,
        [
            {
                "email": p.email,
                "display_name": p.display_name,
                "password_hash": password_hash,
                "active": True,
            }
            for p in plan.staff
        ],
    )
    ids.users = dict(zip([person.email for person in plan.staff], user_ids, strict=True))
    _insert(
        Membership,
        [
            {
                "user_id": ids.users[person.email],
                "organisation_id": ids.organisations[role.organisation],
                "role": role.role,
                "pole_id": ids.poles.get(role.pole or ""),
            }
            for person in plan.staff
            for role in person.roles
        ],
    )


def _write_offers(plan: DemoPlan, ids: _Ids) -> None:
    offer_ids = _insert(
        Offer,
        [
            {
                **offer.columns,
                "company_id": ids.companies[offer.company],
                "organisation_id": ids.organisations[offer.organisation],
                "cre_id": ids.users[offer.cre],
                "pole_id": ids.poles[offer.pole],
            }
            for offer in plan.offers
        ],
    )
    _insert(
        OfferEvent,
        [
            {
                "offer_id": offer_id,
                "at": event.at,
                "kind": event.kind,
                "user_id": ids.users[offer.cre],
                "from_status": event.from_status,
                "to_status": event.to_status,
                "note": event.note,
            }
            for offer_id, offer in zip(offer_ids, plan.offers, strict=True)
            for event in offer.events
        ],
    )


def _write_profiles(plan: DemoPlan, ids: _Ids, start: int, stop: int) -> None:
    profiles = plan.profiles[start:stop]
    profile_ids = _insert(
        Profile,
        [
            {
                **profile.columns,
                "organisation_id": ids.organisations[profile.organisation],
                "ae_id": ids.users[profile.ae],
                "pole_id": ids.poles[profile.pole],
                "consent_recorded_by_id": ids.users[profile.ae]
                if profile.columns["consent_promotion"]
                else None,
            }
            for profile in profiles
        ],
    )
    _insert(
        ProfileTarget,
        [
            {
                "profile_id": profile_id,
                "rank": target.rank,
                "rome_code": target.rome_code,
                "experience_months": target.experience_months,
            }
            for profile_id, profile in zip(profile_ids, profiles, strict=True)
            for target in profile.targets
        ],
    )


def _insert(model, rows: list[dict]) -> list[int]:
    """Multi-row INSERTs of plain rows; the new ids come back in the rows' order."""
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    # render_nulls gives every row the same column set, so all the rows batch together
    options = {"render_nulls": True, "insertmanyvalues_page_size": ROWS_PER_STATEMENT}
    return list(db.session.scalars(statement, rows, execution_options=options))
