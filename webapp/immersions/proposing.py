"""Proposing an immersion (PMSMP), changing it, and moving it through its life cycle."""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can, may
from webapp.extensions import db
from webapp.immersions.lifecycle import WORKFLOW, add_step, date_problem, sides_of
from webapp.immersions.models import (
    CONVENTION_KINDS,
    IMMERSION_OBJECTIVES,
    Immersion,
    ImmersionStep,
)
from webapp.immersions.notices import tell_proposed
from webapp.immersions.promotion import note_in_promotion, promotion_for
from webapp.immersions.rules import ImmersionPlan, check_plan, plan_breaches, plan_of
from webapp.immersions.schedule import WeeklySchedule, office_hours
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.reference.jobs import rome_exists
from webapp.reference.models import NafRome

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
EDITABLE_STATUSES = ("proposed",)


@dataclass(frozen=True)
class TutorInput:
    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_filled(self) -> bool:
        return bool(self.name.strip())


@dataclass(frozen=True)
class ImmersionInput:
    """Everything a person types to propose or change an immersion."""

    company_id: int | None
    rome_code: str
    objective: str
    start_date: date
    end_date: date
    schedule: WeeklySchedule
    offer_id: int | None = None
    promotion_id: int | None = None
    activities: str = ""
    tutor: TutorInput = field(default_factory=TutorInput)


@dataclass(frozen=True)
class StepInput:
    """What comes with a step: a note (the reason of a cancellation), the convention, the tutor."""

    note: str = ""
    convention_kind: str | None = None
    convention_reference: str = ""
    tutor: TutorInput | None = None


def new_reference(today: date) -> str:
    """A fresh immersion reference, IM-2026-7KQ3M9."""
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"IM-{today.year}-{suffix}"


def may_propose(user: User, profile: Profile) -> bool:
    """True when the user may propose an immersion for this person.

    An immersion's scope columns mirror its person's (AE, organisation, pôle, shares), so the
    right is checked on the profile itself.
    """
    return may(user, "immersion.create") and can(user, "immersion.create", profile)


def suggested_job(profile: Profile, company: Company | None, offer: Offer | None) -> str | None:
    """The job to try: the offer's, else the person's first target the company's trade employs."""
    if offer is not None and offer.rome_code:
        return offer.rome_code
    targets = profile.target_rome_codes
    if company is not None and company.naf_code:
        employed = set(db.session.scalars(select(NafRome.rome_code).where(
            NafRome.naf_division == company.naf_code[:2], NafRome.rome_code.in_(targets))))
        for code in targets:
            if code in employed:
                return code
    return targets[0] if targets else None


def proposal_defaults(profile: Profile, company: Company | None, offer: Offer | None,
                      promotion_id: int | None, today: date) -> ImmersionInput:
    """Where a new proposal starts: next week (or the person's first available week), Monday to
    Friday office hours, the suggested job, the company's first contact as the tutor."""
    first_day = max(today + timedelta(days=1), profile.available_from or today)
    start = first_day + timedelta(days=(7 - first_day.weekday()) % 7)
    contact = company.contacts[0] if company is not None and company.contacts else None
    tutor = TutorInput(contact.name, contact.role, contact.phone, contact.email) if contact else TutorInput()
    return ImmersionInput(
        company_id=company.id if company else None,
        rome_code=suggested_job(profile, company, offer) or "",
        objective="recruit" if offer is not None or promotion_id else "discover",
        start_date=start, end_date=start + timedelta(days=4), schedule=office_hours(),
        offer_id=offer.id if offer else None, promotion_id=promotion_id, tutor=tutor,
    )


def _field_problems(data: ImmersionInput) -> list[tuple[str, str]]:
    problems = []
    if data.objective not in IMMERSION_OBJECTIVES:
        problems.append(("objective", "Choisissez l'objectif de l'immersion dans la liste."))
    if not data.rome_code or not rome_exists(data.rome_code):
        problems.append(("rome_code", "Choisissez le métier découvert dans la liste des suggestions."))
    if data.start_date is None:
        problems.append(("start_date", "Premier jour : indiquez-le."))
    if data.end_date is None:
        problems.append(("end_date", "Dernier jour : indiquez-le."))
    return problems


def _check_fields(data: ImmersionInput) -> None:
    if problems := _field_problems(data):
        raise Invalid(problems)


def check_proposal(profile: Profile, data: ImmersionInput, today: date) -> None:
    """Invalid naming every problem of the typed proposal at once (the form's check): its
    fields, then, the dates known, every rule of the plan."""
    problems = _field_problems(data)
    if data.start_date is not None and data.end_date is not None:
        company = db.session.get(Company, data.company_id) if data.company_id else None
        plan = ImmersionPlan(profile, company, data.start_date, data.end_date, data.schedule)
        problems += [(breach.field, breach.message) for breach in plan_breaches(plan, today)]
    if problems:
        raise Invalid(problems)


def _offer_of(data: ImmersionInput, company: Company | None) -> Offer | None:
    if data.offer_id is None:
        return None
    offer = db.session.get(Offer, data.offer_id)
    if offer is None:
        raise Invalid("Cette offre n'existe plus.", "offer_id")
    if offer.company_id is None:
        raise Invalid(f"L'offre {offer.reference} n'est rattachée à aucune entreprise de "
                      "l'annuaire : rattachez-la d'abord, ou proposez l'immersion depuis une "
                      "entreprise accueillante.", "company_id")
    if company is not None and offer.company_id != company.id:
        raise Invalid(f"L'offre {offer.reference} est celle d'une autre entreprise que "
                      f"« {company.name} ».", "company_id")
    return offer


