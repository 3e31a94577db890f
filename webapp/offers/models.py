"""Job offers of the shared pool and their life cycle."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company, CompanyContact
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.reference.models import Commune, RomeCode

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
# The contracts a hire is signed with: every contract but the immersion, which is no job.
HIRE_CONTRACTS: dict[str, str] = {code: label for code, label in CONTRACTS.items() if code != "PMSMP"}

OFFER_STATUSES: dict[str, str] = {
    "draft": "Brouillon",
    "open": "Ouverte",
    "suspended": "Suspendue",
    "filled": "Pourvue",
    "cancelled": "Annulée",
    "expired": "Expirée",
}

VISIBILITIES: dict[str, str] = {
    "territory": "Partagée avec toute la task force du département",
    "organisation": "Réservée à mon organisation",
}

# The pool's text search on PostgreSQL: French full text of the title and description, with a
# GIN index on exactly this expression (SQLite, used for development and tests, scans instead).
OFFER_SEARCH_VECTOR = "to_tsvector('french', {table}title || ' ' || {table}description)"

# What an OfferEvent records: a status change, an edit, a merge, an import.
EVENT_KINDS: dict[str, str] = {
    "created": "Création",
    "status": "Changement de statut",
    "edit": "Modification",
    "merge": "Fusion",
    "import": "Import",
    "hire": "Embauche",
}


class Offer(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    external_ref: Mapped[str | None] = mapped_column(String(80), index=True)
    title: Mapped[str] = mapped_column(String(200))
    rome_code: Mapped[str | None] = mapped_column(ForeignKey("rome_code.code"), index=True)
    rome_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"), index=True)
    # a finer place than the commune when known (Arles 13129: Salin-de-Giraud), for travel
    postal_code: Mapped[str | None] = mapped_column(String(5))
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
    source_url: Mapped[str] = mapped_column(String(300), default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    cre_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("company_contact.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"))
    visibility: Mapped[str] = mapped_column(String(20), default="territory")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    rome: Mapped[RomeCode | None] = relationship(lazy="joined")
    commune: Mapped[Commune] = relationship(lazy="joined")
    company: Mapped[Company | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    contact: Mapped[CompanyContact | None] = relationship()
    cre: Mapped[User | None] = relationship()
    merged_into: Mapped["Offer | None"] = relationship(remote_side=[id])
    events: Mapped[list["OfferEvent"]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="[OfferEvent.at, OfferEvent.id]"
    )
    sources: Mapped[list["OfferSource"]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="OfferSource.id",
        foreign_keys="OfferSource.offer_id",
    )

    __table_args__ = (
        # Re-importing a partner's file finds its offers by (organisation, external id).
        UniqueConstraint("organisation_id", "external_ref"),
        # The pool: a territory's offers in one status, newest first; expiry: open past end date.
        Index("ix_offer_pool", "pole_id", "status", "published_at"),
        Index("ix_offer_status_end_date", "status", "end_date"),
        # The cellule agenda: a territory's open offers shared since the last session (created
        # in the window), counted and listed from the index alone.
        Index("ix_offer_pool_created", "pole_id", "status", "created_at",
              postgresql_include=["visibility", "id"]),
        # The session screen's CRE suggestion: the offers each CRE created this past year, by
        # ROME domain, from the index alone.
        Index("ix_offer_cre_created", "cre_id", "created_at", postgresql_include=["rome_code"]),
        # A radius search: a status's offers in some communes, with what the visibility clause
        # and the newest-first order read, so PostgreSQL counts and pages them from the index
        # alone (×10 demo, 20 km around Marseille: 9 ms -> 1.6 ms for the count and the page).
        Index("ix_offer_pool_place", "status", "commune_insee", postgresql_include=[
            "visibility", "organisation_id", "cre_id", "merged_into_id", "published_at", "id"]),
        Index("ix_offer_search", text(OFFER_SEARCH_VECTOR.format(table="")), postgresql_using="gin").ddl_if(
            dialect="postgresql"),
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
    """A dated, signed step of an offer's life: status change, edit (with what changed), merge."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20), default="status")
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    # The offer's version once this step was saved, and {field: [before, after]} for edits.
    version: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)

    offer: Mapped[Offer] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()


class OfferSource(TimestampMixin, db.Model):
    """Another origin of an offer, kept when an offer brought by someone else was merged in.

    The offer's own organisation, CRE, external reference and contact are its first source."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    cre_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    external_ref: Mapped[str | None] = mapped_column(String(80))
    source_url: Mapped[str] = mapped_column(String(300), default="")
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("company_contact.id"))
    merged_from_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"))
    merged_from_reference: Mapped[str] = mapped_column(String(40), default="")

    offer: Mapped[Offer] = relationship(back_populates="sources", foreign_keys=[offer_id])
    organisation: Mapped[Organisation] = relationship()
    cre: Mapped[User | None] = relationship()
    contact: Mapped[CompanyContact | None] = relationship()


class OfferPairDismissal(db.Model):
    """Two offers a CRE looked at and judged different jobs: no longer flagged as duplicates."""

    __table_args__ = (UniqueConstraint("first_offer_id", "second_offer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"))  # the lower id
    second_offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
