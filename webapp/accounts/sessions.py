"""Who a session cookie still stands for: the user of the id, with the same session version
(bumped at logout, password change and deactivation, so copied cookies die), active, and
working for at least one active organisation."""

import logging

from sqlalchemy.orm import joinedload

from webapp.accounts.models import User
from webapp.extensions import db

logger = logging.getLogger(__name__)


def has_access(user: User) -> bool:
    """An active account whose organisations are not all deactivated."""
    if not user.active:
        return False
    return not user.memberships or any(m.organisation.active for m in user.memberships)


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's user loader: the session id is "user id:session version"."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a cookie from before session versions: log in again
    # Memberships joined in the same statement: every request pays one round trip, not two.
    user = db.session.get(User, int(user_id), options=[joinedload(User.memberships)])
    if user is None or (user.session_version or 0) != int(version) or not has_access(user):
        return None
    return user


def end_sessions(user: User) -> None:
    """Every session of the user, on every device and every copy of the cookie, ends."""
    user.session_version = (user.session_version or 0) + 1
    logger.info("sessions of user %s ended", user.id)
