"""The employer directory: companies and their contacts."""

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import TimestampMixin
from webapp.models.reference import Commune

SIZE_BANDS: dict[str, str] = {
    "0": "0 salarié",
    "1-9": "1 à 9 salariés (TPE)",
    "10-49": "10 à 49 salariés",
    "50-249": "50 à 249 salariés",
    "250+": "250 salariés et plus",
}


class Company(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    naf_code: Mapped[str | None] = mapped_column(ForeignKey("naf.code"))
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"), index=True)
    address: Mapped[str] = mapped_column(String(250), default="")
    size_band: Mapped[str | None] = mapped_column(String(10))
    welcomes_immersion: Mapped[bool] = mapped_column(Boolean, default=False)
    club_member: Mapped[bool] = mapped_column(Boolean, default=False)
    social_clause: Mapped[bool] = mapped_column(Boolean, default=False)
    emplois_en_provence: Mapped[bool] = mapped_column(Boolean, default=False)
    pacte_objectifs: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    commune: Mapped[Commune] = relationship(lazy="joined")
    contacts: Mapped[list["CompanyContact"]] = relationship(
        back_populates="company", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __company_column__ = "id"


class CompanyContact(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")

    company: Mapped[Company] = relationship(back_populates="contacts")
