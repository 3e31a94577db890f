"""What an offer's page shows beyond the offer's own row (its company, organisation, contact,
CRE, merged sources and history), loaded in a fixed number of statements whatever the length
of its history or the number of offers merged into it."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from webapp.accounts.models import User
from webapp.extensions import db
from webapp.offers.editing import event_label, event_summary
from webapp.offers.models import Offer, OfferEvent, OfferSource


def load_offer_page(offer_id: int) -> Offer | None:
    """The offer with what its page reads (None when there is none): one statement for the
    offer and its relations, one for its sources, one for its history with the people who
    wrote it (their memberships left out). Called before the permission check, it leaves the
    offer in the session, where that check finds it without another statement."""
    statement = select(Offer).where(Offer.id == offer_id).options(
        joinedload(Offer.company), joinedload(Offer.organisation), joinedload(Offer.contact),
        joinedload(Offer.cre).lazyload(User.memberships),
        selectinload(Offer.sources).options(
            joinedload(OfferSource.organisation), joinedload(OfferSource.contact),
            joinedload(OfferSource.cre).lazyload(User.memberships)),
        selectinload(Offer.events).joinedload(OfferEvent.user).options(lazyload(User.memberships)),
    )
    return db.session.scalars(statement).unique().one_or_none()


def offer_history(offer: Offer) -> list[tuple[str, str, str]]:
    """The history, newest first: (badge, who/when/what, note) for each step."""
    return [(event_label(event), event_summary(event), event.note) for event in reversed(offer.events)]
