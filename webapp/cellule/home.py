"""What the cellule puts on each person's home page: the next session for who runs it, their
actions until done, the profiles a CRE was given to promote, the cards an employer has to answer."""


from sqlalchemy import func, select

from webapp.accounts.home import HomeCard, HomeRequest, count
from webapp.cellule.calendar import next_session
from webapp.cellule.cellules import visible_cellules
from webapp.cellule.models import ProfileProposal
from webapp.cellule.session import open_actions
from webapp.companies.accounts import employer_organisation
from webapp.core.formatting import datetime_fr
from webapp.core.permissions import can, may
from webapp.extensions import db
from webapp.promotions.models import Promotion


def next_session_card(home: HomeRequest) -> HomeCard | None:
    """For who runs a cellule: its next planned session, one click away (None without one)."""
    if not may(home.user, "cellule.run"):
        return None
    upcoming = [found for cellule in visible_cellules(home.user)
                if can(home.user, "cellule.run", cellule) and (found := next_session(cellule, home.now))]
    if not upcoming:
        return None
    session = min(upcoming, key=lambda s: s.scheduled_at)
    people = count(select(func.count(ProfileProposal.id)).where(ProfileProposal.session_id == session.id))
    return HomeCard("Prochaine séance", people,
                    f"personnes proposées · {session.cellule.name}, le {datetime_fr(session.scheduled_at)}",
                    endpoint="cellule.session", params={"session_id": session.id})


def cellule_cards(home: HomeRequest) -> list[HomeCard]:
    """The home cards of the cellule for this user (none when nothing concerns them)."""
    user, now = home.user, home.now
    cards = [card] if (card := next_session_card(home)) else []
    if may(user, "cellule.minute"):
        actions = open_actions(user)
        late = sum(1 for line in actions if line.due_on and line.due_on < now.date())
        cards.append(
            HomeCard(
                "Actions de cellule à faire",
                len(actions),
                f"dont {late} en retard" if late else "décidées en cellule emploi, à votre nom",
                "attention" if late else ("neutral" if actions else "good"),
                endpoint="cellule.my_actions",
            )
        )
    if may(user, "profile.promote"):
        waiting = (
            db.session.scalar(
                select(func.count(ProfileProposal.id)).where(
                    ProfileProposal.assigned_cre_id == user.id,
                    ProfileProposal.status == "assigned",
                    ProfileProposal.profile_id.not_in(
                        select(Promotion.profile_id).where(
                            Promotion.cre_id == user.id, Promotion.sent_at.is_not(None)
                        )
                    ),
                )
            )
            or 0
        )
        cards.append(
            HomeCard(
                "Profils à promouvoir",
                waiting,
                "confiés en cellule, aucune carte envoyée encore",
                "attention" if waiting else "good",
                endpoint="promotions.index",
            )
        )
    organisation = employer_organisation(user) if may(user, "promotion.answer") else None
    if organisation is not None:
        to_answer = (
            db.session.scalar(
                select(func.count(Promotion.id)).where(
                    Promotion.company_id == organisation.company_id, Promotion.status == "sent"
                )
            )
            or 0
        )
        cards.append(
            HomeCard(
                "Profils proposés à examiner",
                to_answer,
                "cartes anonymes envoyées par la task force, en attente de votre réponse",
                "attention" if to_answer else "good",
                endpoint="employer_space.cards",
            )
        )
    return cards
