"""Password reset by e-mail: a signed link, valid one hour, that works once (it is bound to the
current password hash, so choosing a new password spends it)."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from webapp.accounts.models import User
from webapp.accounts.users import check_password_strength, find_user_by_email
from webapp.core.errors import Invalid
from webapp.core.notify import notify
from webapp.extensions import db

MAX_AGE_SECONDS = 3600
EXPIRED = "Ce lien n'est plus valable (il sert une fois, pendant une heure) : demandez-en un nouveau."


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="accounts.password-reset")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def reset_token(user: User) -> str:
    return _signer().dumps({"u": user.id, "p": _fingerprint(user)})


def reset_link(user: User) -> str:
    from webapp.notifications.compose import absolute

    return absolute(f"/mot-de-passe/{reset_token(user)}")


def request_reset(email: str) -> None:
    """Queue the reset e-mail when an active account has this address; silent otherwise."""
    user = find_user_by_email(email or "")
    if user is None or not user.active:
        return
    notify("password_reset", [user.id], record_type="user", record_id=user.id)


def user_of_token(token: str) -> User:
    """The user a still-valid, unused link names; Invalid otherwise."""
    try:
        data = _signer().loads(token, max_age=MAX_AGE_SECONDS)
    except (SignatureExpired, BadSignature):
        raise Invalid(EXPIRED) from None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or data.get("p") != _fingerprint(user):
        raise Invalid(EXPIRED)
    return user


def reset_password(token: str, password: str) -> User:
    """Set the new password; the link is spent. Flush."""
    user = user_of_token(token)
    check_password_strength(password)
    user.set_password(password)
    user.failed_logins = 0
    user.locked_until = None
    db.session.flush()
    return user
