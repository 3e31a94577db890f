"""The "immersions" section of a cellule emploi's agenda: the territory's immersions that run
during the period since the last session (signed, under way, or ended in it)."""

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda import AgendaEntry, AgendaSection, AgendaWindow
from webapp.cellule.agenda_rows import (
    PERSON_COLUMNS,
    built_select,
    counted,
    listed_first,
    listed_rows_and_total_of,
    person_shown_column,
    person_text,
    shown_person,
    window_parameters,
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
        **shown_person(row))


ORDER = (Immersion.end_date, Immersion.id)


def _immersions_met() -> Select:
    """Immersions of the territory whose dates meet the period (`since`, `until` bound)."""
    listed = listed_first(Immersion, (Immersion.pole_id.in_(bindparam("pole_ids", expanding=True)),
                                      Immersion.status.in_(SHOWN_STATUSES),
                                      Immersion.start_date <= bindparam("until"),
                                      Immersion.end_date >= bindparam("since")), ORDER)
    return (with_person(select(
                Immersion.id, Immersion.profile_id, Immersion.start_date, Immersion.end_date,
                Immersion.status, Immersion.objective, Company.name.label("company"),
                RomeCode.label.label("job"), REFERENT.display_name.label("referent"),
                Organisation.name.label("organisation"), *PERSON_COLUMNS, listed.c.listed_total)
                .select_from(listed).join(Immersion, Immersion.id == listed.c.id),
                Immersion.profile_id)
            .join(Company, Company.id == Immersion.company_id)
            .join(RomeCode, RomeCode.code == Immersion.rome_code)
            .join(Organisation, Organisation.id == Immersion.organisation_id)
            .outerjoin(REFERENT, REFERENT.id == Immersion.referent_id)
            .order_by(*ORDER))


def immersions_section(window: AgendaWindow) -> AgendaSection:
    """Immersions of the territory's people whose dates meet the period."""
    rows, total = listed_rows_and_total_of(
        built_select("immersions", _immersions_met).add_columns(
            visible_clause(window.viewer, "immersion.view", Immersion).label("visible"),
            person_shown_column(window.viewer)),
        {**window_parameters(window, AGENDA_LIMIT),
         "since": local_day(window.since), "until": local_day(window.until)})
    return AgendaSection("immersions", "Immersions en cours sur le territoire", AGENDA_ORDER,
                         tuple(agenda_entry(row) for row in rows),
                         "Aucune immersion en cours sur le territoire.",
                         **counted(total, len(rows), AGENDA_LIMIT),
                         left_out_text="sur la page des immersions")
