"""Where a person stands with the cellule: put forward, given to a CRE, cards sent and what
the employers answered. For the AE's list of their people and the profile page."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.cellule.cellules import cellule_of_pole
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import promotions_of, proposals_of
from webapp.core.clock import aware
from webapp.core.formatting import date_fr
from webapp.core.permissions import can, may, visible_clause
from webapp.extensions import db
from webapp.profiles.consent import can_be_promoted
from webapp.profiles.models import Profile
from webapp.promotions.models import CLOSED_STEPS, Promotion
from webapp.promotions.steps import step_text

STEP_ORDER = ("proposed", "sent", "interested", "interview", "immersion")


@dataclass(frozen=True)
class PromotionLine:
    promotion_id: int
    reference: str
    employer: str
    status_label: str
    cre: str
    closed: bool
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Journey:
    profile_id: int
    label: str
    status_label: str
    stage: str
    proposals: tuple[str, ...]
    promotions: tuple[PromotionLine, ...]
    may_put_forward: bool
    put_forward_refusal: str
    may_promote: bool


def _employer(promotion: Promotion) -> str:
    offer = (
        f" (offre « {promotion.offer.title} »)" if promotion.offer else " (candidature spontanée)"
    )
    return f"{promotion.company.name}{offer}"


def proposal_text(proposal: ProfileProposal) -> str:
    when = date_fr(proposal.session.starts_at)
    if proposal.status == "pending":
        return f"Proposé(e) à la {proposal.cellule.name}, séance du {when}"
    if proposal.status == "assigned":
        return f"Confié(e) à {proposal.assigned_cre.display_name} à la séance du {when}"
    return f"{proposal.status_label} (séance du {when})"


def stage_text(proposals: list[ProfileProposal], promotions: list[Promotion]) -> str:
    """Where the person stands, in one sentence."""
    hired = next((p for p in promotions if p.status == "hired"), None)
    if hired is not None:
        return f"Embauché(e) chez {hired.company.name} (carte {hired.reference})"
    open_cards = [p for p in promotions if p.status not in CLOSED_STEPS and p.sent_at]
    if open_cards:
        furthest = max(open_cards, key=lambda p: STEP_ORDER.index(p.status))
        others = f" et {len(open_cards) - 1} autre(s) employeur(s)" if len(open_cards) > 1 else ""
        return f"{furthest.status_label} : {furthest.company.name}{others}"
    current = next((p for p in proposals if p.is_open), None)
    if current is not None:
        return proposal_text(current)
    if promotions:
        return f"Dernière carte : {promotions[0].company.name}, « {promotions[0].status_label} »"
    return "Pas encore proposé(e) à la cellule"


def promotion_line(promotion: Promotion) -> PromotionLine:
    return PromotionLine(
        promotion.id,
        promotion.reference,
        _employer(promotion),
        promotion.status_label,
        promotion.cre.display_name,
        promotion.is_closed,
        tuple(step_text(step) for step in promotion.steps),
    )


def _refusal(viewer: User, profile: Profile, proposals: list[ProfileProposal]) -> str:
    if not can(viewer, "proposal.create", profile):
        return "Seul l'accompagnateur de la personne la propose à la cellule."
    if not can_be_promoted(profile):
        return (
            "Sans l'accord de la personne pour être présentée aux employeurs (ou dans sa situation "
            "actuelle), elle ne peut pas être proposée à la cellule."
        )
    if any(p.is_open for p in proposals):
        return "Déjà proposée : la cellule s'en occupe."
    if cellule_of_pole(profile.pole_id) is None:
        return "Aucune cellule emploi ne couvre encore le territoire de la personne."
    return ""


def journey(viewer: User, profile: Profile) -> Journey:
    """The person's way through the cellule, as this viewer may see it."""
    proposals = proposals_of([profile.id])[profile.id]
    promotions = [
        p for p in promotions_of([profile.id])[profile.id] if can(viewer, "promotion.view", p)
    ]
    refusal = _refusal(viewer, profile, proposals)
    return Journey(
        profile.id,
        profile.display_label,
        profile.status_label,
        stage_text(proposals, promotions),
        tuple(proposal_text(p) for p in proposals),
        tuple(promotion_line(p) for p in promotions),
        may_put_forward=not refusal,
        put_forward_refusal=refusal if may(viewer, "proposal.create") else "",
        may_promote=can(viewer, "profile.promote", profile) and can_be_promoted(profile),
    )


@dataclass(frozen=True)
class StandingRow:
    profile_id: int
    label: str
    status_label: str
    stage: str
    since: datetime


def standing_rows(user: User) -> list[StandingRow]:
    """The user's people who went through the cellule, most recent movement first."""
    touched = select(ProfileProposal.profile_id).union(select(Promotion.profile_id))
    profiles = db.session.scalars(
        select(Profile).where(
            visible_clause(user, "profile.caseload", Profile), Profile.id.in_(touched)
        )
    ).all()
    ids = [p.id for p in profiles]
    proposals, promotions = proposals_of(ids), promotions_of(ids)
    rows = []
    for profile in profiles:
        moments = [p.updated_at for p in proposals[profile.id]] + [
            p.updated_at for p in promotions[profile.id]
        ]
        rows.append(
            StandingRow(
                profile.id,
                profile.display_label,
                profile.status_label,
                stage_text(proposals[profile.id], promotions[profile.id]),
                max(aware(moment) for moment in moments),
            )
        )
    return sorted(rows, key=lambda row: (row.since, row.profile_id), reverse=True)
