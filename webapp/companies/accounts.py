"""Employer accounts: the employer organisation of a company, self-registration validated by a
CRE of the territory, and invitations by a CRE with a one-time link (shown once to the CRE, and e-mailed to the invited
person with a signed link of their own: webapp/companies/invitation_mail.py)."""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ingestion.siret import normalise_siret, siret_problem
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.accounts.recipients import role_ids_of_pole
from webapp.accounts.sessions import end_sessions
from webapp.accounts.users import check_password_strength, find_user_by_email, grant_role
from webapp.companies.account_models import EmployerInvitation, EmployerRegistration
from webapp.companies.directory import CompanyValues, create_company, find_probable_duplicates
from webapp.companies.employer_claims import claim_for_invitation
from webapp.companies.employer_takeover import check_takeover
from webapp.companies.invitation_mail import invitation_of_mail_token, mail_invitation
from webapp.companies.models import Company
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.notify import notify, record_path
from webapp.core.passwords import burn_verification_time
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.reference.models import Commune

INVITATION_DAYS = 7
logger = logging.getLogger(__name__)


def employer_organisation(user: User) -> Organisation | None:
    """The employer organisation (tied to a company) through which the user works, if any."""
    for membership in user.memberships:
        organisation = membership.organisation
        if membership.role == "employer" and organisation.company_id is not None:
            return organisation
    return None


def company_by_siret(siret: str) -> Company | None:
    """The directory's live record for a SIRET (merged records excluded)."""
    return db.session.scalars(
        select(Company)
        .where(Company.siret == normalise_siret(siret), Company.merged_into_id.is_(None))
        .order_by(Company.id)
    ).first()


def ensure_employer_organisation(company: Company) -> Organisation:
    """The employer organisation of a company, created (in the company's pôle) when missing."""
    organisation = db.session.scalar(
        select(Organisation).where(
            Organisation.kind == "employer", Organisation.company_id == company.id
        )
    )
    if organisation is not None:
        return organisation
    name = company.name
    taken = db.session.scalar(
        select(Organisation.id).where(func.lower(Organisation.name) == name.lower())
    )
    if taken is not None:
        name = f"{company.name} ({company.siret or company.id})"
    organisation = Organisation(
        name=name, kind="employer", pole_id=company.commune.pole_id, company_id=company.id
    )
    db.session.add(organisation)
    db.session.flush()
    return organisation


def _check_new_email(email: str) -> str:
    if find_user_by_email(email) is not None:
        raise Invalid("Adresse e-mail : un compte existe déjà avec cette adresse.", "email")
    return email.strip().lower()


def register_employer(
    company_name: str,
    siret: str,
    commune_insee: str,
    contact_name: str,
    email: str,
    password: str,
    now: datetime,
) -> EmployerRegistration | None:
    """A pending request: the account exists but stays inactive until a CRE validates it.

    An address that already has an account gets the same answer and nothing is recorded
    (None): the form never tells who has an account."""
    if problem := siret_problem(siret):
        raise Invalid(f"{problem}.", "siret")
    commune = db.session.get(Commune, commune_insee) if commune_insee else None
    if commune is None or commune.pole_id is None:
        raise Invalid(
            "Commune : choisissez une commune des Bouches-du-Rhône dans la liste.", "commune_insee"
        )
    check_password_strength(password, email, contact_name)
    if find_user_by_email(email) is not None:
        burn_verification_time(password)  # as long as hashing a new password
        logger.info("registration refused silently: the address already has an account")
        return None
    email = email.strip().lower()
    user = User(email=email, display_name=contact_name.strip(), active=False)
    user.set_password(password)
    registration = EmployerRegistration(
        company_name=company_name.strip(),
        siret=normalise_siret(siret),
        commune_insee=commune.insee,
        pole_id=commune.pole_id,
        contact_name=contact_name.strip(),
        email=email,
        user=user,
        created_at=now,
    )
    db.session.add_all([user, registration])
    db.session.flush()
    notify("registration_pending", role_ids_of_pole("cre", commune.pole_id),
           record_type="employer_registration", record_id=registration.id,
           url=record_path("companies.registration", registration_id=registration.id),
           params={"company": registration.company_name, "commune": commune.name})
    return registration


def _check_pending(registration: EmployerRegistration, cre: User) -> None:
    if not can(cre, "registration.decide", registration):
        raise NotAllowed("Cette demande n'est pas de votre territoire.")
    if registration.status != "pending":
        raise Invalid(f"Cette demande est déjà traitée ({registration.status_label.lower()}).")


