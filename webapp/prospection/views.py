"""What several prospection pages share: errors onto fields, the quiet period, the contact log
rows with their one-click buttons, and everything the target page shows."""

from dataclasses import dataclass

from flask import current_app

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.permissions import can, may
from webapp.offers.editing import creating_organisations
from webapp.prospection import plan as plan_service
from webapp.prospection.actions import is_overdue, open_actions
from webapp.prospection.contacts import DEFAULT_QUIET_DAYS, company_log
from webapp.prospection.detected_needs import may_convert
from webapp.prospection.forms import ActionForm, MoveForm, ReassignForm, RequestForm
from webapp.prospection.models import TARGET_STAGES, CompanyContactLog, ProspectionTarget
from webapp.prospection.moves import may_move, next_stage
from webapp.prospection.solicit import active_mark, mark_sentence


def quiet_days() -> int:
    """PROSPECTION_QUIET_DAYS: how recent another organisation's contact must be to warn."""
    return int(current_app.config.get("PROSPECTION_QUIET_DAYS", DEFAULT_QUIET_DAYS))


@dataclass(frozen=True)
class LogRow:
    """One exchange of the contact log, with the buttons this reader may use on it."""

    entry: CompanyContactLog
    stage_change: str
    may_make_need: bool
    may_make_offer: bool


def log_rows(user: User, entries: list[CompanyContactLog]) -> list[LogRow]:
    """The log as a reader sees it: stage changes spelt out, one-click buttons where allowed."""
    offers_allowed = bool(creating_organisations(user))
    rows = []
    for entry in entries:
        convertible = bool(entry.need_rome_code) and may_convert(user, entry)
        change = (f"{TARGET_STAGES.get(entry.stage_from, entry.stage_from)} → "
                  f"{TARGET_STAGES.get(entry.stage_to, entry.stage_to)}" if entry.stage_to else "")
        rows.append(LogRow(entry, change, convertible and entry.hiring_need_id is None,
                           convertible and offers_allowed and entry.offer_id is None))
    return rows


def target_page_context(target: ProspectionTarget, user: User, *, action_form=None,
                        move_form=None) -> dict:
    """Everything the target page shows to this user."""
    today = clock.today()
    people = [target.lead, *(m.user for m in target.members)]
    action_form = action_form or ActionForm(formdata=None, data={"owner_id": user.id})
    action_form.owner_id.choices = choices((person.id, person.display_name) for person in people)
    move_form = move_form or MoveForm(formdata=None, data={
        "version": str(target.version), "contacted_on": today, "stage": next_stage(target.stage),
        "channel": "phone"})
    reassign_form = ReassignForm(formdata=None, data={"version": str(target.version),
                                                      "lead_id": target.lead_id})
    reassign_form.lead_id.choices = choices(
        (u.id, u.display_name) for u in plan_service.lead_candidates(target.pole_id))
    is_lead = target.lead_id == user.id
    mark = active_mark(target.company_id, today)
    return {
        "target": target, "company": target.company, "is_lead": is_lead,
        "members": [m.user.display_name + f" ({m.organisation.name})" for m in target.members],
        "may_move": may_move(user, target),
        "may_assign": can(user, "prospection.assign", target),
        "may_request": can(user, "prospection.lead", target) and not is_lead,
        "is_member": target.is_shared_with(user.id) and not is_lead,
        "requests": (plan_service.pending_requests(target)
                     if is_lead or can(user, "prospection.assign", target) else []),
        "actions": [(action, is_overdue(action, today)) for action in open_actions(target)],
        "log": log_rows(user, company_log(target.company_id)) if may(user, "contact.view") else [],
        "events": plan_service.target_events(target),
        "mark": mark_sentence(mark) if mark else "",
        "action_form": action_form, "move_form": move_form, "reassign_form": reassign_form,
        "request_form": RequestForm(formdata=None),
    }
