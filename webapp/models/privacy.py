"""What the platform keeps about the handling of profiles: history, consent, shares, access
log and the anonymous statistics left behind by the retention purge."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.core import clock
from webapp.extensions import db
from webapp.models.profile import Profile
from webapp.models.user import User

CHANGE_KINDS: dict[str, str] = {
    "created": "Création",
    "updated": "Modification",
    "imported": "Import",
}

ACCESS_ACTIONS: dict[str, str] = {
    "view": "Consultation",
    "edit": "Formulaire de modification",
    "export": "Export (droit d'accès)",
    "shortlist": "Affiché dans une liste de candidats",
    "list": "Affiché dans une liste",
    "immersion_export": "Export d'une convention d'immersion",
}

SHARE_REASONS: dict[str, str] = {
    "cellule": "Présenté en cellule emploi",
    "promotion": "Confié pour promotion",
}

PURGE_CAUSES: dict[str, str] = {
    "left": "Sortie de l'accompagnement",
    "inactive": "Dossier sans mise à jour",
}


class ProfileChange(db.Model):
    """One dated, signed save of a profile: which fields went from what to what."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer)
    # [{"field": "max_minutes", "label": "Temps de trajet maximal", "old": "45 min", "new": "60 min"}]
    changes: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)

    profile: Mapped[Profile] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return CHANGE_KINDS.get(self.kind, self.kind)


class ConsentChange(db.Model):
    """The person's consent to be promoted to employers, given or withdrawn, and who recorded it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    given: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    source: Mapped[str] = mapped_column(String(200), default="")

    profile: Mapped[Profile] = relationship(back_populates="consent_changes")
    recorded_by: Mapped[User | None] = relationship()


class ProfileShare(db.Model):
    """A professional outside the profile's organisation who may see it (the scope "shared")."""

    __table_args__ = (UniqueConstraint("profile_id", "user_id", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    profile: Mapped[Profile] = relationship(back_populates="shares")
    user: Mapped[User] = relationship(foreign_keys=[user_id])


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
