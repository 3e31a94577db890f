"""Who wants what: a user's mode for each kind (their choice, else their role's default)."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.notifications.kinds import KINDS, MODES, kinds_for
from webapp.notifications.models import NotificationPreference


def mode_for(user: User, kind_name: str) -> str:
    """immediate, daily, weekly or never; security kinds are always immediate."""
    kind = KINDS.get(kind_name)
    if kind is None:
        return "never"
    if kind.security:
        return "immediate"
    chosen = db.session.scalar(select(NotificationPreference.mode).where(
        NotificationPreference.user_id == user.id, NotificationPreference.kind == kind_name))
    return chosen or kind.default_mode(user.roles)


def modes_of(user: User) -> dict[str, str]:
    """Every kind the user may receive, with the mode that applies."""
    return {name: mode_for(user, name) for name in kinds_for(user.roles)}


def set_mode(user: User, kind_name: str, mode: str) -> None:
    """Record the user's choice for one kind; flush."""
    if kind_name not in kinds_for(user.roles) or mode not in MODES:
        raise Invalid("Choix impossible pour ce type de notification.", kind_name)
    preference = db.session.scalar(select(NotificationPreference).where(
        NotificationPreference.user_id == user.id, NotificationPreference.kind == kind_name))
    if preference is None:
        preference = NotificationPreference(user_id=user.id, kind=kind_name)
        db.session.add(preference)
    preference.mode = mode
    db.session.flush()


def _unsubscribe_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="notifications.unsubscribe")


def unsubscribe_token(user_id: int, kind_name: str) -> str:
    """A signed token saying: this user stops the e-mails of this kind."""
    return _unsubscribe_signer().dumps({"u": user_id, "k": kind_name})


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The user and kind a token names; Invalid when it is forged or the kind is unknown."""
    try:
        data = _unsubscribe_signer().loads(token)
    except BadSignature:
        raise Invalid("Ce lien de désabonnement n'est pas valide.") from None
    user = db.session.get(User, data.get("u"))
    kind = data.get("k")
    if user is None or kind not in KINDS or KINDS[kind].security:
        raise Invalid("Ce lien de désabonnement n'est pas valide.")
    return user, kind
