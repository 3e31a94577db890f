"""Moving a target on the board: every stage change is an entry of the contact log, and two
CREs moving the same card at once never overwrite each other (version column)."""

from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import datetime_fr
from webapp.core.permissions import can
from webapp.core.workflow import Move, Workflow, permission
from webapp.extensions import db
from webapp.prospection.contacts import (
    DEFAULT_QUIET_DAYS,
    ContactInput,
    contact_problems,
    log_contact,
)
from webapp.prospection.models import TARGET_STAGES, CompanyContactLog, ProspectionTarget

STAGE_NEEDS_LOG = ("Changement d'étape : il s'inscrit au journal des échanges. Dites en quelques "
                   "mots ce qui s'est passé (échange ou décision).")
KEPT = "Rien n'a été enregistré ; votre saisie est conservée ci-dessous."


def _write_log(target: ProspectionTarget, move: Move, from_stage: str, actor: User,
               at: datetime, note: str, details: dict) -> CompanyContactLog:
    """The stage change is an entry of the company's contact log (the exchange that explains it)."""
    entry = log_contact(actor, target.company, details["contact"], today=at.date(),
                        quiet_days=details["quiet_days"], confirmed=details["confirmed"],
                        target=target, stage_from=from_stage, stage_to=move.target)
    target.stage_changed_at = at
    return entry


# The board (core.workflow): a card goes from any stage to any other, moved by its lead or a
# CRE who joined it; the move's key is the stage it leads to.
WORKFLOW = Workflow(
    tuple(Move(stage, label, tuple(s for s in TARGET_STAGES if s != stage), stage,
               permission("prospection.edit")) for stage, label in TARGET_STAGES.items()),
    _write_log,
    state="stage",
)


def next_stage(stage: str) -> str:
    """The stage a card usually moves to next (the last one stays): what the form proposes."""
    order = [s for s in TARGET_STAGES if s != "dropped"]
    return order[min(order.index(stage) + 1, len(order) - 1)] if stage in order else stage


def may_move(user: User, target: ProspectionTarget) -> bool:
    """The lead and the CREs who joined (and administrators) move the card."""
    return can(user, "prospection.edit", target)


def last_move(target: ProspectionTarget) -> CompanyContactLog | None:
    """The log entry of the target's latest stage change."""
    return db.session.scalars(select(CompanyContactLog).where(
        CompanyContactLog.target_id == target.id, CompanyContactLog.stage_to.is_not(None))
        .order_by(CompanyContactLog.id.desc())).first()


def moved_message(target: ProspectionTarget) -> str:
    """Who moved the card meanwhile, to which stage, when."""
    move = last_move(target)
    who = (f"{move.author.display_name} ({move.organisation.name}), le "
           f"{datetime_fr(move.created_at)}," if move else "quelqu'un")
    return (f"Pendant votre saisie, {who} a passé cette cible à l'étape « {target.stage_label} ». "
            f"{KEPT} Vérifiez l'étape voulue, puis enregistrez à nouveau.")


def move_problems(target: ProspectionTarget, stage: str, contact: ContactInput,
                  dropped_reason: str, today: date) -> dict[str, str]:
    """French field errors of a move, the log entry's included."""
    problems = contact_problems(contact, today)
    if stage not in TARGET_STAGES:
        problems["stage"] = "Nouvelle étape : choisissez-la dans la liste."
    elif stage == target.stage:
        problems["stage"] = f"Nouvelle étape : la cible est déjà « {target.stage_label} »."
    if not contact.summary.strip():
        problems["summary"] = STAGE_NEEDS_LOG
    if stage == "dropped" and not dropped_reason.strip():
        problems["dropped_reason"] = "Motif de l'abandon : dites pourquoi la cible est abandonnée."
    return problems


def move_target(actor: User, target: ProspectionTarget, stage: str, contact: ContactInput,
                version: int, *, now: datetime, dropped_reason: str = "",
                quiet_days: int = DEFAULT_QUIET_DAYS, confirmed: bool = False) -> CompanyContactLog:
    """Move the target to `stage`, with the log entry that explains it.

    Conflict when the card changed since `version`; Invalid on bad fields (a move
    without its log entry included); SolicitationWarning as for any exchange."""
    if not may_move(actor, target):
        raise NotAllowed("Seuls le pilote et les CRE qui ont rejoint la cible la déplacent.")
    check_version(target, version, lambda: moved_message(target))
    if problems := move_problems(target, stage, contact, dropped_reason, now.date()):
        raise Invalid(problems)
    entry = WORKFLOW.advance(target, stage, actor, now, contact=contact, quiet_days=quiet_days,
                             confirmed=confirmed)
    target.dropped_reason = dropped_reason.strip() if stage == "dropped" else ""
    flush_or_conflict(
        target, f"Quelqu'un vient de déplacer cette cible au même instant. {KEPT} Rechargez la "
        "page pour voir son étape, puis recommencez.")
    return entry
