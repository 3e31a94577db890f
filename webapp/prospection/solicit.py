"""« Ne pas solliciter »: a company asks the task force to stop calling it until a date."""

from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.prospection.models import DoNotSolicit
from webapp.prospection.plan import prospecting_organisation

MAX_MONTHS_AHEAD = 24  # a mark longer than two years is surely a typo


def active_mark(company_id: int, today: date) -> DoNotSolicit | None:
    """The « ne pas solliciter » mark in force on this company today, if any."""
    return db.session.scalars(select(DoNotSolicit).where(
        DoNotSolicit.company_id == company_id, DoNotSolicit.lifted.is_(False),
        DoNotSolicit.until >= today).order_by(DoNotSolicit.until.desc())).first()


def marked_company_ids(today: date) -> set[int]:
    """Every company under a « ne pas solliciter » mark today."""
    return set(db.session.scalars(select(DoNotSolicit.company_id).where(
        DoNotSolicit.lifted.is_(False), DoNotSolicit.until >= today)))


def mark_sentence(mark: DoNotSolicit) -> str:
    """« Ne pas solliciter jusqu'au 22/11/2026 : motif (Nom, organisation). »"""
    who = mark.set_by.display_name + (f", {mark.organisation.name}" if mark.organisation else "")
    return f"Ne pas solliciter jusqu'au {date_fr(mark.until)} : {mark.reason} ({who})."


def mark_do_not_solicit(actor: User, company: Company, until: date | None, reason: str,
                        today: date) -> DoNotSolicit:
    """Mark the company « ne pas solliciter » until `until`, saying why."""
    if not can(actor, "company.do_not_solicit", company):
        raise NotAllowed("Vous ne pouvez pas marquer cette entreprise.")
    if until is None:
        raise Invalid("Jusqu'au : indiquez la date de fin.", "until")
    if until < today:
        raise Invalid("Jusqu'au : la date est déjà passée.", "until")
    if (until.year - today.year) * 12 + until.month - today.month > MAX_MONTHS_AHEAD:
        raise Invalid(f"Jusqu'au : au plus {MAX_MONTHS_AHEAD} mois à l'avance.", "until")
    if not reason.strip():
        raise Invalid("Motif : dites pourquoi l'entreprise ne doit pas être sollicitée.", "reason")
    organisation = prospecting_organisation(actor)
    mark = DoNotSolicit(company_id=company.id, until=until, reason=reason.strip(),
                        set_by_id=actor.id,
                        organisation_id=organisation.id if organisation else None)
    db.session.add(mark)
    db.session.flush()
    return mark


def lift_mark(actor: User, mark: DoNotSolicit, now: datetime) -> None:
    """End a mark before its date (the company is open to contacts again)."""
    company = db.session.get(Company, mark.company_id)
    if not can(actor, "company.do_not_solicit", company):
        raise NotAllowed("Vous ne pouvez pas lever cette mention.")
    if mark.lifted:
        raise Invalid("Cette mention est déjà levée.", "mark")
    mark.lifted, mark.lifted_at, mark.lifted_by_id = True, now, actor.id
    db.session.flush()
