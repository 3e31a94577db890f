"""Promotion de profils: a CRE prepares a card for an employer and sends it, after the warnings
against over-solicitation (same employer twice, too many employers at once, too many cards in a
week) have been read and confirmed."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.accounts.recipients import employer_user_ids
from webapp.cellule.cellules import cellule_of_pole
from webapp.cellule.profile_status import settle_profile_status
from webapp.cellule.proposals import open_proposal
from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company
from webapp.core.clock import aware
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.notify import notify, record_path
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.consent import require_promotable, share_profile
from webapp.profiles.models import Profile
from webapp.promotions.card import freeze_card
from webapp.promotions.lifecycle import WORKFLOW, add_step
from webapp.promotions.models import CLOSED_STEPS, Promotion

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class PromotionLimits:
    """The thresholds above which sending a card asks for a confirmation."""

    max_employers_per_profile: int = 3
    max_cards_per_employer_week: int = 5


class NeedsConfirmation(Conflict):
    """Sending would over-solicit someone: the warnings, to read before confirming."""

    def __init__(self, warnings: list[str]):
        super().__init__("Avant d'envoyer, lisez ces alertes puis confirmez l'envoi.")
        self.warnings = warnings


def limits_of(promotion: Promotion) -> PromotionLimits:
    """The thresholds of the cellule the promotion goes through (defaults without one)."""
    cellule = promotion.cellule
    if cellule is None:
        return PromotionLimits()
    return PromotionLimits(cellule.max_employers_per_profile, cellule.max_cards_per_employer_week)


PROMOTION_CHANGED = ("Cette promotion vient d'être modifiée par quelqu'un d'autre : "
                     "rechargez la page pour voir où elle en est.")



def create_promotion(
    actor: User, profile: Profile, company: Company | None, offer: Offer | None, now: datetime
) -> Promotion:
    """A card in preparation for one employer, for one of its offers or spontaneously."""
    if not can(actor, "profile.promote", profile):
        raise NotAllowed(
            f"{profile.display_label} n'a pas été proposé(e) à une cellule emploi dont vous "
            "êtes membre : vous ne pouvez pas promouvoir ce profil."
        )
    require_promotable(profile)
    if offer is not None:
        if (
            offer.company_id is None
            or offer.status != "open"
            or not can(actor, "offer.view", offer)
        ):
            raise Invalid(
                "Offre : choisissez une offre ouverte d'une entreprise de l'annuaire.", "offer_id"
            )
        company = offer.company
    company = resolve_merged(company)
    if company is None:
        raise Invalid("Employeur : choisissez une entreprise dans la liste.", "company_id")
    if db.session.scalar(
        select(Promotion.id).where(
            Promotion.profile_id == profile.id,
            Promotion.company_id == company.id,
            Promotion.status == "proposed",
        )
    ):
        raise Invalid(
            f"Une carte pour {company.name} est déjà en préparation pour ce profil : "
            "ouvrez-la plutôt que d'en créer une autre.",
            "company_id",
        )
    proposal = open_proposal(profile)
    promotion = Promotion(
        profile=profile,
        company=company,
        offer=offer,
        cre_id=actor.id,
        cellule=proposal.cellule if proposal else cellule_of_pole(profile.pole_id),
        proposal=proposal,
        vouching=proposal.vouching if proposal else "",
        created_at=now,
    )
    db.session.add(promotion)
    add_step(promotion, "proposed", actor, now)
    share_profile(profile, actor, "promotion", actor)
    db.session.flush()
    return promotion


def send_warnings(promotion: Promotion, now: datetime) -> list[str]:
    """What sending this card now would overdo, in French (empty when nothing)."""
    limits, profile, company = limits_of(promotion), promotion.profile, promotion.company
    sent = Promotion.sent_at.is_not(None) & (Promotion.id != promotion.id)
    warnings = []
    earlier = db.session.scalars(
        select(Promotion)
        .where(sent, Promotion.profile_id == profile.id, Promotion.company_id == company.id)
        .order_by(Promotion.sent_at)
    ).all()
    if earlier:
        first = earlier[0]
        warnings.append(
            f"Ce profil a déjà été présenté à {company.name} le {date_fr(aware(first.sent_at))} "
            f"(carte {first.reference}, « {first.status_label} »)."
        )
    employers = (
        db.session.scalar(
            select(func.count(func.distinct(Promotion.company_id))).where(
                sent,
                Promotion.profile_id == profile.id,
                Promotion.company_id != company.id,
                Promotion.status.not_in(CLOSED_STEPS),
            )
        )
        or 0
    )
    if employers + 1 > limits.max_employers_per_profile:
        warnings.append(
            f"Avec cet envoi, ce profil serait présenté à {employers + 1} employeurs en même "
            f"temps (seuil de la cellule : {limits.max_employers_per_profile})."
        )
    this_week = (
        db.session.scalar(
            select(func.count(Promotion.id)).where(
                sent, Promotion.company_id == company.id, Promotion.sent_at >= now - WEEK
            )
        )
        or 0
    )
    if this_week + 1 > limits.max_cards_per_employer_week:
        warnings.append(
            f"{company.name} a déjà reçu {this_week} carte(s) ces 7 derniers jours ; avec "
            f"celle-ci, {this_week + 1} (seuil de la cellule : "
            f"{limits.max_cards_per_employer_week} par semaine)."
        )
    return warnings


def send_promotion(
    actor: User,
    promotion: Promotion,
    now: datetime,
    confirmed: bool = False,
    version: int | None = None,
) -> list[str]:
    """Send the card; NeedsConfirmation until the warnings are confirmed. The warnings overridden."""
    if not can(actor, "promotion.manage", promotion):
        raise NotAllowed("Seul le CRE qui prépare cette carte peut l'envoyer.")
    check_version(promotion, version, "Cette carte vient d'être modifiée : rechargez la page.")
    if promotion.status != "proposed":
        raise Invalid(f"Cette carte a déjà été envoyée (« {promotion.status_label} »).")
    require_promotable(promotion.profile)
    warnings = send_warnings(promotion, now)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    promotion.sent_at = now
    freeze_card(promotion, now)
    note = ("Envoyée malgré les alertes : " + " ".join(warnings)) if warnings else ""
    WORKFLOW.advance(promotion, "sent", actor, now, note)
    flush_or_conflict(promotion, PROMOTION_CHANGED)
    settle_profile_status(
        promotion.profile, actor, f"Carte {promotion.reference} envoyée à {promotion.company.name}"
    )
    notify("card_received", employer_user_ids(promotion.company_id), record_type="promotion",
           record_id=promotion.id, url=record_path("employer_space.card", promotion_id=promotion.id),
           params={"card": promotion.reference, "job": card_job(promotion)})
    return warnings


def card_job(promotion: Promotion) -> str:
    """The job a card is about, as the e-mails name it."""
    return promotion.offer.title if promotion.offer is not None else "candidature spontanée"
