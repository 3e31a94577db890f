"""A refused address, shown where it can be corrected: the administrator's page of the account
and the user's own preferences page. The address counts as refused while its last e-mail
attempt was refused for good by the mail server (an SMTP 5xx) and nothing was sent since."""

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core.formatting import date_fr
from webapp.core.mail import ADDRESS_REFUSED
from webapp.core.notify import Notification
from webapp.extensions import db


def address_problems(user: User) -> list[str]:
    """One French sentence when the user's address was refused, else nothing."""
    refused = db.session.scalar(
        select(Notification).where(Notification.recipient_id == user.id,
                                   Notification.email_state == "failed",
                                   Notification.email_error.startswith(ADDRESS_REFUSED))
        .order_by(Notification.id.desc()).limit(1))
    if refused is None:
        return []
    sent_since = db.session.scalar(
        select(Notification.id).where(Notification.recipient_id == user.id,
                                      Notification.email_state == "sent",
                                      Notification.id > refused.id).limit(1))
    if sent_since is not None:
        return []
    sentence = (f"L'adresse {user.email} a été refusée par le serveur de messagerie le "
                f"{date_fr(refused.created_at)} : les e-mails de Passerelle n'arrivent pas. "
                f"Corrigez l'adresse du compte. Réponse du serveur : {refused.email_error}")
    return [sentence]
