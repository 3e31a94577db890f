"""Job offers of the shared pool and their life cycle."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import TimestampMixin, utcnow
from webapp.models.company import Company
from webapp.models.organisation import Organisation
from webapp.models.reference import Commune, RomeCode

CONTRACTS: dict[str, str] = {
    "CDI": "CDI",
    "CDD": "CDD",
    "MIS": "Intérim",
    "SAI": "Saisonnier",
    "ALT": "Alternance",
    "PEC": "Parcours emploi compétences (PEC)",
    "IAE": "Insertion par l'activité économique (IAE)",
    "CLAUSE": "Clause sociale",
    "PMSMP": "Immersion (PMSMP)",
}

OFFER_STATUSES: dict[str, str] = {
    "draft": "Brouillon",
    "open": "Ouverte",
    "suspended": "Suspendue",
    "filled": "Pourvue",
    "cancelled": "Annulée",
    "expired": "Expirée",
}

VISIBILITIES: dict[str, str] = {
    "territory": "Partagée avec la task force du territoire",
    "organisation": "Réservée à mon organisation",
}


class Offer(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    external_ref: Mapped[str | None] = mapped_column(String(80), index=True)
    title: Mapped[str] = mapped_column(String(200))
    rome_code: Mapped[str | None] = mapped_column(ForeignKey("rome_code.code"), index=True)
    rome_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"), index=True)
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)
    contract: Mapped[str] = mapped_column(String(10), default="CDI")
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    night: Mapped[bool] = mapped_column(Boolean, default=False)
    weekend: Mapped[bool] = mapped_column(Boolean, default=False)
    early_morning: Mapped[bool] = mapped_column(Boolean, default=False)
    split_shift: Mapped[bool] = mapped_column(Boolean, default=False)
    requires_driving_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    requires_vehicle: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    positions_filled: Mapped[int] = mapped_column(Integer, default=0)
    immersion_possible: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    salary: Mapped[str] = mapped_column(String(120), default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    cre_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    visibility: Mapped[str] = mapped_column(String(20), default="territory")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    rome: Mapped[RomeCode | None] = relationship(lazy="joined")
    commune: Mapped[Commune] = relationship(lazy="joined")
    company: Mapped[Company | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    events: Mapped[list["OfferEvent"]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="OfferEvent.at"
    )

    __mapper_args__ = {"version_id_col": version}
    __owner_column__ = "cre_id"
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"
    __company_column__ = "company_id"

    @property
    def is_territory_shared(self) -> bool:
        return self.visibility == "territory"

    @classmethod
    def territory_shared_clause(cls):
        return cls.visibility == "territory"

    @property
    def status_label(self) -> str:
        return OFFER_STATUSES.get(self.status, self.status)

    @property
    def contract_label(self) -> str:
        return CONTRACTS.get(self.contract, self.contract)


class OfferEvent(db.Model):
    """A dated, signed step of an offer's life cycle."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    offer: Mapped[Offer] = relationship(back_populates="events")
