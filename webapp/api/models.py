"""API tokens of the partner organisations, and the log of every API call."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock
from webapp.extensions import db

# What a token may be given, and how the administrator reads it.
SCOPES: dict[str, str] = {
    "offers:read": "Lire les offres du vivier",
    "offers:write": "Déposer et modifier les offres de l'organisation",
    "companies:read": "Chercher et lire les entreprises de l'annuaire",
    "reference:read": "Lire les référentiels (communes, ROME, NAF)",
    "matching": "Rapprocher des profils anonymes des offres ouvertes",
    "needs:read": "Lire les besoins de recrutement du territoire",
    "needs:write": "Déposer un besoin pour une entreprise que l'organisation suit",
    "events:read": "Lire les événements emploi du territoire",
    "events:write": "Créer des événements emploi sur le territoire",
    "indicators:read": "Lire les indicateurs du tableau de bord (petits effectifs masqués)",
}


class ApiToken(db.Model):
    """A secret a partner system presents as `Authorization: Bearer …`; only its hash is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to recognise it
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()

    def state(self, now: datetime) -> str:
        """`revoked`, `expired` or `active`."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and clock.aware(self.expires_at) <= now:
            return "expired"
        return "active"


class ApiCall(db.Model):
    """One request to /api/v1: which token (none when refused before), what, the answer, when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now, index=True)
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_token.id"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(300))
    status: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
