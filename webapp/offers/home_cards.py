"""The offers' cards on the home page: open offers, new ones, and those about to expire."""

from datetime import date, timedelta

from sqlalchemy import func, select

from webapp.accounts.home import HomeCard, HomeRequest, count
from webapp.accounts.models import User
from webapp.core.permissions import may, visible_clause
from webapp.offers.models import Offer


def expiring_soon(user: User, today: date, days: int = 7) -> int:
    """How many open offers the user may edit end within `days` days."""
    return count(select(func.count(Offer.id)).where(
        visible_clause(user, "offer.edit", Offer), Offer.status == "open",
        Offer.end_date.between(today, today + timedelta(days=days))))


def offer_cards(home: HomeRequest) -> list[HomeCard]:
    """Open offers and the week's new ones for readers; those about to expire for editors."""
    user, cards = home.user, []
    if may(user, "offer.view"):
        offers = visible_clause(user, "offer.view", Offer)
        cards.append(HomeCard(
            "Offres ouvertes", count(select(func.count(Offer.id)).where(offers, Offer.status == "open")),
            "offres ouvertes que vous pouvez consulter", endpoint="offers.pool",
        ))
        cards.append(HomeCard(
            "Nouvelles offres (7 jours)",
            count(select(func.count(Offer.id)).where(offers, Offer.created_at >= home.now - timedelta(days=7))),
            "déposées dans le vivier depuis une semaine", endpoint="offers.pool",
            params={"jours": "7", "statut": "tous"},
        ))
    if may(user, "offer.edit"):
        soon = expiring_soon(user, home.today)
        cards.append(HomeCard(
            "Offres qui expirent sous 7 jours", soon,
            "ouvertes, à prolonger ou à clore avant leur date de fin", "attention" if soon else "good",
            endpoint="offers.pool", params={"expire": "7"},
        ))
    return cards
