"""How employers get an account: a self-registration a CRE validates, or a CRE's invitation."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.reference.models import Commune

REGISTRATION_STATUSES: dict[str, str] = {
    "pending": "En attente de validation",
    "validated": "Validée",
    "rejected": "Refusée",
}


class EmployerRegistration(TimestampMixin, db.Model):
    """An employer's request for an account, kept inactive until a CRE of its territory decides."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(200))
    siret: Mapped[str] = mapped_column(String(14), index=True)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"))
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)
    contact_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    commune: Mapped[Commune] = relationship(lazy="joined")
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    company: Mapped[Company | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"
    # company scope: the directory company of the SIRET typed (its employers approve the request)
    __company_column__ = "siret_company_id"

    @classmethod
    def _siret_company(cls, siret):
        return (
            select(Company.id)
            .where(Company.siret == siret, Company.merged_into_id.is_(None))
            .order_by(Company.id)
            .limit(1)
        )

    @hybrid_property
    def siret_company_id(self) -> int | None:
        session = object_session(self)
        return session.scalar(self._siret_company(self.siret)) if session else None

    @siret_company_id.inplace.expression
    @classmethod
    def _siret_company_id_expression(cls):
        return cls._siret_company(cls.siret).scalar_subquery()

    @property
    def reference(self) -> str:
        return f"INSCR-{self.id:05d}"

    @property
    def status_label(self) -> str:
        return REGISTRATION_STATUSES.get(self.status, self.status)

    @property
    def status_tone(self) -> str:
        return {"pending": "warn", "validated": "good", "rejected": "bad"}.get(self.status, "")


class EmployerInvitation(TimestampMixin, db.Model):
    """A one-time link a CRE hands to an invited employer to choose their password."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
