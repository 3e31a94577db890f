"""Tables every feature shares: timestamps, the access log of person displays, and the anonymous
counts the retention purge leaves behind."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.core import clock
from webapp.extensions import db

if TYPE_CHECKING:
    from webapp.accounts.models import User

ACCESS_ACTIONS: dict[str, str] = {
    "view": "Consultation",
    "edit": "Formulaire de modification",
    "export": "Export (droit d'accès)",
    "shortlist": "Affiché dans une liste de candidats",
    "list": "Affiché dans une liste",
    "immersion_export": "Export d'une convention d'immersion",
}

PURGE_CAUSES: dict[str, str] = {
    "left": "Sortie de l'accompagnement",
    "inactive": "Dossier sans mise à jour",
}


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=clock.now, onupdate=clock.now
    )


class AccessLog(db.Model):
    """One display or export of a profile. After a purge the profile columns are emptied."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile.id", ondelete="SET NULL"), index=True
    )
    profile_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(20))
    page: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User | None] = relationship()

    @property
    def action_label(self) -> str:
        return ACCESS_ACTIONS.get(self.action, self.action)


class RetainedStatistic(db.Model):
    """Anonymous counts kept from purged profiles, for the indicators: no identifier at all."""

    __table_args__ = (
        UniqueConstraint("month", "pole_code", "parcours", "final_status", "cause", "job_ready"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM of the purge
    pole_code: Mapped[str] = mapped_column(String(4), default="")
    parcours: Mapped[str] = mapped_column(String(20))
    final_status: Mapped[str] = mapped_column(String(20))
    cause: Mapped[str] = mapped_column(String(20))
    job_ready: Mapped[bool] = mapped_column(Boolean)
    count: Mapped[int] = mapped_column(Integer, default=0)
