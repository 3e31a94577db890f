"""The "immersions" section of a cellule emploi's agenda: the territory's immersions that run
during the period since the last session (signed, under way, or ended in it)."""

from sqlalchemy import Row, select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda import (
    AgendaEntry,
    AgendaSection,
    AgendaWindow,
    counted,
    listed_rows_and_total,
    person_columns,
    person_shown,
    person_text,
    with_person,
)
from webapp.cellule.calendar import local_day
from webapp.companies.models import Company
from webapp.core.formatting import date_fr
from webapp.core.permissions import visible_clause
from webapp.immersions.models import IMMERSION_OBJECTIVES, IMMERSION_STATUSES, Immersion
from webapp.reference.models import RomeCode

AGENDA_ORDER = 25  # after the promotions followed up (20), before the pooled offers (30)
AGENDA_LIMIT = 30
SHOWN_STATUSES = ("convention_signed", "under_way", "done")
REFERENT = aliased(User, name="referent")


def agenda_entry(row: Row) -> AgendaEntry:
    """One immersion; the person's name under the one rule of profiles/labels.py (as in the
    proposals section), the link for those who may open the immersion."""
    status = IMMERSION_STATUSES.get(row.status, row.status)
    objective = IMMERSION_OBJECTIVES.get(row.objective, row.objective)
    lines = ((f"Du {date_fr(row.start_date)} au {date_fr(row.end_date)} · "
             f"{status.lower()} · {objective.lower()}"),
             f"Référent : {row.referent or '—'} ({row.organisation})")
    return AgendaEntry(
        f"immersion:{row.id}", f"{person_text(row)} → {row.company} · {row.job}",
        lines, link=("immersions.detail", {"immersion_id": row.id}) if row.visible else None,
        profile_id=row.profile_id if person_shown(row) else None)


def immersions_section(window: AgendaWindow) -> AgendaSection:
    """Immersions of the territory's people whose dates meet the period."""
    since, until = local_day(window.since), local_day(window.until)
    where = (Immersion.pole_id.in_(window.pole_ids), Immersion.status.in_(SHOWN_STATUSES),
             Immersion.start_date <= until, Immersion.end_date >= since)
    rows, total = listed_rows_and_total(
        with_person(select(
            Immersion.id, Immersion.profile_id, Immersion.start_date, Immersion.end_date,
            Immersion.status, Immersion.objective, Company.name.label("company"),
            RomeCode.label.label("job"), REFERENT.display_name.label("referent"),
            Organisation.name.label("organisation"),
            visible_clause(window.viewer, "immersion.view", Immersion).label("visible"),
            *person_columns(window.viewer)), Immersion.profile_id)
        .join(Company, Company.id == Immersion.company_id)
        .join(RomeCode, RomeCode.code == Immersion.rome_code)
        .join(Organisation, Organisation.id == Immersion.organisation_id)
        .outerjoin(REFERENT, REFERENT.id == Immersion.referent_id)
        .where(*where).order_by(Immersion.end_date, Immersion.id),
        window.listed(AGENDA_LIMIT))
    return AgendaSection("immersions", "Immersions en cours sur le territoire", AGENDA_ORDER,
                         tuple(agenda_entry(row) for row in rows),
                         "Aucune immersion en cours sur le territoire.",
                         **counted(total, len(rows), AGENDA_LIMIT),
                         left_out_text="sur la page des immersions")
