"""What the promotion pages show: a CRE's profiles to promote and cards, one promotion's
pipeline, and the employer's side (cards sent to them, never a name)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.cellule.models import ProfileProposal
from webapp.companies.accounts import employer_organisation
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.profiles.labels import person_label, shows_person
from webapp.profiles.models import Profile
from webapp.promotions.answers import answered_clause
from webapp.promotions.card import ProfileCard, card_of
from webapp.promotions.corrections import correctable_steps
from webapp.promotions.lifecycle import NEXT_STEPS
from webapp.promotions.models import CLOSED_STEPS, STEP_KINDS, Promotion
from webapp.promotions.steps import step_text

# What the employer reads for each status.
EMPLOYER_STATUS: dict[str, str] = {
    "sent": "À examiner : votre réponse est attendue",
    "interested": "Vous êtes intéressé(e)",
    "not_interested": "Vous avez décliné",
    "interview": "Entretien",
    "immersion": "Immersion",
    "hired": "Embauche",
    "not_hired": "Pas d'embauche",
    "withdrawn": "Retirée par la task force",
}
TONES = {
    "sent": "warn",
    "interested": "good",
    "hired": "good",
    "not_interested": "muted",
    "not_hired": "muted",
    "withdrawn": "muted",
}


@dataclass(frozen=True)
class PromotionRow:
    id: int
    reference: str
    person: str  # the profile's label for staff; "" on the employer side
    employer: str
    job: str
    status_label: str
    tone: str
    sent_on: date | None


@dataclass(frozen=True)
class CreOverview:
    to_promote: tuple[ProfileProposal, ...]
    open: tuple[PromotionRow, ...]
    closed: tuple[PromotionRow, ...]
    answered: tuple[PromotionRow, ...] = ()  # employers' recent answers, not acted on yet

    @property
    def sections(self) -> tuple[tuple[str, tuple[PromotionRow, ...], str], ...]:
        """(title, rows, anchor) of the page's lists of cards, answers first."""
        return (("Réponses d'employeurs", self.answered, "reponses"),
                ("Cartes en cours", self.open, "en-cours"), ("Cartes closes", self.closed, "closes"))


@dataclass(frozen=True)
class PromotionPage:
    promotion: Promotion
    person: str
    person_visible: bool
    card: ProfileCard
    steps: tuple[str, ...]
    next_steps: tuple[tuple[str, str], ...]  # (kind, label) the CRE may record now
    may_manage: bool
    may_send: bool
    immersions: tuple[
        Immersion, ...
    ]  # the immersions proposed from this card, that the user may see
    may_propose_immersion: bool  # "an immersion first", while the card can take that step
    correctable: tuple = ()  # the steps the viewer noted and may correct (promotions.corrections)


def _row(promotion: Promotion, viewer: User | None) -> PromotionRow:
    """A line of a list; `viewer` None for the employer's side (no person at all)."""
    job = promotion.job_label
    label = EMPLOYER_STATUS[promotion.status] if viewer is None else promotion.status_label
    return PromotionRow(
        promotion.id,
        promotion.reference,
        "" if viewer is None else person_label(promotion.profile, viewer),
        promotion.company.name,
        job,
        label,
        TONES.get(promotion.status, ""),
        promotion.sent_at.date() if promotion.sent_at else None,
    )


def cre_overview(user: User, now: datetime) -> CreOverview:
    """The profiles given to the CRE still without a card sent, and the CRE's promotions."""
    sent_by_me = select(Promotion.profile_id).where(
        Promotion.cre_id == user.id, Promotion.sent_at.is_not(None)
    )
    to_promote = db.session.scalars(
        select(ProfileProposal)
        .where(
            ProfileProposal.assigned_cre_id == user.id,
            ProfileProposal.status == "assigned",
            ProfileProposal.profile_id.not_in(sent_by_me),
        )
        .order_by(ProfileProposal.assigned_at)
    ).all()
    promotions = db.session.scalars(
        select(Promotion)
        .where(Promotion.cre_id == user.id)
        .order_by(Promotion.updated_at.desc(), Promotion.id.desc())
        .limit(300)
    ).all()
    rows = [(p.status in CLOSED_STEPS, _row(p, user)) for p in promotions]
    answered = db.session.scalars(
        select(Promotion).where(answered_clause(user, now)).order_by(Promotion.updated_at.desc())
    ).all()
    return CreOverview(
        tuple(to_promote),
        tuple(r for closed, r in rows if not closed),
        tuple(r for closed, r in rows if closed),
        tuple(_row(p, user) for p in answered),
    )


def promotion_page(user: User, promotion: Promotion, today: date) -> PromotionPage:
    may_manage = can(user, "promotion.manage", promotion)
    allowed = NEXT_STEPS.get(promotion.status, ()) if may_manage else ()
    return PromotionPage(
        promotion,
        person_label(promotion.profile, user),
        shows_person(promotion.profile, user),
        card_of(promotion, today),
        tuple(step_text(s) for s in promotion.steps),
        tuple((kind, STEP_KINDS[kind]) for kind in allowed if kind != "sent"),
        may_manage,
        may_manage and promotion.status == "proposed",
        tuple(
            i
            for i in db.session.scalars(
                select(Immersion).where(Immersion.promotion_id == promotion.id)
            )
            if can(user, "immersion.view", i)
        ),
        "immersion" in allowed and can(user, "immersion.create", promotion.profile),
        tuple(correctable_steps(user, promotion)) if may_manage else (),
    )


def employer_rows(user: User) -> list[PromotionRow]:
    """The cards sent to the employer's company, newest first: no name anywhere."""
    organisation = employer_organisation(user)
    if organisation is None:
        return []
    promotions = db.session.scalars(
        select(Promotion)
        .join(Profile)
        .where(
            visible_clause(user, "promotion.view", Promotion),
            Promotion.sent_at.is_not(None),
            Profile.consent_promotion.is_(True),
        )
        .order_by(Promotion.sent_at.desc(), Promotion.id.desc())
    ).all()
    return [_row(p, None) for p in promotions]


def shown_to_employer(user: User, promotion: Promotion) -> bool:
    """A card stays in the employer's space once sent, while the person's consent stands."""
    return (
        promotion.sent_at is not None
        and promotion.profile.consent_promotion
        and can(user, "promotion.view", promotion)
    )


def may_answer(user: User, promotion: Promotion) -> bool:
    """True while the employer's answer is awaited and the user may give it."""
    return promotion.status == "sent" and can(user, "promotion.answer", promotion)
