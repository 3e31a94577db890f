"""Checking passwords: one answer, in about the same time, whatever is wrong. Throttling of
repeated attempts is the limiter's (webapp/core/ratelimit.py)."""

from datetime import datetime

from webapp.accounts.models import User
from webapp.accounts.sessions import has_access
from webapp.accounts.users import find_user_by_email
from webapp.core.errors import NotAllowed
from webapp.core.passwords import burn_verification_time, needs_upgrade

GENERIC_LOGIN_ERROR = "Adresse e-mail ou mot de passe incorrect."


def authenticate(email: str, password: str, now: datetime) -> User:
    """The user for these credentials; NotAllowed with a generic French message otherwise."""
    user = find_user_by_email(email)
    if user is None:
        burn_verification_time(password)  # as long as a real check: existence stays hidden
        raise NotAllowed(GENERIC_LOGIN_ERROR)
    if not user.check_password(password) or not has_access(user):
        raise NotAllowed(GENERIC_LOGIN_ERROR)
    if needs_upgrade(user.password_hash):
        user.set_password(password)  # legacy werkzeug hash (or old costs) -> Argon2id now
    user.last_login_at = now
    return user
