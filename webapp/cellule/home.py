"""What the cellule puts on each person's home page: their actions until done, the profiles a
CRE was given to promote, the cards an employer has to answer."""


from sqlalchemy import func, select

from webapp.accounts.home import HomeCard, HomeRequest
from webapp.cellule.models import ProfileProposal
from webapp.cellule.session import open_actions
from webapp.companies.accounts import employer_organisation
from webapp.core.permissions import may
from webapp.extensions import db
from webapp.promotions.models import Promotion


def cellule_cards(home: HomeRequest) -> list[HomeCard]:
    """The home cards of the cellule for this user (none when nothing concerns them)."""
    user, now = home.user, home.now
    cards = []
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
