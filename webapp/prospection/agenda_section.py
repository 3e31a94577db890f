"""The "prospection" section of a cellule emploi's agenda: the planned actions of the
territory's plan that are due by the session, overdue ones flagged."""


from webapp.cellule.agenda import AgendaEntry, AgendaSection, AgendaWindow, counted
from webapp.cellule.calendar import local_day
from webapp.core import clock
from webapp.core.formatting import date_fr
from webapp.core.permissions import can
from webapp.prospection.actions import due_actions
from webapp.prospection.models import ProspectionAction

AGENDA_ORDER = 35  # after the pooled offers and needs (30), before the coming events (40)
AGENDA_LIMIT = 30


def agenda_entry(action: ProspectionAction, window: AgendaWindow) -> AgendaEntry:
    """One action due: what, on which company, who owns it, where the target stands."""
    target = action.target
    late = " · en retard" if action.due_on < min(clock.today(), local_day(window.until)) else ""
    lines = (f"Prévue le {date_fr(action.due_on)}{late}" + (f" · {action.note}" if action.note
                                                              else ""),
             f"Cible {target.followed_by}, étape « {target.stage_label} »")
    visible = can(window.viewer, "prospection.view", target)
    return AgendaEntry(
        f"prospection-action:{action.id}",
        f"{action.kind_label} – {target.company.name} ({action.owner.display_name})", lines,
        link=("prospection.target", {"target_id": target.id}) if visible else None)


def prospection_section(window: AgendaWindow) -> AgendaSection:
    """Actions of the territory's prospection plan due by the session, soonest first."""
    until = local_day(window.until)
    shown, total = due_actions(window.pole_ids, until, window.listed(AGENDA_LIMIT))
    return AgendaSection("prospection", "Prospection : actions prévues d'ici la séance",
                         AGENDA_ORDER, tuple(agenda_entry(action, window) for action in shown),
                         "Aucune action de prospection attendue d'ici la séance.",
                         **counted(total, len(shown), AGENDA_LIMIT),
                         left_out_text="dans le plan de prospection")
