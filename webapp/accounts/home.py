"""What is waiting for each person on their home page: cards, each a count that leads to the
list it counts. Every feature contributes its cards (`registries.home_cards`, filled by
webapp/contributions.py); the accounts' own are the administrator's."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock, registries
from webapp.core.clock import PARIS
from webapp.core.formatting import number_fr
from webapp.core.permissions import may
from webapp.extensions import db


@dataclass(frozen=True)
class HomeCard:
    title: str
    value: int
    explanation: str
    tone: str = "neutral"  # neutral, attention, good
    endpoint: str | None = None  # the page where the waiting things are
    params: dict[str, str] = field(default_factory=dict)  # its filters (`_anchor`: its section)
    shown: str = ""  # a figure given as text (« 46 % », « < 5 »), shown instead of `value`

    @property
    def display(self) -> str:
        """The figure as the card shows it."""
        return self.shown or number_fr(self.value)


@dataclass(frozen=True)
class HomeRequest:
    """Whose home page, and when: what every card provider receives."""

    user: User
    now: datetime
    stale_weeks: int = 8  # STALE_PROFILE_WEEKS

    @property
    def today(self) -> date:
        return self.now.astimezone(PARIS).date()


def count(statement, parameters: dict | None = None) -> int:
    """The number a card shows: the scalar of a COUNT statement."""
    return db.session.scalar(statement, parameters) or 0


def home_cards(user: User, now: datetime | None = None, stale_weeks: int = 8) -> list[HomeCard]:
    """The cards of a user's home page, from what their roles let them see."""
    home = HomeRequest(user, now or clock.now(), stale_weeks)
    return [card for provider in registries.home_cards for card in provider(home)]


def admin_cards(home: HomeRequest) -> list[HomeCard]:
    """The administrator's cards: accounts and organisations that can work."""
    if not may(home.user, "admin.manage"):
        return []
    return [
        HomeCard("Comptes actifs", count(select(func.count(User.id)).where(User.active)),
                 "utilisateurs pouvant se connecter", endpoint="accounts.users"),
        HomeCard("Organisations", count(select(func.count(Organisation.id)).where(Organisation.active)),
                 "structures partenaires et employeurs", endpoint="accounts.organisations"),
    ]
