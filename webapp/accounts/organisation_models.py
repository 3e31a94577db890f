"""Organisations of the task force and the kinds they come in."""

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.reference.models import Pole

ORGANISATION_KINDS: dict[str, str] = {
    "departement_emploi": "Département – service emploi",
    "departement_pole": "Département – pôle d'insertion",
    "france_travail": "Agence France Travail",
    "plie": "PLIE",
    "dape": "DAPE",
    "mission_locale": "Mission locale",
    "cap_emploi": "Cap emploi",
    "siae": "SIAE",
    "employer": "Employeur",
    "other": "Autre",
}


class Organisation(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", use_alter=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    pole: Mapped[Pole | None] = relationship()

    @property
    def kind_label(self) -> str:
        return ORGANISATION_KINDS.get(self.kind, self.kind)
