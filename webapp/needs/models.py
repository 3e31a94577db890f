"""Hiring needs posted by employers, their message thread and their dated, signed steps."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.reference.models import Commune, RomeCode
from webapp.reference.places import place_text

# waiting: nobody has taken it yet; in_progress: a CRE follows it; question: the CRE waits for
# the employer's answer; converted / declined / withdrawn: closed.
NEED_STATUSES: dict[str, str] = {
    "waiting": "En attente de prise en charge",
    "in_progress": "Pris en charge",
    "question": "Question posée à l'employeur",
    "converted": "Transformé en offre",
    "declined": "Non retenu",
    "withdrawn": "Retiré par l'employeur",
}
OPEN_NEED_STATUSES = ("waiting", "in_progress", "question")
CLOSED_NEED_STATUSES = ("converted", "declined", "withdrawn")
NEED_EVENT_KINDS: dict[str, str] = {
    "posted": "Besoin déposé",
    "taken": "Pris en charge",
    "question": "Question posée à l'employeur",
    "answer": "Réponse de l'employeur",
    "converted": "Transformé en offre",
    "declined": "Décliné",
    "withdrawn": "Retiré par l'employeur",
}


class HiringNeed(TimestampMixin, db.Model):
    """What an employer wants to hire, in plain words, before a CRE turns it into an offer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    rome_code: Mapped[str] = mapped_column(ForeignKey("rome_code.code"), index=True)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"), index=True)
    # a finer place than the commune when known (Arles 13129: Salin-de-Giraud), for travel
    postal_code: Mapped[str | None] = mapped_column(String(5))
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    hours_per_week: Mapped[float] = mapped_column(Float)
    night: Mapped[bool] = mapped_column(Boolean, default=False)
    weekend: Mapped[bool] = mapped_column(Boolean, default=False)
    early_morning: Mapped[bool] = mapped_column(Boolean, default=False)
    split_shift: Mapped[bool] = mapped_column(Boolean, default=False)
    contract: Mapped[str] = mapped_column(String(10), default="CDI")
    start_date: Mapped[date] = mapped_column(Date)
    immersion_welcome: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="waiting", index=True)
    cre_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    company: Mapped[Company] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    cre: Mapped[User | None] = relationship(foreign_keys=[cre_id], lazy="joined")
    rome: Mapped[RomeCode] = relationship(lazy="joined")
    commune: Mapped[Commune] = relationship(lazy="joined")
    # The offer a need became; `offer.source_need` links back from the offer.
    offer: Mapped[Offer | None] = relationship(backref=backref("source_need", uselist=False))
    messages: Mapped[list["NeedMessage"]] = relationship(
        back_populates="need", cascade="all, delete-orphan", order_by="[NeedMessage.at, NeedMessage.id]"
    )
    events: Mapped[list["NeedEvent"]] = relationship(
        back_populates="need", cascade="all, delete-orphan", order_by="[NeedEvent.at, NeedEvent.id]"
    )

    __mapper_args__ = {"version_id_col": version}
    __owner_column__ = "cre_id"
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"
    __company_column__ = "company_id"

    @property
    def reference(self) -> str:
        return f"B-{self.id:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_NEED_STATUSES

    @property
    def place_text(self) -> str:
        """The work place as pages show it: « Arles, 13129 (Salin-de-Giraud) »."""
        return place_text(self.commune, self.postal_code)

    @property
    def job_label(self) -> str:
        return self.title or (self.rome.label if self.rome else self.rome_code)


class NeedMessage(db.Model):
    """One message of the thread between the employer and the CRE following the need."""

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("hiring_need.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    from_employer: Mapped[bool] = mapped_column(Boolean)
    is_question: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    body: Mapped[str] = mapped_column(Text)

    need: Mapped[HiringNeed] = relationship(back_populates="messages")
    author: Mapped[User] = relationship(lazy="joined")


class NeedEvent(db.Model):
    """A dated, signed step of a need's life: posted, taken, question, answer, converted..."""

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("hiring_need.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    need: Mapped[HiringNeed] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def kind_label(self) -> str:
        return NEED_EVENT_KINDS.get(self.kind, self.kind)
