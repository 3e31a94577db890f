"""The "prospection" section of a cellule emploi's agenda: the planned actions of the
territory's plan that are due by the session, overdue ones flagged."""

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda import AgendaEntry, AgendaSection, AgendaWindow
from webapp.cellule.agenda_rows import (
    counted,
    listed_rows_and_total_of,
    listed_select,
    window_parameters,
)
from webapp.cellule.calendar import local_day
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.formatting import date_fr
from webapp.core.permissions import visible_clause
from webapp.prospection.actions import due_clause
from webapp.prospection.models import (
    ACTION_KINDS,
    TARGET_STAGES,
    ProspectionAction,
    ProspectionTarget,
)

AGENDA_ORDER = 35  # after the pooled offers and needs (30), before the coming events (40)
AGENDA_LIMIT = 30
OWNER, LEAD = aliased(User, name="owner"), aliased(User, name="lead")


def agenda_entry(row: Row, late_before) -> AgendaEntry:
    """One action due: what, on which company, who owns it, where the target stands."""
    late = " · en retard" if row.due_on < late_before else ""
    stage = TARGET_STAGES.get(row.stage, row.stage)
    lines = (f"Prévue le {date_fr(row.due_on)}{late}" + (f" · {row.note}" if row.note else ""),
             f"Cible suivie par {row.lead} ({row.organisation}), étape « {stage} »")
    return AgendaEntry(
        f"prospection-action:{row.id}",
        f"{ACTION_KINDS.get(row.kind, row.kind)} – {row.company} ({row.owner})", lines,
        link=("prospection.target", {"target_id": row.target_id}) if row.visible else None)


def _actions_due() -> Select:
    """Actions of the plan of the pôles `pole_ids` due by `until` (both bound)."""
    return (select(ProspectionAction.id, ProspectionAction.target_id, ProspectionAction.kind,
                   ProspectionAction.due_on, ProspectionAction.note, ProspectionTarget.stage,
                   Company.name.label("company"), OWNER.display_name.label("owner"),
                   LEAD.display_name.label("lead"), Organisation.name.label("organisation"))
            .join(ProspectionTarget, ProspectionTarget.id == ProspectionAction.target_id)
            .join(Company, Company.id == ProspectionTarget.company_id)
            .join(OWNER, OWNER.id == ProspectionAction.owner_id)
            .join(LEAD, LEAD.id == ProspectionTarget.lead_id)
            .join(Organisation, Organisation.id == ProspectionTarget.organisation_id)
            .where(due_clause(bindparam("pole_ids", expanding=True), bindparam("until")))
            .order_by(ProspectionAction.due_on, ProspectionAction.id))


def prospection_section(window: AgendaWindow) -> AgendaSection:
    """Actions of the territory's prospection plan due by the session, soonest first."""
    until = local_day(window.until)
    rows, total = listed_rows_and_total_of(
        listed_select("prospection", _actions_due).add_columns(
            visible_clause(window.viewer, "prospection.view", ProspectionTarget)
            .label("visible")),
        {**window_parameters(window, AGENDA_LIMIT), "until": until})
    late_before = min(clock.today(), until)
    return AgendaSection("prospection", "Prospection : actions prévues d'ici la séance",
                         AGENDA_ORDER, tuple(agenda_entry(row, late_before) for row in rows),
                         "Aucune action de prospection attendue d'ici la séance.",
                         **counted(total, len(rows), AGENDA_LIMIT),
                         left_out_text="dans le plan de prospection")
