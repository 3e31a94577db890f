"""Planned actions on targets (call, visit, invitation to an event, profiles sent), with a due
date and an owner; overdue ones on the owner's home page and in the cellule's agenda."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from webapp.accounts.home import HomeCard, HomeRequest
from webapp.accounts.models import User
from webapp.core.concurrency import flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import may
from webapp.extensions import db
from webapp.prospection.models import ACTION_KINDS, ProspectionAction, ProspectionTarget
from webapp.prospection.moves import may_move
from webapp.prospection.solicit import active_mark

SOON_DAYS = 7  # "due this week" on the home page


@dataclass(frozen=True)
class ActionInput:
    """A planned action as typed."""

    kind: str
    due_on: date | None
    owner_id: int | None
    note: str = ""


def action_problems(target: ProspectionTarget, data: ActionInput, today: date) -> dict[str, str]:
    """French field errors of a planned action, empty when it can be saved."""
    problems: dict[str, str] = {}
    if data.kind not in ACTION_KINDS:
        problems["kind"] = "Action : choisissez-la dans la liste."
    if data.due_on is None:
        problems["due_on"] = "Date prévue : indiquez-la."
    elif data.due_on < today:
        problems["due_on"] = f"Date prévue : le {date_fr(data.due_on)} est déjà passé."
    elif (mark := active_mark(target.company_id, today)) and data.due_on <= mark.until:
        problems["due_on"] = (
            f"Date prévue : l'entreprise ne doit pas être sollicitée jusqu'au "
            f"{date_fr(mark.until)} ({mark.reason}). Choisissez une date après celle-ci.")
    if data.owner_id is None or not target.is_shared_with(data.owner_id):
        problems["owner_id"] = ("Responsable : choisissez le pilote ou un CRE qui a rejoint la "
                                "cible.")
    return problems


def plan_action(actor: User, target: ProspectionTarget, data: ActionInput,
                today: date) -> ProspectionAction:
    """Plan an action on the target; Invalid (with `errors`) on bad fields."""
    if not may_move(actor, target):
        raise NotAllowed("Seuls le pilote et les CRE qui ont rejoint la cible planifient.")
    if problems := action_problems(target, data, today):
        raise Invalid(problems)
    action = ProspectionAction(target_id=target.id, kind=data.kind, due_on=data.due_on,
                               owner_id=data.owner_id, note=data.note.strip(),
                               created_by_id=actor.id)
    db.session.add(action)
    db.session.flush()
    return action


def complete_action(actor: User, action: ProspectionAction, now: datetime) -> None:
    """Mark the action done (whoever of the target's CREs did it)."""
    if not may_move(actor, action.target):
        raise NotAllowed("Seuls le pilote et les CRE qui ont rejoint la cible la mettent à jour.")
    if action.done_at is not None:
        raise Invalid("Cette action est déjà faite.", "action")
    action.done_at, action.done_by_id = now, actor.id
    flush_or_conflict(action, "Cette action vient d'être modifiée par quelqu'un d'autre : "
                      "rechargez la page.")


def open_actions(target: ProspectionTarget) -> list[ProspectionAction]:
    """The target's actions not done yet, soonest first."""
    return list(db.session.scalars(select(ProspectionAction).where(
        ProspectionAction.target_id == target.id, ProspectionAction.done_at.is_(None))
        .order_by(ProspectionAction.due_on, ProspectionAction.id)))


def owner_actions(user: User, until: date) -> list[ProspectionAction]:
    """The user's open actions due on or before `until`, soonest first."""
    return list(db.session.scalars(select(ProspectionAction).where(
        ProspectionAction.owner_id == user.id, ProspectionAction.done_at.is_(None),
        ProspectionAction.due_on <= until)
        .order_by(ProspectionAction.due_on, ProspectionAction.id)))


def due_clause(pole_ids: tuple[int, ...] | None, until: date):
    """SQL, on ProspectionAction joined to its ProspectionTarget: the open actions of these
    pôles' plans (every pôle for None) due on or before `until`, overdue ones included."""
    clause = ProspectionAction.done_at.is_(None) & (ProspectionAction.due_on <= until)
    return clause & ProspectionTarget.pole_id.in_(pole_ids) if pole_ids is not None else clause


def is_overdue(action: ProspectionAction, today: date) -> bool:
    """Not done and due before today."""
    return action.done_at is None and action.due_on < today


def action_line(action: ProspectionAction) -> str:
    """« Appel – Boulangerie du Panier, prévu le 22/11/2026 (Nom) »."""
    return (f"{action.kind_label} – {action.target.company.name}, prévu le "
            f"{date_fr(action.due_on)} ({action.owner.display_name})")


def prospection_cards(home: HomeRequest) -> list[HomeCard]:
    """Home cards of a CRE: overdue prospection actions, and those due within a week."""
    user, today = home.user, home.today
    if not may(user, "prospection.lead"):
        return []
    mine = owner_actions(user, today + timedelta(days=SOON_DAYS))
    overdue = sum(1 for action in mine if is_overdue(action, today))
    return [
        HomeCard("Actions de prospection en retard", overdue,
                 "appels, visites, invitations ou envois de profils dépassés",
                 "attention" if overdue else "good", endpoint="prospection.my_actions"),
        HomeCard(f"Actions de prospection sous {SOON_DAYS} jours", len(mine) - overdue,
                 "prévues d'ici une semaine", endpoint="prospection.my_actions"),
    ]
