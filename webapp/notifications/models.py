"""Per-user choices about notifications, and the secret of each user's calendar feed."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.core import clock
from webapp.extensions import db


class NotificationPreference(db.Model):
    """How a user wants the e-mails of one kind: immediate, daily, weekly or never."""

    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(10))


class CalendarFeed(db.Model):
    """A user's private iCalendar feed: the secret in its URL, replaced to revoke the old one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)


class ReminderStamp(db.Model):
    """One reminder (or scheduled notice) already given: its key names the thing and the stage
    (« card:12:7 », « offer-ending:40:2026-12-01 »). The unique key is what keeps a reminder
    from being sent twice, even by two workers at once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
