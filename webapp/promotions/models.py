"""Promotion de profils: a CRE presents an anonymised profile card to an employer, and every
step that follows is dated and signed."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.models import User
from webapp.cellule.models import Cellule, CelluleMember, ProfileProposal
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile

# One pipeline (its moves: promotions/lifecycle.py): each step's kind becomes the promotion's status.
STEP_KINDS: dict[str, str] = {
    "proposed": "Proposée (carte préparée)",
    "sent": "Carte envoyée à l'employeur",
    "interested": "Employeur intéressé",
    "not_interested": "Employeur pas intéressé",
    "interview": "Entretien",
    "immersion": "Immersion",
    "hired": "Embauche",
    "not_hired": "Pas d'embauche",
    "withdrawn": "Retirée",
}
CLOSED_STEPS = frozenset({"not_interested", "hired", "not_hired", "withdrawn"})
NOT_INTERESTED_REASONS: dict[str, str] = {
    "filled": "Poste déjà pourvu",
    "experience": "Expérience ou compétences insuffisantes pour le poste",
    "schedule": "Horaires ou disponibilités incompatibles",
    "distance": "Trajet trop long pour la personne",
    "no_hiring": "Pas de recrutement en ce moment",
    "other": "Autre raison",
}
NOT_HIRED_REASONS: dict[str, str] = {
    "interview": "Entretien non concluant",
    "immersion": "Immersion non concluante",
    "declined": "La personne a décliné le poste",
    "absent": "La personne ne s'est pas présentée",
    "other_candidate": "Poste pourvu par une autre candidature",
    "other": "Autre raison",
}
MEETING_KINDS: dict[str, str] = {"interview": "Entretien", "immersion": "Immersion"}
VIA: dict[str, str] = {"platform": "sur la plateforme", "phone": "par téléphone (noté par le CRE)"}


class Promotion(TimestampMixin, db.Model):
    """One profile presented to one employer, for an offer or spontaneously."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True
    )
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"), index=True)
    cre_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    cellule_id: Mapped[int | None] = mapped_column(ForeignKey("cellule.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile_proposal.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    # The anonymised card as the employer received it (frozen when sent).
    card: Mapped[dict | None] = mapped_column(JSON)
    vouching: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    profile: Mapped[Profile] = relationship(lazy="joined")
    company: Mapped[Company] = relationship(lazy="joined")
    offer: Mapped[Offer | None] = relationship()
    cre: Mapped[User] = relationship(foreign_keys=[cre_id], lazy="joined")
    cellule: Mapped[Cellule | None] = relationship()
    proposal: Mapped[ProfileProposal | None] = relationship()
    steps: Mapped[list["PromotionStep"]] = relationship(
        back_populates="promotion",
        cascade="all, delete-orphan",
        order_by="PromotionStep.id",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}
    __owner_column__ = "cre_id"
    __company_column__ = "company_id"

    def is_shared_with(self, user_id: int) -> bool:
        """Its CRE, the person's AE and the members of the cellule it went through follow it."""
        if user_id in (self.cre_id, self.profile.ae_id):
            return True
        return self.cellule is not None and self.cellule.is_shared_with(user_id)

    @classmethod
    def shared_with_clause(cls, user_id: int):
        return or_(
            cls.cre_id == user_id,
            cls.profile_id.in_(select(Profile.id).where(Profile.ae_id == user_id)),
            cls.cellule_id.in_(
                select(CelluleMember.cellule_id).where(CelluleMember.user_id == user_id)
            ),
        )

    @property
    def reference(self) -> str:
        return f"C-{self.id:05d}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STEPS

    @property
    def status_label(self) -> str:
        return STEP_KINDS.get(self.status, self.status)

    @property
    def job_label(self) -> str:
        """What the card is for: the offer's title, else the jobs it presents (as sent)."""
        if self.offer is not None:
            return self.offer.title
        if self.card:
            jobs = [job["label"] for job in self.card.get("jobs", ()) if job.get("label")]
        else:
            jobs = [target.rome.label for target in self.profile.targets if target.rome]
        return f"{', '.join(jobs)} (candidature spontanée)" if jobs else "Candidature spontanée"


class PromotionStep(db.Model):
    """A dated, signed step of a promotion; `details` holds the step's own values."""

    # The menu's « réponses » badge looks up the recent answer steps of one CRE's promotions.
    __table_args__ = (Index("ix_promotion_step_answer", "promotion_id", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("promotion.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now, index=True)
    on: Mapped[date | None] = mapped_column(Date)  # the day it happens (interview, start...)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    via: Mapped[str] = mapped_column(String(20), default="platform")
    reason: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # hired: {"contract": "CDI", "hours_per_week": 35.0}; interested: {"meeting": "interview"}
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    promotion: Mapped[Promotion] = relationship(back_populates="steps")
    by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def kind_label(self) -> str:
        return STEP_KINDS.get(self.kind, self.kind)
