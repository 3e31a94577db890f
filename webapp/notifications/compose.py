"""The e-mails: one notification, or a digest of several, in French, plain text and HTML."""

from collections import defaultdict
from email.message import EmailMessage

from flask import current_app, render_template

from webapp.accounts.models import User
from webapp.core.mail import build_message
from webapp.core.notify import Notification
from webapp.notifications.kinds import KINDS
from webapp.notifications.preferences import unsubscribe_token

DIGEST_TITLES = {"daily": "Votre récapitulatif du jour", "weekly": "Votre récapitulatif de la semaine"}


class _Blank(defaultdict):
    def __missing__(self, key):
        return "…"


def _fill(template: str, params: dict) -> str:
    return template.format_map(_Blank(str, params))


def absolute(path: str) -> str:
    return current_app.config.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/") + path


def subject_of(notification: Notification) -> str:
    return _fill(KINDS[notification.kind].subject, notification.params)


def sentence_of(notification: Notification) -> str:
    return _fill(KINDS[notification.kind].sentence, notification.params)


def unsubscribe_url(user_id: int, kind_name: str) -> str:
    path = f"/notifications/desabonnement/{unsubscribe_token(user_id, kind_name)}"
    return absolute(path)


def _headers(unsubscribe: str | None) -> dict[str, str]:
    if not unsubscribe:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe}>"}


def single_message(notification: Notification, recipient: User, link: str | None = None) -> EmailMessage:
    """The e-mail of one notification (`link` overrides the record's, e.g. a reset link)."""
    kind = KINDS[notification.kind]
    unsubscribe = None if kind.security else unsubscribe_url(recipient.id, notification.kind)
    values = {
        "subject": subject_of(notification), "sentence": sentence_of(notification),
        "link": link or absolute(notification.url), "action": kind.action,
        "unsubscribe": unsubscribe, "kind_label": kind.label,
        "preferences": absolute("/notifications/preferences"),
    }
    return build_message(
        recipient.email, values["subject"],
        render_template("notifications/email/single.txt", **values),
        render_template("notifications/email/single.html", **values),
        _headers(unsubscribe),
    )


def digest_message(recipient: User, frequency: str, notifications: list[Notification]) -> EmailMessage:
    """One e-mail listing several notifications, each with its link."""
    items = [{"sentence": sentence_of(n), "link": absolute(n.url), "kind": n.kind}
             for n in notifications]
    kinds = sorted({n.kind for n in notifications})
    values = {
        "title": DIGEST_TITLES[frequency], "items": items, "count": len(items),
        "unsubscribes": [(KINDS[k].label, unsubscribe_url(recipient.id, k)) for k in kinds],
        "preferences": absolute("/notifications/preferences"),
    }
    subject = f"{values['title']} : {len(items)} nouveauté{'s' if len(items) > 1 else ''} sur Passerelle"
    return build_message(
        recipient.email, subject,
        render_template("notifications/email/digest.txt", **values),
        render_template("notifications/email/digest.html", **values),
        _headers(values["unsubscribes"][0][1] if len(kinds) == 1 else None),
    )
