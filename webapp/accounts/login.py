"""Checking passwords, with throttling after repeated failures."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.core.errors import NotAllowed
from webapp.extensions import db

GENERIC_LOGIN_ERROR = "Adresse e-mail ou mot de passe incorrect."


def _aware(moment: datetime | None, now: datetime) -> datetime | None:
    """SQLite hands back naive datetimes: read them as UTC like everything we store."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=now.tzinfo)
    return moment


def authenticate(
    email: str, password: str, now: datetime, failures_before_delay: int, delay_seconds: int
) -> User:
    """The user for these credentials; NotAllowed with a generic French message otherwise."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise NotAllowed(GENERIC_LOGIN_ERROR)
    locked_until = _aware(user.locked_until, now)
    if locked_until is not None and locked_until > now:
        seconds = int((locked_until - now).total_seconds()) + 1
        raise NotAllowed(
            "Trop de tentatives de connexion échouées. Par sécurité, réessayez dans "
            f"{seconds} secondes."
        )
    if not user.check_password(password) or not user.active:
        user.failed_logins += 1
        if user.failed_logins >= failures_before_delay:
            user.locked_until = now + timedelta(seconds=delay_seconds)
        raise NotAllowed(GENERIC_LOGIN_ERROR)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user
