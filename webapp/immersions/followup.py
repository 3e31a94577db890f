"""Following immersions: the list, what ends this week, missing assessments, home cards, and the
anonymous counts the indicators read."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select

from webapp.accounts.home import HomeCard, HomeRequest
from webapp.accounts.models import User
from webapp.core.formatting import date_fr
from webapp.core.pagination import Page, paginate
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.immersions.models import (
    IMMERSION_OUTCOMES,
    IMMERSION_STATUSES,
    Immersion,
    ImmersionAssessment,
)
from webapp.immersions.page import STATUS_TONES, immersion_person, immersion_shows

FOCUSES: dict[str, str] = {
    "": "Toutes",
    "ending_this_week": "Se terminent cette semaine",
    "to_assess": "Bilan à faire",
    "to_answer": "Propositions à examiner",
}
RUNNING_STATUSES = ("convention_signed", "under_way")


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of today's week."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def ending_this_week_clause(today: date):
    """SQL: signed or under way, with its last day in today's week."""
    monday, sunday = week_of(today)
    return and_(Immersion.status.in_(RUNNING_STATUSES), Immersion.end_date.between(monday, sunday))


def missing_assessment_clause(today: date):
    """SQL: finished (or past its last day while still under way) and no assessment yet."""
    assessed = Immersion.id.in_(select(ImmersionAssessment.immersion_id))
    finished = or_(Immersion.status == "done",
                   and_(Immersion.status == "under_way", Immersion.end_date < today))
    return and_(finished, ~assessed)


def _focus_clause(focus: str, today: date):
    if focus == "ending_this_week":
        return ending_this_week_clause(today)
    if focus == "to_assess":
        return missing_assessment_clause(today)
    if focus == "to_answer":
        return Immersion.status == "proposed"
    return None


@dataclass(frozen=True)
class ImmersionFilters:
    status: str = ""
    focus: str = ""
    profile_id: int | None = None
    company_id: int | None = None


@dataclass(frozen=True)
class ImmersionRow:
    id: int
    reference: str
    person: str
    company: str
    job: str
    dates: str
    status_label: str
    status_tone: str
    shown_profile_id: int | None = None  # the person named on the row, for the access log


def row_of(immersion: Immersion, viewer: User) -> ImmersionRow:
    return ImmersionRow(
        immersion.id, immersion.reference, immersion_person(immersion, viewer), immersion.company.name,
        immersion.rome.label, f"{date_fr(immersion.start_date)} → {date_fr(immersion.end_date)}",
        immersion.status_label, STATUS_TONES.get(immersion.status, "neutral"),
        immersion.profile_id if immersion_shows(immersion, viewer) else None)


def immersion_list(user: User, filters: ImmersionFilters, today: date, number: int,
                   size: int) -> tuple[Page, list[ImmersionRow]]:
    """One page of the immersions the user may see, soonest end first."""
    statement = select(Immersion).where(visible_clause(user, "immersion.view", Immersion))
    if filters.status in IMMERSION_STATUSES:
        statement = statement.where(Immersion.status == filters.status)
    if (clause := _focus_clause(filters.focus, today)) is not None:
        statement = statement.where(clause)
    if filters.profile_id is not None:
        statement = statement.where(Immersion.profile_id == filters.profile_id)
    if filters.company_id is not None:
        statement = statement.where(Immersion.company_id == filters.company_id)
    page = paginate(statement.order_by(Immersion.end_date.desc(), Immersion.id.desc()), number, size)
    return page, [row_of(immersion, user) for immersion in page.items]


def _count(user: User, action: str, *conditions) -> int:
    return db.session.scalar(select(func.count(Immersion.id)).where(
        visible_clause(user, action, Immersion), *conditions)) or 0


def immersion_cards(home: HomeRequest) -> list[HomeCard]:
    """Home cards: for the referent, what ends this week and the missing assessments; for the
    host employer, the proposals waiting for an answer."""
    user, today = home.user, home.today
    cards: list[HomeCard] = []
    if may(user, "immersion.assess"):
        ending = _count(user, "immersion.view", ending_this_week_clause(today))
        cards.append(HomeCard("Immersions qui se terminent cette semaine", ending,
                              "convention signée ou en cours, dernier jour d'ici dimanche",
                              endpoint="immersions.ending_this_week"))
        missing = _count(user, "immersion.assess", missing_assessment_clause(today))
        cards.append(HomeCard("Bilans d'immersion à faire", missing,
                              "immersions terminées sans bilan ni suite notée",
                              "attention" if missing else "good", endpoint="immersions.to_assess"))
    elif may(user, "immersion.advance"):
        waiting = _count(user, "immersion.advance", Immersion.status == "proposed")
        cards.append(HomeCard("Immersions proposées à votre entreprise", waiting,
                              "à accepter ou à décliner", "attention" if waiting else "good",
                              endpoint="immersions.to_answer"))
    return cards


def status_counts(pole_id: int | None = None, organisation_id: int | None = None) -> dict[str, int]:
    """Anonymous counts of immersions by status (every status present, zero included)."""
    statement = select(Immersion.status, func.count(Immersion.id)).group_by(Immersion.status)
    if pole_id is not None:
        statement = statement.where(Immersion.pole_id == pole_id)
    if organisation_id is not None:
        statement = statement.where(Immersion.organisation_id == organisation_id)
    found = dict(db.session.execute(statement).all())
    return {status: found.get(status, 0) for status in IMMERSION_STATUSES}


def outcome_counts(start: date | None = None, end: date | None = None, pole_id: int | None = None,
                   organisation_id: int | None = None) -> dict[str, int]:
    """Anonymous counts of assessed outcomes, for immersions that ended between start and end."""
    statement = (select(ImmersionAssessment.outcome, func.count(ImmersionAssessment.id))
                 .join(Immersion).group_by(ImmersionAssessment.outcome))
    if start is not None:
        statement = statement.where(Immersion.end_date >= start)
    if end is not None:
        statement = statement.where(Immersion.end_date <= end)
    if pole_id is not None:
        statement = statement.where(Immersion.pole_id == pole_id)
    if organisation_id is not None:
        statement = statement.where(Immersion.organisation_id == organisation_id)
    found = dict(db.session.execute(statement).all())
    return {outcome: found.get(outcome, 0) for outcome in IMMERSION_OUTCOMES}
