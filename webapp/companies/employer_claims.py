"""Addresses nobody has proven: a self-registration records an inactive account for whatever
address was typed. Until a CRE validates it, such an account belongs to no one, so it must not
stand in the way of the real owner's invitation."""

import logging
from datetime import datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.accounts.sessions import end_sessions
from webapp.accounts.users import find_user_by_email
from webapp.companies.account_models import EmployerRegistration
from webapp.core.errors import Invalid
from webapp.extensions import db

logger = logging.getLogger(__name__)

REPLACED = "Remplacée par une invitation envoyée par {name}."


def is_unclaimed(user: User) -> bool:
    """An account made by a self-registration that was never validated nor used."""
    if user.active or user.memberships or user.last_login_at is not None:
        return False
    statuses = set(db.session.scalars(
        select(EmployerRegistration.status).where(EmployerRegistration.user_id == user.id)
    ))
    return bool(statuses) and "validated" not in statuses


def claim_for_invitation(email: str, cre: User, now: datetime) -> User | None:
    """The unclaimed account of this address, its waiting registrations closed, ready to be
    invited; None when the address is free; Invalid when it belongs to a real account."""
    user = find_user_by_email(email)
    if user is None:
        return None
    if not is_unclaimed(user):
        raise Invalid("Adresse e-mail : un compte existe déjà avec cette adresse.", "email")
    waiting = db.session.scalars(
        select(EmployerRegistration).where(
            EmployerRegistration.user_id == user.id, EmployerRegistration.status == "pending"
        )
    )
    for registration in waiting:
        registration.status = "rejected"
        registration.reject_reason = REPLACED.format(name=cre.display_name)
        registration.decided_by_id, registration.decided_at = cre.id, now
    end_sessions(user)
    logger.info("invitation takes over the unvalidated account %s", user.id)
    return user
