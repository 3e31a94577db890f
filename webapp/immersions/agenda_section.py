"""The "immersions" section of a cellule emploi's agenda: the territory's immersions that run
during the period since the last session (signed, under way, or ended in it)."""

from sqlalchemy import select
from sqlalchemy.orm import defaultload, joinedload

from webapp.accounts.models import User
from webapp.cellule.agenda import (
    AgendaEntry,
    AgendaSection,
    AgendaWindow,
    counted,
    listed_and_total,
    person_loads,
)
from webapp.cellule.calendar import local_day
from webapp.companies.models import Company
from webapp.core.formatting import date_fr
from webapp.core.permissions import can
from webapp.immersions.models import Immersion
from webapp.profiles.labels import person_label, shows_person

AGENDA_ORDER = 25  # after the promotions followed up (20), before the pooled offers (30)
AGENDA_LIMIT = 30
SHOWN_STATUSES = ("convention_signed", "under_way", "done")
# What an entry reads, built once (loader options cost as much to build as the query).
AGENDA_LOADS = (*person_loads(Immersion.profile),
                joinedload(Immersion.referent).lazyload(User.memberships),
                defaultload(Immersion.company).lazyload(Company.commune),
                joinedload(Immersion.organisation))


def agenda_entry(immersion: Immersion, window: AgendaWindow) -> AgendaEntry:
    """One immersion; the person's name under the one rule of profiles/labels.py (as in the
    proposals section), the link for those who may open the immersion."""
    visible = can(window.viewer, "immersion.view", immersion)
    shown = shows_person(immersion.profile, window.viewer)
    person = person_label(immersion.profile, window.viewer)
    referent = immersion.referent.display_name if immersion.referent else "—"
    lines = ((f"Du {date_fr(immersion.start_date)} au {date_fr(immersion.end_date)} · "
             f"{immersion.status_label.lower()} · {immersion.objective_label.lower()}"),
             f"Référent : {referent} ({immersion.organisation.name})")
    return AgendaEntry(
        f"immersion:{immersion.id}", f"{person} → {immersion.company.name} · {immersion.rome.label}",
        lines, link=("immersions.detail", {"immersion_id": immersion.id}) if visible else None,
        profile_id=immersion.profile_id if shown else None)


def immersions_section(window: AgendaWindow) -> AgendaSection:
    """Immersions of the territory's people whose dates meet the period."""
    since, until = local_day(window.since), local_day(window.until)
    where = (Immersion.pole_id.in_(window.pole_ids), Immersion.status.in_(SHOWN_STATUSES),
             Immersion.start_date <= until, Immersion.end_date >= since)
    shown, total = listed_and_total(select(Immersion).where(*where).order_by(
        Immersion.end_date, Immersion.id).options(*AGENDA_LOADS), window.listed(AGENDA_LIMIT))
    return AgendaSection("immersions", "Immersions en cours sur le territoire", AGENDA_ORDER,
                         tuple(agenda_entry(immersion, window) for immersion in shown),
                         "Aucune immersion en cours sur le territoire.",
                         **counted(total, len(shown), AGENDA_LIMIT),
                         left_out_text="sur la page des immersions")