def registration_candidates(registration: EmployerRegistration) -> list[Company]:
    """Directory companies the registration probably is: same SIRET first, then close names."""
    values = CompanyValues(
        name=registration.company_name,
        commune_insee=registration.commune_insee,
        siret=registration.siret,
    )
    found = find_probable_duplicates(values)
    return sorted(found, key=lambda company: company.siret != registration.siret)


def validate_registration(
    registration: EmployerRegistration,
    cre: User,
    now: datetime,
    company_id: int | None = None,
    confirm_existing: bool = False,
) -> Organisation:
    """Open the account, linked to `company_id` (one of the candidates), else to the company with
    the same SIRET, else to a new directory company made from the registration. A company that
    already has employer accounts needs `confirm_existing` (webapp/companies/employer_takeover.py).
    """
    _check_pending(registration, cre)
    candidates = registration_candidates(registration)
    if company_id is not None:
        company = next((c for c in candidates if c.id == company_id), None)
        if company is None:
            raise Invalid("Choisissez une des entreprises proposées.", "company_id")
    else:
        company = company_by_siret(registration.siret) or create_company(
            cre,
            CompanyValues(
                name=registration.company_name,
                commune_insee=registration.commune_insee,
                siret=registration.siret,
            ),
            allow_duplicate=True,
        )
    check_takeover(company, registration.user, confirm_existing)
    return open_account(registration, company, cre, now)


def open_account(
    registration: EmployerRegistration, company: Company, decider: User, now: datetime
) -> Organisation:
    """The decision is taken: the account opens as an employer of `company`."""
    organisation = ensure_employer_organisation(company)
    grant_role(registration.user, organisation, "employer", None)
    registration.user.active = True
    registration.status, registration.company_id = "validated", company.id
    registration.organisation_id = organisation.id
    registration.decided_by_id, registration.decided_at = decider.id, now
    db.session.flush()
    return organisation


def reject_registration(
    registration: EmployerRegistration, cre: User, reason: str, now: datetime
) -> None:
    """Refuse the request, saying why; the account stays inactive."""
    _check_pending(registration, cre)
    if not reason.strip():
        raise Invalid("Motif : indiquez pourquoi la demande est refusée.", "reason")
    registration.status, registration.reject_reason = "rejected", reason.strip()
    registration.decided_by_id, registration.decided_at = cre.id, now
    db.session.flush()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_employer(
    cre: User, company: Company, contact_name: str, email: str, now: datetime
) -> tuple[EmployerInvitation, str]:
    """An inactive employer account of the company and a one-time token to choose a password.

    An address a stranger used for a self-registration still waiting (never validated) does not
    block the invitation: the invitation takes that account over (webapp/companies/employer_claims.py).
    """
    if not can(cre, "employer.invite", company):
        raise NotAllowed("Cette entreprise n'est pas de votre territoire.")
    if not contact_name.strip():
        raise Invalid("Nom : indiquez le nom de la personne invitée.", "contact_name")
    user = claim_for_invitation(email, cre, now)
    if user is None:
        user = User(email=_check_new_email(email), active=False)
        db.session.add(user)
    user.display_name = contact_name.strip()
    user.set_password(secrets.token_urlsafe(32))  # unknown to anyone until activation
    grant_role(user, ensure_employer_organisation(company), "employer", None)
    token = secrets.token_urlsafe(32)
    invitation = EmployerInvitation(
        user=user,
        token_hash=_token_hash(token),
        created_by_id=cre.id,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    db.session.add(invitation)
    db.session.flush()
    mail_invitation(invitation, cre, company.name, INVITATION_DAYS)
    return invitation, token


def find_invitation(token: str, now: datetime) -> EmployerInvitation:
    """The usable invitation for a token; Invalid when unknown, used or expired."""
    invitation = db.session.scalar(
        select(EmployerInvitation).where(EmployerInvitation.token_hash == _token_hash(token))
    ) or invitation_of_mail_token(token, INVITATION_DAYS)
    if invitation is None or invitation.used_at is not None:
        raise Invalid("Ce lien d'invitation n'est pas valable ou a déjà servi.")
    expires_at = invitation.expires_at
    if expires_at.tzinfo is None:  # SQLite hands back naive UTC datetimes
        expires_at = expires_at.replace(tzinfo=now.tzinfo)
    if expires_at < now:
        raise Invalid("Ce lien d'invitation a expiré : demandez-en un nouveau à votre CRE.")
    return invitation


def activate_invitation(token: str, password: str, now: datetime) -> User:
    """The invited person chooses their password; the link is then spent."""
    invitation = find_invitation(token, now)
    check_password_strength(password, invitation.user.email, invitation.user.display_name)
    end_sessions(invitation.user)
    invitation.user.set_password(password)
    invitation.user.active = True
    invitation.used_at = now
    db.session.flush()
    return invitation.user
