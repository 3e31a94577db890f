"""The cellule's own agenda sections about employers: the offers and hiring needs pooled since
the last session, the employment events coming; listed in webapp/contributions.py."""

from datetime import timedelta

from sqlalchemy import (
    CompoundSelect,
    Integer,
    Row,
    Select,
    String,
    bindparam,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda import AgendaEntry, AgendaSection, AgendaWindow
from webapp.cellule.agenda_rows import (
    built_select,
    counted,
    grouped_by_id,
    listed_first,
    listed_rows_and_total_of,
    window_parameters,
)
from webapp.cellule.calendar import local_day
from webapp.companies.models import Company
from webapp.core.formatting import date_fr
from webapp.events.models import (
    EVENT_TYPES,
    EmploymentEvent,
    EventInvitation,
    event_company,
    event_offer,
)
from webapp.extensions import db
from webapp.needs.models import HiringNeed
from webapp.offers.models import CONTRACTS, Offer
from webapp.reference.models import Commune, RomeCode

POOLED_LIMIT = 25  # offers (and as many needs) listed; the rest are counted
EVENTS_AHEAD = timedelta(days=60)
EVENTS_LIMIT = 60  # events listed (two months of a territory's programme); the rest are counted

CRE = aliased(User)


def commune_name(row: Row) -> str:
    """The commune's name as Commune.display_name writes it, from a row's `name` and
    `postal_codes`."""
    return Commune.display_name.fget(row)


def _offer_entry(row: Row) -> AgendaEntry:
    detail = (
        f"{row.company or 'Employeur non renseigné'} · {commune_name(row)} · "
        f"{CONTRACTS.get(row.contract, row.contract)} · déposée par {row.organisation}"
    )
    return AgendaEntry(
        f"offer:{row.id}",
        f"Offre {row.reference} · {row.title}",
        (detail,),
        link=("offers.detail", {"offer_id": row.id}),
    )


def _need_entry(row: Row) -> AgendaEntry:
    follower = f"suivi par {row.cre}" if row.cre else "à prendre en charge"
    detail = f"{row.company} · {commune_name(row)} · {row.positions} poste(s) · {follower}"
    return AgendaEntry(
        f"need:{row.id}",
        f"Besoin B-{row.id:05d} · {row.title or row.rome_label or row.rome_code}",
        (detail,),
        link=("needs.detail", {"need_id": row.id}),
    )


def _bound_window(column):
    """The column within the window, its bounds bound at execution (`since`, `until`)."""
    return (column > bindparam("since")) & (column <= bindparam("until"))


POOLED_OFFERS_ORDER = (Offer.created_at.desc(), Offer.id)
POOLED_NEEDS_ORDER = (HiringNeed.created_at.desc(), HiringNeed.id)


def _nothing(type_):
    return literal(None, type_)


def _pooled() -> CompoundSelect:
    """The offers listed then the needs listed, each counted, in one statement: a row per offer
    or need, the columns of the other kind empty."""
    offers = listed_first(Offer, (Offer.pole_id.in_(bindparam("pole_ids", expanding=True)),
                                  Offer.visibility == "territory", Offer.status == "open",
                                  _bound_window(Offer.created_at)), POOLED_OFFERS_ORDER)
    needs = listed_first(HiringNeed, (HiringNeed.pole_id.in_(bindparam("pole_ids", expanding=True)),
                                      _bound_window(HiringNeed.created_at)), POOLED_NEEDS_ORDER)
    pooled = union_all(
        select(literal(1).label("need"), Offer.id.label("id"), Offer.created_at.label("created_at"),
               Offer.reference, Offer.title,
               Offer.contract, _nothing(Integer).label("positions"),
               _nothing(String).label("rome_code"), _nothing(String).label("rome_label"),
               Company.name.label("company"), Organisation.name.label("organisation"),
               _nothing(String).label("cre"), Commune.name, Commune.postal_codes,
               offers.c.listed_total)
        .select_from(offers)
        .join(Offer, Offer.id == offers.c.id)
        .outerjoin(Company, Company.id == Offer.company_id)
        .join(Organisation, Organisation.id == Offer.organisation_id)
        .join(Commune, Commune.insee == Offer.commune_insee),
        select(literal(2), HiringNeed.id, HiringNeed.created_at, _nothing(String), HiringNeed.title,
               _nothing(String), HiringNeed.positions, HiringNeed.rome_code, RomeCode.label,
               Company.name, _nothing(String), CRE.display_name, Commune.name,
               Commune.postal_codes, needs.c.listed_total)
        .select_from(needs)
        .join(HiringNeed, HiringNeed.id == needs.c.id)
        .join(Company, Company.id == HiringNeed.company_id)
        .join(Commune, Commune.insee == HiringNeed.commune_insee)
        .outerjoin(RomeCode, RomeCode.code == HiringNeed.rome_code)
        .outerjoin(CRE, CRE.id == HiringNeed.cre_id))
    columns = pooled.selected_columns
    return pooled.order_by(columns.need, columns.created_at.desc(), columns.id)


def pooled_section(window: AgendaWindow) -> AgendaSection:
    """Offers shared with the territory and employers' needs posted since the last session."""
    rows = db.session.execute(built_select("pooled", _pooled),
                              window_parameters(window, POOLED_LIMIT)).all()
    offers = [row for row in rows if row.need == 1]
    needs = [row for row in rows if row.need == 2]
    entries = [_offer_entry(row) for row in offers] + [_need_entry(row) for row in needs]
    offers_counted = counted(offers[0].listed_total if offers else 0, len(offers), POOLED_LIMIT)
    needs_counted = counted(needs[0].listed_total if needs else 0, len(needs), POOLED_LIMIT)
    return AgendaSection(
        "pooled",
        "3. Offres et besoins des employeurs mis en commun",
        30,
        tuple(entries),
        "Aucune offre ni besoin nouveau sur le territoire.",
        **{key: offers_counted[key] + needs_counted[key] for key in offers_counted},
    )


def _count_of(column):
    """How many rows of `column`'s table point to the event (a column of the events' select)."""
    return (select(func.count()).where(column == EmploymentEvent.id)
            .correlate(EmploymentEvent).scalar_subquery())


def _event_entry(row: Row, employers: list[str]) -> AgendaEntry:
    place = f"{row.Commune.display_name}{f', {row.address}' if row.address else ''}"
    lines = [f"{place} · organisé par {row.organisation}"]
    if employers:
        lines.append("Employeurs : " + ", ".join(employers))
    lines.append(f"{row.offers} offre(s) concernée(s) · {row.invitations} personne(s) invitée(s)")
    return AgendaEntry(
        f"event:{row.id}",
        f"{date_fr(row.on)} · {EVENT_TYPES.get(row.kind, row.kind)} · {row.title}",
        tuple(lines),
        link=("events.show", {"event_id": row.id}),
    )


EVENTS_ORDER = (EmploymentEvent.on, EmploymentEvent.id)


def _coming_events() -> Select:
    """The events listed, with their employers' names (a row per employer, by name)."""
    listed = listed_first(EmploymentEvent, (
        EmploymentEvent.pole_id.in_(bindparam("pole_ids", expanding=True)),
        EmploymentEvent.on > bindparam("from_day"),
        EmploymentEvent.on <= bindparam("to_day")), EVENTS_ORDER)
    return (select(EmploymentEvent.id, EmploymentEvent.on, EmploymentEvent.kind,
                   EmploymentEvent.title, EmploymentEvent.address,
                   Organisation.name.label("organisation"), Commune,
                   _count_of(event_offer.c.event_id).label("offers"),
                   _count_of(EventInvitation.event_id).label("invitations"),
                   Company.name.label("employer"), listed.c.listed_total)
            .select_from(listed)
            .join(EmploymentEvent, EmploymentEvent.id == listed.c.id)
            .join(Organisation, Organisation.id == EmploymentEvent.organisation_id)
            .join(Commune, Commune.insee == EmploymentEvent.commune_insee)
            .outerjoin(event_company, event_company.c.event_id == EmploymentEvent.id)
            .outerjoin(Company, Company.id == event_company.c.company_id)
            .order_by(*EVENTS_ORDER, Company.name))


def events_section(window: AgendaWindow) -> AgendaSection:
    """The territory's employment events from the last session to two months after this one."""
    rows, total = listed_rows_and_total_of(
        built_select("coming_events", _coming_events),
        {**window_parameters(window, EVENTS_LIMIT), "from_day": local_day(window.since),
         "to_day": local_day(window.until) + EVENTS_AHEAD})
    entries = tuple(_event_entry(row, employers)
                    for row, employers in grouped_by_id(rows, lambda row: row.employer))
    return AgendaSection(
        "events",
        "4. Événements emploi à venir",
        40,
        entries,
        "Aucun événement emploi prévu sur le territoire.",
        **counted(total, len(entries), EVENTS_LIMIT),
        left_out_text="sur la page des événements",
    )
