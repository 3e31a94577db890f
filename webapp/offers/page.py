"""What an offer's page shows beyond the offer's own row (its company, organisation, contact,
CRE, merged sources and history), loaded in a fixed number of statements whatever the length
of its history or the number of offers merged into it."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from webapp.accounts.models import User
from webapp.extensions import db
from webapp.offers.editing import event_label, event_summary
from webapp.offers.models import Offer, OfferEvent, OfferSource


def load_offer_page(offer: Offer) -> Offer:
    """The offer with what its page reads: one statement for the offer's relations, one for its
    sources, one for its history with the people who wrote it (their memberships left out)."""
    statement = select(Offer).where(Offer.id == offer.id).options(
        joinedload(Offer.company), joinedload(Offer.organisation), joinedload(Offer.contact),
        joinedload(Offer.cre).lazyload(User.memberships),
        selectinload(Offer.sources).options(
            joinedload(OfferSource.organisation), joinedload(OfferSource.contact),
            joinedload(OfferSource.cre).lazyload(User.memberships)),
        selectinload(Offer.events).joinedload(OfferEvent.user).options(lazyload(User.memberships)),
    )
    return db.session.scalars(statement).unique().one()


def offer_history(offer: Offer) -> list[tuple[str, str, str]]:
    """The history, newest first: (badge, who/when/what, note) for each step."""
    return [(event_label(event), event_summary(event), event.note) for event in reversed(offer.events)]
