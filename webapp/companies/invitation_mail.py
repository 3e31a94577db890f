"""The invitation e-mail: the invited person receives a link of their own to choose a password.

The CRE's link (shown once) holds a random token whose hash is stored; the e-mail's link is
signed (itsdangerous) with the invitation's id, so no usable secret sits in the database.
Either link works once: activating the account spends the invitation."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from webapp.accounts.models import User
from webapp.companies.account_models import EmployerInvitation
from webapp.core.notify import notify
from webapp.extensions import db

SIGNED_PREFIX = "m."  # the e-mail's tokens start so; the CRE's never do (token_urlsafe has no '.')


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="companies.invitation")


def mail_token(invitation: EmployerInvitation) -> str:
    return SIGNED_PREFIX + _signer().dumps({"i": invitation.id})


def invitation_of_mail_token(token: str, max_days: int) -> EmployerInvitation | None:
    """The invitation an e-mail's token names, None when it is not one (or forged, or old)."""
    if not token.startswith(SIGNED_PREFIX):
        return None
    try:
        data = _signer().loads(token[len(SIGNED_PREFIX):], max_age=max_days * 86400)
    except (SignatureExpired, BadSignature):
        return None
    return db.session.get(EmployerInvitation, data.get("i"))


def mail_invitation(invitation: EmployerInvitation, cre: User, company_name: str, days: int) -> None:
    """Queue the e-mail to the invited person (sent although their account is not active yet)."""
    notify("employer_invitation", [invitation.user_id], record_type="employer_invitation",
           record_id=invitation.id,
           params={"cre": cre.display_name, "company": company_name, "days": days})


def invitation_path(user: User, invitation_id: int | None) -> str | None:
    """The e-mail's link (a path) for this invitation, made when the e-mail leaves; None when
    the invitation is gone or used."""
    invitation = db.session.get(EmployerInvitation, invitation_id) if invitation_id else None
    if invitation is None or invitation.user_id != user.id or invitation.used_at is not None:
        return None
    return f"/comptes-employeurs/activation/{mail_token(invitation)}"
