"""What is waiting for each person on their home page."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile


@dataclass(frozen=True)
class HomeCard:
    title: str
    value: int
    explanation: str
    tone: str = "neutral"  # neutral, attention, good
    endpoint: str | None = None  # the page where the waiting things are


def _count(statement) -> int:
    return db.session.scalar(statement) or 0


def home_cards(user: User, now: datetime | None = None, stale_weeks: int = 8) -> list[HomeCard]:
    """The cards of a user's home page, from what their roles let them see."""
    now = now or clock.now()
    cards: list[HomeCard] = []
    if may(user, "profile.caseload"):  # a CRE's shared profiles are not a caseload
        caseload = visible_clause(user, "profile.caseload", Profile)
        active = Profile.status != "left"
        cards.append(HomeCard(
            "Personnes suivies",
            _count(select(func.count(Profile.id)).where(caseload, active)),
            "profils en accompagnement que vous pouvez consulter", endpoint="profiles.caseload",
        ))
        stale = _count(select(func.count(Profile.id)).where(
            caseload, active, Profile.updated_at < now - timedelta(weeks=stale_weeks)
        ))
        cards.append(HomeCard(
            "Profils à mettre à jour", stale,
            f"sans mise à jour depuis plus de {stale_weeks} semaines",
            "attention" if stale else "good", endpoint="profiles.caseload",
        ))
        ready = _count(select(func.count(Profile.id)).where(
            caseload, Profile.job_ready, Profile.status == "accompaniment"
        ))
        cards.append(HomeCard("Prêts pour l'emploi", ready, "proches de l'emploi, pas encore proposés",
                              endpoint="profiles.caseload"))
    if may(user, "offer.view"):
        offers = visible_clause(user, "offer.view", Offer)
        cards.append(HomeCard(
            "Offres ouvertes",
            _count(select(func.count(Offer.id)).where(offers, Offer.status == "open")),
            "offres ouvertes que vous pouvez consulter", endpoint="offers.pool",
        ))
        week_ago = now - timedelta(days=7)
        cards.append(HomeCard(
            "Nouvelles offres (7 jours)",
            _count(select(func.count(Offer.id)).where(offers, Offer.created_at >= week_ago)),
            "déposées dans le vivier depuis une semaine", endpoint="offers.pool",
        ))
    if may(user, "offer.edit"):
        from webapp.offers.editing import expiring_soon

        soon = expiring_soon(user, now.date())
        cards.append(HomeCard(
            "Offres qui expirent sous 7 jours", soon,
            "ouvertes, à prolonger ou à clore avant leur date de fin", "attention" if soon else "good",
        ))
    if may(user, "need.take") or may(user, "need.create") or may(user, "registration.decide"):
        from webapp.needs.queue import need_cards  # it builds HomeCards: import late

        cards.extend(need_cards(user, now))
    if may(user, "cellule.minute") or may(user, "profile.promote") or may(user, "promotion.answer"):
        from webapp.cellule.home import cellule_cards  # builds HomeCards: import late

        cards.extend(cellule_cards(user, now))
    if may(user, "immersion.view"):
        from webapp.immersions.followup import immersion_cards  # builds HomeCards: late

        cards.extend(immersion_cards(user, now))
    if may(user, "prospection.lead"):  # CREs: their own prospection actions
        from webapp.prospection.actions import prospection_cards  # builds HomeCards

        cards.extend(prospection_cards(user, now.date()))
    if may(user, "admin.manage"):
        cards.append(HomeCard("Comptes actifs", _count(
            select(func.count(User.id)).where(User.active)), "utilisateurs pouvant se connecter"))
        cards.append(HomeCard("Organisations", _count(
            select(func.count(Organisation.id)).where(Organisation.active)), "structures partenaires et employeurs"))
    return cards
