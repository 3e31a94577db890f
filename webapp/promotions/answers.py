"""The employers' answers a CRE has not acted on yet: a home card and the badge of the menu's
« Mes promotions »."""

from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import bindparam, func, select

from webapp.accounts.home import HomeCard, HomeRequest, count
from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.permissions import may
from webapp.promotions.models import Promotion, PromotionStep

ANSWERS = ("interested", "not_interested")
ANSWER_DAYS = 14  # an answer stays news for two weeks, or until the CRE takes the next step


def _answered(cre_id, since):
    """The rule: the cards of `cre_id` whose employer answered since `since` and that still
    stand at that answer (values or bound parameters)."""
    recent = select(PromotionStep.promotion_id).where(
        PromotionStep.kind.in_(ANSWERS), PromotionStep.at >= since)
    return (Promotion.cre_id == cre_id) & Promotion.status.in_(ANSWERS) & Promotion.id.in_(recent)


def answered_clause(user: User, now: datetime):
    """The user's cards whose employer answered lately and that still stand at that answer."""
    return _answered(user.id, now - timedelta(days=ANSWER_DAYS))


@cache
def _answered_count_statement():
    """Built once per process: the count runs on every page a CRE opens (the menu's badge)."""
    return select(func.count(Promotion.id)).where(_answered(bindparam("cre_id"), bindparam("since")))


def answered_count(user: User, now: datetime | None = None) -> int:
    """How many employers answered the user's cards lately (0 for who promotes no one)."""
    if not may(user, "profile.promote"):
        return 0
    since = (now or clock.now()) - timedelta(days=ANSWER_DAYS)
    return count(_answered_count_statement(), {"cre_id": user.id, "since": since})


def answer_cards(home: HomeRequest) -> list[HomeCard]:
    """The CRE's card: employers who answered, leading to « Mes promotions »."""
    if not may(home.user, "profile.promote"):
        return []
    answered = answered_count(home.user, home.now)
    return [HomeCard("Réponses d'employeurs", answered,
                     f"cartes auxquelles l'employeur a répondu depuis {ANSWER_DAYS} jours",
                     "attention" if answered else "neutral", endpoint="promotions.index",
                     params={"_anchor": "reponses"})]
