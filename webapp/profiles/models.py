"""Beneficiary profiles: pseudonymous, with the practical constraints that matching uses."""

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
    false,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.reference.models import Commune, Pole, RomeCode

PARCOURS: dict[str, str] = {
    "emploi": "Emploi",
    "socio_pro": "Socio-professionnel",
    "remobilisation": "Remobilisation",
}

TRAVEL_MODES: dict[str, str] = {
    "walk": "À pied",
    "bike": "Vélo",
    "public_transport": "Transports en commun",
    "car": "Voiture",
    "carpool": "Covoiturage",
    "two_wheeler": "Deux-roues motorisé",
}

BARRIERS: dict[str, str] = {
    "mobility": "Mobilité",
    "childcare": "Garde d'enfants",
    "health": "Santé (contrainte seulement)",
    "housing": "Logement",
    "digital": "Numérique",
    "language": "Langue",
    "other": "Autre",
}

PROFILE_STATUSES: dict[str, str] = {
    "accompaniment": "En accompagnement",
    "proposed": "Proposé à la cellule",
    "promoted": "En promotion",
    "immersion": "En immersion",
    "hired": "Embauché",
    "paused": "En pause",
    "left": "Sorti de l'accompagnement",
}
# People still looking for a job: not hired, not paused, not gone. The one rule for the
# shortlists, the offers "à portée", the cellule agenda's people and the obstacles counts.
RANKED_PROFILE_STATUSES = ("accompaniment", "proposed", "promoted", "immersion")


class Profile(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(60))
    external_ref: Mapped[str | None] = mapped_column(String(80))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    ae_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("commune.insee"), index=True)
    # a finer place than the commune when known (Arles 13129: Salin-de-Giraud), for travel
    postal_code: Mapped[str | None] = mapped_column(String(5))
    parcours: Mapped[str] = mapped_column(String(20), default="emploi")
    entry_date: Mapped[date | None] = mapped_column(Date)
    weekly_activity_hours: Mapped[float | None] = mapped_column(Float)
    target_titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    mobility_modes: Mapped[list[str]] = mapped_column(JSON, default=list)
    max_minutes: Mapped[int] = mapped_column(Integer, default=45)
    max_km: Mapped[float | None] = mapped_column(Float)
    driving_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    vehicle: Mapped[bool] = mapped_column(Boolean, default=False)
    min_hours_per_week: Mapped[float | None] = mapped_column(Float)
    max_hours_per_week: Mapped[float | None] = mapped_column(Float)
    can_night: Mapped[bool] = mapped_column(Boolean, default=False)
    can_weekend: Mapped[bool] = mapped_column(Boolean, default=False)
    can_early_morning: Mapped[bool] = mapped_column(Boolean, default=False)
    can_split_shift: Mapped[bool] = mapped_column(Boolean, default=False)
    childcare_constraint: Mapped[bool] = mapped_column(Boolean, default=False)
    available_from: Mapped[date | None] = mapped_column(Date)
    barriers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    qualifications: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    job_ready: Mapped[bool] = mapped_column(Boolean, default=False)
    job_ready_since: Mapped[date | None] = mapped_column(Date, index=True)  # indicators
    status: Mapped[str] = mapped_column(String(20), default="accompaniment", index=True)
    hired_contract: Mapped[str | None] = mapped_column(String(10))
    hired_on: Mapped[date | None] = mapped_column(Date, index=True)  # indicators
    left_reason: Mapped[str] = mapped_column(String(200), default="")
    left_on: Mapped[date | None] = mapped_column(Date)
    consent_promotion: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consent_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    commune: Mapped[Commune] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship()
    pole: Mapped[Pole | None] = relationship()
    ae: Mapped[User | None] = relationship(foreign_keys=[ae_id])
    consent_recorded_by: Mapped[User | None] = relationship(foreign_keys=[consent_recorded_by_id])
    targets: Mapped[list["ProfileTarget"]] = relationship(
        back_populates="profile",
        cascade="all, delete-orphan",
        order_by="ProfileTarget.rank",
        lazy="selectin",
    )
    changes: Mapped[list["ProfileChange"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ProfileChange.id.desc()"
    )
    consent_changes: Mapped[list["ConsentChange"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="ConsentChange.id.desc()"
    )
    shares: Mapped[list["ProfileShare"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan"
    )

    # The indicators count a territory's people by organisation: this index answers from
    # itself, without reading the (wide) profile rows.
    __table_args__ = (Index("ix_profile_scope", "pole_id", "organisation_id", "id"),)
    __mapper_args__ = {"version_id_col": version}
    __owner_column__ = "ae_id"
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"

    @property
    def is_territory_shared(self) -> bool:
        return False

    @classmethod
    def territory_shared_clause(cls):
        return false()

    def is_shared_with(self, user_id: int) -> bool:
        """True when the profile was put forward to this user (cellule emploi, promotion)."""
        return any(share.user_id == user_id for share in self.shares)

    @classmethod
    def shared_with_clause(cls, user_id: int):
        """SQL: the profile was put forward to this user."""
        from webapp.profiles.models import ProfileShare

        return cls.id.in_(select(ProfileShare.profile_id).where(ProfileShare.user_id == user_id))

    @property
    def display_label(self) -> str:
        """The pseudonymous label, or the platform reference while it is not filled in."""
        return self.label or self.reference

    @property
    def status_label(self) -> str:
        return PROFILE_STATUSES.get(self.status, self.status)

    @property
    def target_rome_codes(self) -> list[str]:
        return [target.rome_code for target in self.targets]


class ProfileTarget(db.Model):
    """A target job of a profile, in order of preference, with the experience in it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    rome_code: Mapped[str] = mapped_column(ForeignKey("rome_code.code"))
    experience_months: Mapped[int] = mapped_column(Integer, default=0)
    skills: Mapped[str] = mapped_column(Text, default="")

    profile: Mapped[Profile] = relationship(back_populates="targets")
    rome: Mapped[RomeCode] = relationship(lazy="joined")


CHANGE_KINDS: dict[str, str] = {
    "created": "Création",
    "updated": "Modification",
    "imported": "Import",
}

SHARE_REASONS: dict[str, str] = {
    "cellule": "Présenté en cellule emploi",
    "promotion": "Confié pour promotion",
}



class ProfileChange(db.Model):
    """One dated, signed save of a profile: which fields went from what to what."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer)
    # [{"field": "max_minutes", "label": "Temps de trajet maximal", "old": "45 min", "new": "60 min"}]
    changes: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)

    profile: Mapped[Profile] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return CHANGE_KINDS.get(self.kind, self.kind)


class ConsentChange(db.Model):
    """The person's consent to be promoted to employers, given or withdrawn, and who recorded it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    given: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    source: Mapped[str] = mapped_column(String(200), default="")

    profile: Mapped[Profile] = relationship(back_populates="consent_changes")
    recorded_by: Mapped[User | None] = relationship()


class ProfileShare(db.Model):
    """A professional outside the profile's organisation who may see it (the scope "shared")."""

    __table_args__ = (UniqueConstraint("profile_id", "user_id", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    profile: Mapped[Profile] = relationship(back_populates="shares")
    user: Mapped[User] = relationship(foreign_keys=[user_id])
