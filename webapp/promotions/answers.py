"""The employers' answers a CRE has not acted on yet: a home card and the badge of the menu's
« Mes promotions »."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from webapp.accounts.home import HomeCard, HomeRequest, count
from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.permissions import may
from webapp.promotions.models import Promotion, PromotionStep

ANSWERS = ("interested", "not_interested")
ANSWER_DAYS = 14  # an answer stays news for two weeks, or until the CRE takes the next step


def answered_clause(user: User, now: datetime):
    """The user's cards whose employer answered lately and that still stand at that answer."""
    recent = select(PromotionStep.promotion_id).where(
        PromotionStep.kind.in_(ANSWERS), PromotionStep.at >= now - timedelta(days=ANSWER_DAYS))
    return (Promotion.cre_id == user.id) & Promotion.status.in_(ANSWERS) & Promotion.id.in_(recent)


def answered_count(user: User, now: datetime | None = None) -> int:
    """How many employers answered the user's cards lately (0 for who promotes no one)."""
    if not may(user, "profile.promote"):
        return 0
    return count(select(func.count(Promotion.id)).where(answered_clause(user, now or clock.now())))


def answer_cards(home: HomeRequest) -> list[HomeCard]:
    """The CRE's card: employers who answered, leading to « Mes promotions »."""
    if not may(home.user, "profile.promote"):
        return []
    answered = answered_count(home.user, home.now)
    return [HomeCard("Réponses d'employeurs", answered,
                     f"cartes auxquelles l'employeur a répondu depuis {ANSWER_DAYS} jours",
                     "attention" if answered else "neutral", endpoint="promotions.index",
                     params={"_anchor": "reponses"})]
