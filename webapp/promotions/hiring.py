"""What a hire does, in one place, whichever path records it (a card's "embauche" step, an
immersion's assessment): the person's other cards are withdrawn, their proposals to the
cellule closed, a position of the offer filled (the offer "pourvue" when none is left), and
their profile says "hired"."""

from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.cellule.profile_status import set_profile_status
from webapp.cellule.proposals import close_proposals_of
from webapp.core.concurrency import flush_or_conflict
from webapp.core.formatting import date_fr
from webapp.extensions import db
from webapp.offers.editing import fill_position
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.promotions.lifecycle import WORKFLOW
from webapp.promotions.models import CLOSED_STEPS, Promotion
from webapp.promotions.preparing import PROMOTION_CHANGED


def hire_from_profile(actor: User | None, profile: Profile, status_before: str,
                      at: datetime) -> None:
    """The AE set « Embauché » on the profile itself: the same effects as any hire (the
    person's open cards withdrawn, their proposals to the cellule closed)."""
    if profile.status != "hired":
        return
    record_hire(actor, profile, contract=profile.hired_contract, hired_on=profile.hired_on, at=at,
                what="fiche du profil", source="Embauche notée sur le profil")


def record_hire(actor: User, profile: Profile, *, contract: str, hired_on: date, at: datetime,
                what: str, source: str, promotion: Promotion | None = None,
                offer: Offer | None = None) -> None:
    """The person was hired: every effect of a hire, signed by `actor`.

    `what` names the record the hire comes from in the other records' history ("carte P-…",
    "immersion IM-…"); `source` is the line of the profile's history; `promotion` is the card
    that led to it (not withdrawn), `offer` the offer whose position it fills."""
    for other in db.session.scalars(select(Promotion).where(
            Promotion.profile_id == profile.id, Promotion.status.not_in(CLOSED_STEPS),
            *([Promotion.id != promotion.id] if promotion is not None else []))):
        # The hire withdraws every open card, whoever promotes the person there.
        WORKFLOW.advance(other, "withdrawn", actor, at, f"Embauche obtenue par ailleurs ({what}).",
                         checked=True)
    close_proposals_of(profile, at, actor)
    if offer is not None:
        fill_position(actor, offer, f"Embauche : {what}")
    flush_or_conflict(promotion, PROMOTION_CHANGED)
    if (profile.status, profile.hired_contract, profile.hired_on) != ("hired", contract, hired_on):
        set_profile_status(profile, "hired", actor, source, hired_contract=contract,
                           hired_on=hired_on)


def hire_corrected(actor: User, profile: Profile, *, contract: str, hired_on: date, at: datetime,
                   what: str, before: str, promotion: Promotion | None = None) -> None:
    """A recorded hire's date or contract corrected by its author: the person's profile says so,
    the line of its history naming the record and what the hire was (`before`, in words). No
    position of an offer is filled again."""
    if profile.status != "hired":
        return
    record_hire(actor, profile, contract=contract, hired_on=hired_on, at=at, what=what,
                source=f"Embauche corrigée : {what}, début le {date_fr(hired_on)} "
                       f"(au lieu du {before})",
                promotion=promotion)
