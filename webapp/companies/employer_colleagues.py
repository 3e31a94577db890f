"""An employer approves or refuses the account requests made for their own company (same
SIRET): the person who already holds the company's account vouches for a new colleague."""

from datetime import datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.account_models import EmployerRegistration
from webapp.companies.accounts import employer_organisation, open_account
from webapp.companies.models import Company
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db


def pending_requests(employer: User) -> list[EmployerRegistration]:
    """The waiting requests for the employer's company."""
    return list(db.session.scalars(
        select(EmployerRegistration)
        .where(
            visible_clause(employer, "registration.approve", EmployerRegistration),
            EmployerRegistration.status == "pending",
        )
        .order_by(EmployerRegistration.created_at)
    ))


def _check(registration: EmployerRegistration, employer: User) -> Organisation:
    if not can(employer, "registration.approve", registration):
        raise NotAllowed("Cette demande ne concerne pas votre entreprise.")
    if registration.status != "pending":
        raise Invalid(f"Cette demande est déjà traitée ({registration.status_label.lower()}).")
    organisation = employer_organisation(employer)
    if organisation is None or organisation.company_id != registration.siret_company_id:
        raise NotAllowed("Cette demande ne concerne pas votre entreprise.")
    return organisation


def approve_request(registration: EmployerRegistration, employer: User, now: datetime) -> None:
    """The colleague joins the employer's company."""
    organisation = _check(registration, employer)
    open_account(registration, db.session.get(Company, organisation.company_id), employer, now)


def refuse_request(registration: EmployerRegistration, employer: User, now: datetime) -> None:
    """The request is refused: the person is unknown to the company."""
    _check(registration, employer)
    registration.status = "rejected"
    registration.reject_reason = f"Refusée par {employer.display_name}, déjà titulaire d'un compte."
    registration.decided_by_id, registration.decided_at = employer.id, now
    db.session.flush()
