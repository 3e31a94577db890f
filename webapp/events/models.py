"""Employment events of a territory: forums, job datings, company visits, information sessions,
"rallyes entreprises", with the employers and offers concerned and the people invited."""

from datetime import date, datetime, time

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.reference.models import Commune, Pole

EVENT_TYPES: dict[str, str] = {
    "forum": "Forum emploi",
    "job_dating": "Job dating",
    "company_visit": "Visite d'entreprise",
    "information": "Réunion d'information",
    "rallye": "Rallye entreprises",
}

event_company = Table(
    "event_company",
    db.metadata,
    Column("event_id", ForeignKey("employment_event.id", ondelete="CASCADE"), primary_key=True),
    Column("company_id", ForeignKey("company.id"), primary_key=True),
)
event_offer = Table(
    "event_offer",
    db.metadata,
    Column("event_id", ForeignKey("employment_event.id", ondelete="CASCADE"), primary_key=True),
    Column("offer_id", ForeignKey("offer.id"), primary_key=True),
)


class EmploymentEvent(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"))
    address: Mapped[str] = mapped_column(String(250), default="")
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)
    sector: Mapped[str | None] = mapped_column(String(1))  # ROME grand domain, e.g. "G"
    description: Mapped[str] = mapped_column(Text, default="")
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    commune: Mapped[Commune] = relationship(lazy="joined")
    pole: Mapped[Pole | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()
    companies: Mapped[list[Company]] = relationship(secondary=event_company, order_by=Company.name)
    offers: Mapped[list[Offer]] = relationship(secondary=event_offer, order_by=Offer.reference)
    invitations: Mapped[list["EventInvitation"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventInvitation.id"
    )

    __mapper_args__ = {"version_id_col": version}
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"

    @property
    def is_territory_shared(self) -> bool:
        return True  # a territory's programme of events is everyone's

    @classmethod
    def territory_shared_clause(cls):
        return true()

    @property
    def kind_label(self) -> str:
        return EVENT_TYPES.get(self.kind, self.kind)


class EventInvitation(db.Model):
    """A person invited to an event by their AE."""

    __table_args__ = (UniqueConstraint("event_id", "profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("employment_event.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)

    event: Mapped[EmploymentEvent] = relationship(back_populates="invitations")
    profile: Mapped[Profile] = relationship()
    invited_by: Mapped[User | None] = relationship()
