"""The cellule emploi: its territory and members, its sessions, their agenda and minutes, and
the profiles AEs put forward to it."""

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.reference.models import Pole

# "Bimensuelle" is read both ways in the field: each cellule says which it means.
RHYTHMS: dict[str, str] = {
    "twice_monthly": "Deux fois par mois (1re et 3e semaine)",
    "fortnightly": "Toutes les deux semaines",
    "monthly": "Une fois par mois (1re semaine)",
    "every_two_months": "Tous les deux mois (1re semaine)",
}
WEEKDAYS: tuple[str, ...] = (
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
)
MEMBER_ROLES: dict[str, str] = {
    "animateur": "Animateur territorial",
    "direction": "Direction du pôle",
    "cre": "Chargé de relations entreprises (CRE)",
    "ae": "Accompagnateur à l'emploi (AE)",
}
SESSION_STATUSES: dict[str, str] = {
    "planned": "Prévue",
    "held": "Tenue (compte rendu clos)",
    "cancelled": "Annulée",
}
LINE_KINDS: dict[str, str] = {"decision": "Décision", "action": "Action", "note": "Note"}
PROPOSAL_STATUSES: dict[str, str] = {
    "pending": "Proposé, en attente de la séance",
    "assigned": "Confié à un CRE",
    "withdrawn": "Retiré",
    "done": "Clos (embauche)",
}
OPEN_PROPOSAL_STATUSES = ("pending", "assigned")

cellule_pole = Table(
    "cellule_pole",
    db.metadata,
    Column("cellule_id", ForeignKey("cellule.id", ondelete="CASCADE"), primary_key=True),
    # A pôle belongs to one cellule at most: "the next session of my territory" is unambiguous.
    Column("pole_id", ForeignKey("pole.id"), primary_key=True, unique=True),
)


class Cellule(TimestampMixin, db.Model):
    """The cellule emploi of a territory (one pôle or several) and its settings."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    rhythm: Mapped[str] = mapped_column(String(20), default="twice_monthly")
    weekday: Mapped[int] = mapped_column(Integer, default=1)  # 0 = Monday
    start_time: Mapped[time] = mapped_column(Time, default=time(9, 30))
    place: Mapped[str] = mapped_column(String(200), default="")
    # Over-solicitation warnings (the field documents warn against it).
    max_employers_per_profile: Mapped[int] = mapped_column(Integer, default=3)
    max_cards_per_employer_week: Mapped[int] = mapped_column(Integer, default=5)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    poles: Mapped[list[Pole]] = relationship(
        secondary=cellule_pole, order_by=Pole.id, lazy="selectin"
    )
    members: Mapped[list["CelluleMember"]] = relationship(
        back_populates="cellule", cascade="all, delete-orphan", lazy="selectin"
    )
    sessions: Mapped[list["CelluleSession"]] = relationship(
        back_populates="cellule", order_by="CelluleSession.scheduled_at"
    )

    __mapper_args__ = {"version_id_col": version}

    def is_shared_with(self, user_id: int) -> bool:
        """True for the cellule's members (the scope "shared")."""
        return any(member.user_id == user_id for member in self.members)

    @classmethod
    def shared_with_clause(cls, user_id: int):
        return cls.id.in_(select(CelluleMember.cellule_id).where(CelluleMember.user_id == user_id))

    @property
    def rhythm_label(self) -> str:
        return RHYTHMS.get(self.rhythm, self.rhythm)

    @property
    def pole_ids(self) -> list[int]:
        return [pole.id for pole in self.poles]


class CelluleMember(db.Model):
    """A professional taking part in a cellule, with the role they hold there."""

    __table_args__ = (UniqueConstraint("cellule_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cellule_id: Mapped[int] = mapped_column(
        ForeignKey("cellule.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))

    cellule: Mapped[Cellule] = relationship(back_populates="members")
    user: Mapped[User] = relationship(lazy="joined")

    @property
    def role_label(self) -> str:
        return MEMBER_ROLES.get(self.role, self.role)


class CelluleSession(TimestampMixin, db.Model):
    """One meeting of a cellule. The header carries a version; lines are appended beside it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    cellule_id: Mapped[int] = mapped_column(
        ForeignKey("cellule.id", ondelete="CASCADE"), index=True
    )
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    summary: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    cellule: Mapped[Cellule] = relationship(back_populates="sessions", lazy="joined")
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    lines: Mapped[list["SessionLine"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionLine.id"
    )
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return SESSION_STATUSES.get(self.status, self.status)

    @property
    def starts_at(self) -> datetime:
        """The scheduled moment, timezone-aware (SQLite hands back naive UTC)."""
        moment = self.scheduled_at
        return clock.aware(moment)


class AgendaItem(db.Model):
    """The animateur's touch on one agenda entry: its place, a note; or an entry of their own."""

    __table_args__ = (UniqueConstraint("session_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("cellule_session.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))  # "proposal:12", "offer:40", "free:9f2c..."
    section: Mapped[str] = mapped_column(String(30))
    position: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")  # free entries only
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[CelluleSession] = relationship(back_populates="agenda_items")

    __mapper_args__ = {"version_id_col": version}


class SessionLine(db.Model):
    """A decision, action or note typed during a session: appended, never rewritten."""

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("cellule_session.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile_proposal.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    due_on: Mapped[date | None] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    struck_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    struck_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    session: Mapped[CelluleSession] = relationship(back_populates="lines")
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="joined")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    proposal: Mapped["ProfileProposal | None"] = relationship()

    @property
    def kind_label(self) -> str:
        return LINE_KINDS.get(self.kind, self.kind)

    @property
    def written_at(self) -> datetime:
        """When the line was typed, timezone-aware (SQLite hands back naive UTC)."""
        moment = self.created_at
        return clock.aware(moment)


class ProfileProposal(TimestampMixin, db.Model):
    """A person an AE puts forward to a session of their territory's cellule."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True
    )
    cellule_id: Mapped[int] = mapped_column(ForeignKey("cellule.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("cellule_session.id"), index=True)
    ae_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    wishes: Mapped[str] = mapped_column(Text, default="")
    vouching: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    assigned_cre_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    profile: Mapped[Profile] = relationship(lazy="joined")
    cellule: Mapped[Cellule] = relationship()
    session: Mapped[CelluleSession] = relationship()
    ae: Mapped[User | None] = relationship(foreign_keys=[ae_id])
    assigned_cre: Mapped[User | None] = relationship(foreign_keys=[assigned_cre_id])

    __mapper_args__ = {"version_id_col": version}
    # Each person's first day put forward (the dashboard's min(created_at) per profile) read
    # from the index alone, not from the whole table (issue 18).
    __table_args__ = (Index("ix_profile_proposal_profile_created", "profile_id", "created_at"),)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PROPOSAL_STATUSES

    @property
    def status_label(self) -> str:
        return PROPOSAL_STATUSES.get(self.status, self.status)
