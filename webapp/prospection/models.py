"""The shared prospection plan: targets with one lead CRE, their members and requests, planned
actions, the cross-organisation contact log and the "ne pas solliciter" marks."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.reference.models import Pole, RomeCode

# The board's columns, in order; "dropped" always comes with a reason.
TARGET_STAGES: dict[str, str] = {
    "to_prospect": "À prospecter",
    "contacted": "Contacté",
    "need_identified": "Besoin identifié",
    "offer_obtained": "Offre ou immersion obtenue",
    "regular_partner": "Partenaire régulier",
    "dropped": "Abandonné",
}
# A company in one of these stages is being prospected by someone ("suivie").
FOLLOWED_STAGES = ("to_prospect", "contacted", "need_identified", "offer_obtained")

ACTION_KINDS: dict[str, str] = {
    "call": "Appel",
    "visit": "Visite",
    "event_invitation": "Invitation à un événement",
    "profiles_sent": "Envoi de profils",
}

# How an exchange happened; "note" is an internal note with no exchange (a decision, a
# closure): it never counts as soliciting the company.
CONTACT_CHANNELS: dict[str, str] = {
    "phone": "Téléphone",
    "visit": "Visite sur place",
    "email": "Courriel",
    "meeting": "Rendez-vous",
    "event": "Événement emploi",
    "note": "Note interne (sans échange)",
}
NO_EXCHANGE_CHANNELS = ("note",)

CONTACT_OUTCOMES: dict[str, str] = {
    "follow_up": "À relancer",
    "interested": "Intéressée, à suivre",
    "need_detected": "Besoin de recrutement repéré",
    "offer_or_immersion": "Offre ou immersion obtenue",
    "no_need": "Pas de besoin pour l'instant",
    "not_interested": "Ne souhaite pas donner suite",
    "other": "Autre",
}

REQUEST_KINDS: dict[str, str] = {"join": "rejoindre", "takeover": "reprendre"}
REQUEST_STATUSES: dict[str, str] = {
    "pending": "En attente",
    "accepted": "Acceptée",
    "refused": "Refusée",
    "withdrawn": "Retirée",
}

TARGET_EVENT_KINDS: dict[str, str] = {
    "created": "Ajoutée au plan",
    "lead_changed": "Pilotage confié",
    "joined": "Rejoint la cible",
    "request": "Demande",
    "refused": "Demande refusée",
}


class ProspectionTarget(TimestampMixin, db.Model):
    """A company of a territory's plan, prospected by one lead CRE for one organisation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    pole_id: Mapped[int] = mapped_column(ForeignKey("pole.id"), index=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20), default="to_prospect", index=True)
    stage_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    dropped_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    company: Mapped[Company] = relationship(lazy="joined")
    pole: Mapped[Pole] = relationship()
    lead: Mapped[User] = relationship(foreign_keys=[lead_id], lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    members: Mapped[list["TargetMember"]] = relationship(
        back_populates="target", cascade="all, delete-orphan", lazy="selectin",
        order_by="TargetMember.id",
    )

    __mapper_args__ = {"version_id_col": version}
    __owner_column__ = "lead_id"
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"

    def is_shared_with(self, user_id: int) -> bool:
        """True for the lead and the CREs who joined the target."""
        return self.lead_id == user_id or any(m.user_id == user_id for m in self.members)

    @classmethod
    def shared_with_clause(cls, user_id: int):
        """SQL: the user leads the target or joined it."""
        joined = select(TargetMember.target_id).where(TargetMember.user_id == user_id)
        return or_(cls.lead_id == user_id, cls.id.in_(joined))

    @property
    def stage_label(self) -> str:
        return TARGET_STAGES.get(self.stage, self.stage)

    @property
    def followed_by(self) -> str:
        """« suivie par Nom (organisation) », as everyone else reads it."""
        return f"suivie par {self.lead.display_name} ({self.organisation.name})"


class TargetMember(db.Model):
    """A CRE who joined a target to prospect it with its lead."""

    __table_args__ = (UniqueConstraint("target_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("prospection_target.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    target: Mapped[ProspectionTarget] = relationship(back_populates="members")
    user: Mapped[User] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class TargetRequest(db.Model):
    """A CRE asks the lead to join a target, or to take it over; the lead answers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("prospection_target.id"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    kind: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    target: Mapped[ProspectionTarget] = relationship()
    requester: Mapped[User] = relationship(foreign_keys=[requester_id], lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")

    @property
    def kind_label(self) -> str:
        return REQUEST_KINDS.get(self.kind, self.kind)


class TargetEvent(db.Model):
    """A dated, signed step of a target's ownership: added, lead changed, joined, refused."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("prospection_target.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def kind_label(self) -> str:
        return TARGET_EVENT_KINDS.get(self.kind, self.kind)


class ProspectionAction(TimestampMixin, db.Model):
    """A planned step on a target (call, visit, invitation, profiles sent), due on a date."""

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("prospection_target.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    target: Mapped[ProspectionTarget] = relationship()
    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    @property
    def kind_label(self) -> str:
        return ACTION_KINDS.get(self.kind, self.kind)


class CompanyContactLog(db.Model):
    """One exchange with a company, by any CRE of any organisation (or an internal note).

    `stage_from`/`stage_to` are set when the entry moved the company's target on the board;
    the `need_*` columns keep a need detected during the exchange, `hiring_need_id`/`offer_id`
    what it became."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("prospection_target.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10))
    person_met: Mapped[str] = mapped_column(String(120), default="")
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    stage_from: Mapped[str | None] = mapped_column(String(20))
    stage_to: Mapped[str | None] = mapped_column(String(20))
    confirmed_despite: Mapped[str] = mapped_column(String(250), default="")
    need_rome_code: Mapped[str | None] = mapped_column(ForeignKey("rome_code.code"))
    need_positions: Mapped[int | None] = mapped_column(Integer)
    need_hours: Mapped[float | None] = mapped_column(Float)
    need_start_on: Mapped[date | None] = mapped_column(Date)
    need_contract: Mapped[str | None] = mapped_column(String(10))
    hiring_need_id: Mapped[int | None] = mapped_column(ForeignKey("hiring_need.id"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    company: Mapped[Company] = relationship()
    author: Mapped[User] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    need_rome: Mapped[RomeCode | None] = relationship(lazy="joined")

    __organisation_column__ = "organisation_id"
    __owner_column__ = "author_id"

    @property
    def channel_label(self) -> str:
        return CONTACT_CHANNELS.get(self.channel, self.channel)

    @property
    def outcome_label(self) -> str:
        return CONTACT_OUTCOMES.get(self.outcome, self.outcome)

    @property
    def is_exchange(self) -> bool:
        return self.channel not in NO_EXCHANGE_CHANNELS


class DoNotSolicit(db.Model):
    """« Ne pas solliciter » until a date, with the reason; lifted early when it no longer holds."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    set_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    lifted: Mapped[bool] = mapped_column(Boolean, default=False)
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    set_by: Mapped[User] = relationship(foreign_keys=[set_by_id], lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
