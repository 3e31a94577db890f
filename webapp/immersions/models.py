"""Immersions (PMSMP): a person tries a job in a host company for a few days, from the proposal
to the assessment and its outcome. The convention itself is signed in Immersion Facilitée."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text, false, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile, ProfileShare
from webapp.promotions.models import Promotion
from webapp.reference.models import RomeCode

IMMERSION_STATUSES: dict[str, str] = {
    "proposed": "Proposée",
    "accepted": "Acceptée par l'entreprise",
    "convention_signed": "Convention signée",
    "under_way": "En cours",
    "done": "Terminée",
    "cancelled": "Annulée",
}
# The three objectives of the PMSMP convention, worded as Immersion Facilitée words them.
IMMERSION_OBJECTIVES: dict[str, str] = {
    "discover": "Découvrir un métier ou un secteur d'activité",
    "confirm": "Confirmer un projet professionnel",
    "recruit": "Initier une démarche de recrutement",
}
CONVENTION_KINDS: dict[str, str] = {
    "immersion_facilitee": "Identifiant Immersion Facilitée",
    "file": "Référence de dossier (convention papier)",
}
ATTENDANCE: dict[str, str] = {
    "full": "Présence sur toute la période",
    "partial": "Présence partielle",
    "absent": "Absence",
}
TUTOR_RATINGS: dict[str, str] = {
    "very_good": "Très satisfaisant",
    "good": "Satisfaisant",
    "to_improve": "À améliorer",
    "insufficient": "Insuffisant",
}
TUTOR_CRITERIA: dict[str, str] = {
    "tutor_punctuality": "Ponctualité et assiduité",
    "tutor_teamwork": "Intégration dans l'équipe",
    "tutor_job_skills": "Gestes du métier",
}
ANSWERS: dict[str, str] = {"yes": "Oui", "maybe": "Peut-être", "no": "Non"}
IMMERSION_OUTCOMES: dict[str, str] = {
    "hired": "Embauche",
    "second_immersion": "Deuxième immersion",
    "training": "Entrée en formation",
    "project_confirmed": "Projet confirmé",
    "project_changed": "Projet réorienté",
    "nothing_yet": "Pas encore de suite",
}


class Immersion(TimestampMixin, db.Model):
    """One PMSMP: who, where, which job, when, with which tutor, and where it stands."""

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"), index=True)
    # The promotion to an employer this immersion comes before ("an immersion first").
    promotion_id: Mapped[int | None] = mapped_column(
        ForeignKey("promotion.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)
    referent_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    rome_code: Mapped[str] = mapped_column(ForeignKey("rome_code.code"))
    objective: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    # Seven lists (Monday first) of [start, end] "HH:MM" periods: the same pattern every week.
    schedule: Mapped[list[list[list[str]]]] = mapped_column(JSON, default=list)
    activities: Mapped[str] = mapped_column(Text, default="")
    tutor_name: Mapped[str] = mapped_column(String(120), default="")
    tutor_role: Mapped[str] = mapped_column(String(120), default="")
    tutor_phone: Mapped[str] = mapped_column(String(30), default="")
    tutor_email: Mapped[str] = mapped_column(String(254), default="")
    convention_kind: Mapped[str | None] = mapped_column(String(30))
    convention_reference: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The person's current AE: the immersion follows the person when the AE changes.
    person_ae_id: Mapped[int | None] = column_property(
        select(Profile.ae_id).where(Profile.id == profile_id).correlate_except(Profile)
        .scalar_subquery()
    )

    profile: Mapped[Profile] = relationship()
    company: Mapped[Company] = relationship(lazy="joined")
    offer: Mapped[Offer | None] = relationship()
    promotion: Mapped[Promotion | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    referent: Mapped[User | None] = relationship(foreign_keys=[referent_id])
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])
    rome: Mapped[RomeCode] = relationship(lazy="joined")
    steps: Mapped[list["ImmersionStep"]] = relationship(
        back_populates="immersion", cascade="all, delete-orphan", order_by="ImmersionStep.id"
    )
    assessment: Mapped["ImmersionAssessment | None"] = relationship(
        back_populates="immersion", cascade="all, delete-orphan", uselist=False
    )

    __mapper_args__ = {"version_id_col": version}
    __owner_column__ = "person_ae_id"
    __organisation_column__ = "organisation_id"
    __pole_column__ = "pole_id"
    __company_column__ = "company_id"

    @property
    def is_territory_shared(self) -> bool:
        return False  # like the profile it is about

    @classmethod
    def territory_shared_clause(cls):
        return false()

    def is_shared_with(self, user_id: int) -> bool:
        """True when the person was put forward to this user (cellule emploi, promotion)."""
        return self.profile.is_shared_with(user_id)

    @classmethod
    def shared_with_clause(cls, user_id: int):
        """SQL: the person was put forward to this user."""
        return cls.profile_id.in_(
            select(ProfileShare.profile_id).where(ProfileShare.user_id == user_id))

    @property
    def status_label(self) -> str:
        return IMMERSION_STATUSES.get(self.status, self.status)

    @property
    def objective_label(self) -> str:
        return IMMERSION_OBJECTIVES.get(self.objective, self.objective)


class ImmersionStep(db.Model):
    """One dated, signed move of an immersion's life cycle."""

    id: Mapped[int] = mapped_column(primary_key=True)
    immersion_id: Mapped[int] = mapped_column(
        ForeignKey("immersion.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    signed_as: Mapped[str] = mapped_column(String(250), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    immersion: Mapped[Immersion] = relationship(back_populates="steps")
    user: Mapped[User | None] = relationship()

    @property
    def status_label(self) -> str:
        return IMMERSION_STATUSES.get(self.to_status, self.to_status)


class ImmersionAssessment(TimestampMixin, db.Model):
    """The short assessment after the end: attendance, the tutor's view, the person's, the outcome."""

    id: Mapped[int] = mapped_column(primary_key=True)
    immersion_id: Mapped[int] = mapped_column(
        ForeignKey("immersion.id", ondelete="CASCADE"), unique=True)
    attendance: Mapped[str] = mapped_column(String(20))
    days_attended: Mapped[int | None] = mapped_column(Integer)
    tutor_punctuality: Mapped[str] = mapped_column(String(20))
    tutor_teamwork: Mapped[str] = mapped_column(String(20))
    tutor_job_skills: Mapped[str] = mapped_column(String(20))
    tutor_would_hire: Mapped[str] = mapped_column(String(10))
    tutor_comment: Mapped[str] = mapped_column(Text, default="")
    person_liked_job: Mapped[str] = mapped_column(String(10))
    person_comment: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(30), index=True)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    hired_contract: Mapped[str | None] = mapped_column(String(10))
    hired_on: Mapped[date | None] = mapped_column(Date)
    hired_hours_per_week: Mapped[float | None] = mapped_column(Float)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    immersion: Mapped[Immersion] = relationship(back_populates="assessment")
    recorded_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def outcome_label(self) -> str:
        return IMMERSION_OUTCOMES.get(self.outcome, self.outcome)
