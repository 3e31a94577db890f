"""The employer directory: companies and their contacts."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.reference.models import Commune, Naf

SIZE_BANDS: dict[str, str] = {
    "0": "0 salarié",
    "1-9": "1 à 9 salariés (TPE)",
    "10-49": "10 à 49 salariés",
    "50-249": "50 à 249 salariés",
    "250+": "250 salariés et plus",
}

# Boolean columns of Company -> the label the task force uses for it.
COMPANY_LABELS: dict[str, str] = {
    "welcomes_immersion": "Entreprise accueillante",
    "club_member": "Club des entreprises",
    "social_clause": "Clause sociale",
    "emplois_en_provence": "Emplois en Provence",
    "pacte_objectifs": "Pacte d'objectifs",
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
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    merged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    merged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    commune: Mapped[Commune] = relationship(lazy="joined")
    naf: Mapped[Naf | None] = relationship()
    contacts: Mapped[list["CompanyContact"]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="CompanyContact.id"
    )
    merged_into: Mapped["Company | None"] = relationship(remote_side=[id])

    __mapper_args__ = {"version_id_col": version}
    __company_column__ = "id"
    __pole_column__ = "pole_id"  # territory scope: the pôle of the company's commune

    @hybrid_property
    def pole_id(self) -> int | None:
        return self.commune.pole_id if self.commune is not None else None

    @pole_id.inplace.expression
    @classmethod
    def _pole_id_expression(cls):
        return (
            select(Commune.pole_id).where(Commune.insee == cls.commune_insee).scalar_subquery()
        )

    @property
    def labels(self) -> list[str]:
        """The task-force labels this company holds, in the usual order."""
        return [label for column, label in COMPANY_LABELS.items() if getattr(self, column)]

    @property
    def size_label(self) -> str:
        return SIZE_BANDS.get(self.size_band or "", "")


class CompanyContact(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")

    company: Mapped[Company] = relationship(back_populates="contacts")
