"""What happened, told to whom: the Notification record and `notify()`, which any feature calls
after a change, with the recipients and the record concerned.

This module knows no kind: the notifications feature (a later folder) holds the French texts,
the per-user preferences and the delivery (e-mails sent by the task queue, never inside a
web request). A notification carries:
- the event: `kind`, `params` (the few words the texts need: a card number, a job, a person's
  label; never more personal data than the text shows), the record (`record_type`, `record_id`)
  and its `url` (a path on the site);
- its recipient and in-app state (`read_at`);
- its e-mail state: queued, sending (claimed by a worker), sent, failed (gave up), skipped
  (the recipient does not want it), digest_daily / digest_weekly (waiting for a digest);
  with the last error, the attempts and the next attempt.
"""

from collections.abc import Iterable
from datetime import datetime

from flask import current_app
from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.core import clock
from webapp.extensions import db

EMAIL_STATES: dict[str, str] = {
    "queued": "En attente d'envoi",
    "sending": "En cours d'envoi",
    "sent": "Envoyé",
    "failed": "Échec définitif",
    "skipped": "Non envoyé (préférence)",
    "digest_daily": "Dans le récapitulatif quotidien",
    "digest_weekly": "Dans le récapitulatif hebdomadaire",
}
PENDING_KEY = "notifications_created"


class Notification(db.Model):
    """One event told to one recipient, in the app and (maybe) by e-mail."""

    __table_args__ = (
        Index("ix_notification_unread", "recipient_id", "read_at"),
        Index("ix_notification_due", "email_state", "email_next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    record_type: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(300), default="")
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_state: Mapped[str] = mapped_column(String(20), default="queued")
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_error: Mapped[str] = mapped_column(Text, default="")
    email_next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_claim: Mapped[str] = mapped_column(String(32), default="")
    email_claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def email_state_label(self) -> str:
        return EMAIL_STATES.get(self.email_state, self.email_state)


def record_path(endpoint: str, **values) -> str:
    """The path of a page, without a request (services run in the worker and the CLI too)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def notify(
    kind: str,
    recipient_ids: Iterable[int],
    *,
    record_type: str = "",
    record_id: int | None = None,
    url: str = "",
    params: dict | None = None,
    exclude: int | None = None,
) -> list[Notification]:
    """Tell each recipient (once, the acting user `exclude`d) that `kind` happened; flush.

    The e-mails leave after the commit, from the task queue (see webapp/notifications/)."""
    now = clock.now()
    created = []
    for recipient_id in dict.fromkeys(recipient_ids):
        if recipient_id is None or recipient_id == exclude:
            continue
        notification = Notification(
            kind=kind, params=dict(params or {}), record_type=record_type, record_id=record_id,
            url=url, recipient_id=recipient_id, created_at=now, email_state="queued",
            email_next_attempt_at=now,
        )
        db.session.add(notification)
        created.append(notification)
    db.session.flush()
    db.session.info.setdefault(PENDING_KEY, []).extend(n.id for n in created)
    return created
