"""Correcting a recorded step: its author fixes the date or the note of a step they noted (an
interview day, a hire's first day typed wrong). The step keeps the log of its corrections
(who, when, what it was); a hire's corrected date reaches the person's profile and its history."""

from datetime import date, datetime

from webapp.accounts.models import User
from webapp.core.dates import STEP, horizon_problem
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.extensions import db
from webapp.promotions.hiring import hire_corrected
from webapp.promotions.models import Promotion, PromotionStep

DATED = ("interested", "interview", "immersion", "hired")
CORRECTABLE = (*DATED, "not_interested", "not_hired")


def is_author(user: User, author_id: int | None) -> bool:
    """The one rule of corrections: only the author of a record corrects it (a record signed by
    the platform has none). Promotion steps and immersion hires both follow it."""
    return author_id is not None and author_id == user.id


def may_correct(user: User, step: PromotionStep) -> bool:
    return step.kind in CORRECTABLE and is_author(user, step.by_id)


def with_correction(details: dict, actor: User, now: datetime, changes: dict) -> dict:
    """`details` with one more entry in its log of corrections (who, when, what it was): a new
    dict, so that a JSON column sees the change."""
    log = [*details.get("corrections", []),
           {"at": now.isoformat(), "by": actor.display_name, "changes": changes}]
    return {**details, "corrections": log}


def correctable_steps(user: User, promotion: Promotion) -> list[PromotionStep]:
    return [step for step in promotion.steps if may_correct(user, step)]


def correct_step(actor: User, promotion: Promotion, step_id: int | None, on: date | None,
                 note: str, now: datetime) -> PromotionStep:
    """Save the corrected date and note of one of the actor's steps, logging the change."""
    step = db.session.get(PromotionStep, step_id) if step_id else None
    if step is None or step.promotion_id != promotion.id or not may_correct(actor, step):
        raise NotAllowed("Seul l'auteur d'une étape peut la corriger.")
    problems = {}
    if step.kind in DATED and on is None:
        problems["on"] = "Date : indiquez la date corrigée."
    elif step.kind in DATED and (problem := horizon_problem(on, "Date", STEP, now.date())):
        problems["on"] = problem
    if problems:
        raise Invalid(problems)
    changes = {}
    if step.kind in DATED and on != step.on:
        changes["on"] = [date_fr(step.on), date_fr(on)]
    if note.strip() != step.note:
        changes["note"] = [step.note, note.strip()]
    if not changes:
        raise Invalid("Rien à corriger : la date et la note sont celles déjà notées.")
    step.details = with_correction(step.details, actor, now, changes)
    step.on = on if step.kind in DATED else step.on
    step.note = note.strip()
    db.session.flush()
    profile = promotion.profile
    if step.kind == "hired" and "on" in changes and profile.status == "hired":
        hire_corrected(actor, profile, contract=step.details.get("contract") or profile.hired_contract,
                       hired_on=on, at=now, what=f"carte {promotion.reference}",
                       before=changes["on"][0], promotion=promotion)
    return step


def correction_text(step: PromotionStep) -> str:
    """The corrections of a step in words, for its line in the timeline ("" when none)."""
    parts = []
    for entry in step.details.get("corrections", []):
        what = []
        if "on" in entry["changes"]:
            before, after = entry["changes"]["on"]
            what.append(f"date {before} → {after}")
        if "contract" in entry["changes"]:
            what.append("contrat")
        if "note" in entry["changes"]:
            what.append("note")
        when = date_fr(datetime.fromisoformat(entry["at"]))
        parts.append(f"corrigé le {when} par {entry['by']} ({', '.join(what)})")
    return " ; ".join(parts)