def _apply_tutor(immersion: Immersion, tutor: TutorInput) -> None:
    immersion.tutor_name, immersion.tutor_role = tutor.name.strip(), tutor.role.strip()
    immersion.tutor_phone, immersion.tutor_email = tutor.phone.strip(), tutor.email.strip()


def propose_immersion(user: User, profile: Profile, data: ImmersionInput, today: date,
                      now: datetime | None = None) -> Immersion:
    """A new immersion in "proposed", checked against every rule, with its first signed step."""
    now = now or clock.now()
    if not may_propose(user, profile):
        raise NotAllowed("Vous ne pouvez pas proposer d'immersion pour cette personne.")
    _check_fields(data)
    company = db.session.get(Company, data.company_id) if data.company_id else None
    offer = _offer_of(data, company)
    promotion = promotion_for(data.promotion_id, profile, company)
    check_plan(ImmersionPlan(profile, company, data.start_date, data.end_date, data.schedule), today)
    immersion = Immersion(
        reference=new_reference(today), profile=profile, company=company, offer=offer,
        promotion=promotion, organisation_id=profile.organisation_id,
        pole_id=profile.pole_id, referent=profile.ae or user, proposed_by=user,
        rome_code=data.rome_code, objective=data.objective, start_date=data.start_date,
        end_date=data.end_date, schedule=data.schedule.to_json(),
        activities=data.activities.strip(), status="proposed",
    )
    _apply_tutor(immersion, data.tutor)
    db.session.add(immersion)
    add_step(immersion, None, "proposed", user, now)
    db.session.flush()
    note_in_promotion(user, immersion, now)
    tell_proposed(immersion, user)
    return immersion


CHANGED = ("Cette immersion a été modifiée pendant que vous la consultiez : rechargez la page "
           "pour voir où elle en est.")


def _check_version(immersion: Immersion, expected_version: int | None) -> None:
    check_version(immersion, expected_version, CHANGED)


def update_immersion(user: User, immersion: Immersion, data: ImmersionInput,
                     expected_version: int | None, today: date) -> None:
    """Change a proposal (job, objective, dates, schedule, tutor) before the company accepts it."""
    _check_version(immersion, expected_version)
    if "person" not in sides_of(user, immersion):
        raise NotAllowed("Seul l'accompagnement de la personne modifie la proposition.")
    if immersion.status not in EDITABLE_STATUSES:
        raise Invalid(f"L'immersion est « {immersion.status_label} » : une proposition se modifie "
                      "seulement avant d'être acceptée. Annulez-la et proposez-en une autre.")
    _check_fields(data)
    plan = ImmersionPlan(immersion.profile, immersion.company, data.start_date, data.end_date,
                         data.schedule, immersion.id)
    dates_changed = (data.start_date, data.end_date) != (immersion.start_date, immersion.end_date)
    check_plan(plan, today if dates_changed else None)
    immersion.rome_code, immersion.objective = data.rome_code, data.objective
    immersion.start_date, immersion.end_date = data.start_date, data.end_date
    immersion.schedule, immersion.activities = data.schedule.to_json(), data.activities.strip()
    _apply_tutor(immersion, data.tutor)
    flush_or_conflict(immersion, CHANGED)


def _before_signing(immersion: Immersion, step: StepInput) -> None:
    if step.tutor is not None and step.tutor.is_filled:
        _apply_tutor(immersion, step.tutor)
    if not immersion.tutor_name:
        raise Invalid("Indiquez le tuteur ou la tutrice dans l'entreprise : la convention le "
                      "nomme.", "tutor_name")
    if step.convention_kind not in CONVENTION_KINDS or not step.convention_reference.strip():
        raise Invalid("Indiquez la référence de la convention signée (identifiant Immersion "
                      "Facilitée ou référence du dossier).", "convention_reference")
    immersion.convention_kind = step.convention_kind
    immersion.convention_reference = step.convention_reference.strip()[:80]


def advance_immersion(user: User, immersion: Immersion, key: str, step: StepInput,
                      expected_version: int | None, today: date,
                      now: datetime | None = None) -> ImmersionStep:
    """Take one step of the life cycle table, dated and signed by `user`."""
    now = now or clock.now()
    WORKFLOW.move(key)
    _check_version(immersion, expected_version)
    transition = WORKFLOW.check(immersion, key, user, step.note)
    problem = date_problem(transition, immersion, today)
    if problem:
        raise Invalid(problem)
    if key == "accept" and step.tutor is not None and step.tutor.is_filled:
        _apply_tutor(immersion, step.tutor)
    if key == "sign":
        _before_signing(immersion, step)
    if key in ("accept", "sign"):
        check_plan(plan_of(immersion), None)
    if transition.target == "cancelled":
        immersion.cancel_reason = step.note.strip()
    row = WORKFLOW.advance(immersion, key, user, now, step.note, checked=True)
    flush_or_conflict(immersion, CHANGED)
    return row
