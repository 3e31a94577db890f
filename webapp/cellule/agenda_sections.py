"""The cellule's own agenda sections: people put forward, promotions followed up, offers and
needs pooled, employment events coming. Registered on import by cellule_agenda."""

from collections import defaultdict
from datetime import datetime, timedelta

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
from sqlalchemy.orm import aliased, joinedload

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda import (
    PERSON_COLUMNS,
    AgendaEntry,
    AgendaSection,
    AgendaWindow,
    built_select,
    counted,
    grouped_by_id,
    listed_first,
    listed_rows_and_total_of,
    listed_select,
    person_shown,
    person_shown_column,
    person_text,
    shown_person,
    window_parameters,
    with_person,
    with_targets,
    with_their_targets,
)
from webapp.cellule.calendar import local_day
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import on_the_agenda
from webapp.companies.models import Company
from webapp.core.clock import aware
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
from webapp.profiles.labels import person_label, shows_person
from webapp.profiles.models import Profile
from webapp.promotions.models import STEP_KINDS, Promotion, PromotionStep
from webapp.promotions.steps import step_text
from webapp.reference.models import Commune, RomeCode

POOLED_LIMIT = 25  # offers (and as many needs) listed; the rest are counted
FOLLOW_UP_LIMIT = 40  # promotions listed (more than a meeting reviews); the rest are counted
EVENTS_AHEAD = timedelta(days=60)
EVENTS_LIMIT = 60  # events listed (two months of a territory's programme); the rest are counted

AE, ASSIGNED_CRE, CRE = aliased(User, name="ae"), aliased(User, name="assigned_cre"), aliased(User)


def _in_window(column, window: AgendaWindow):
    return (column > window.since) & (column <= window.until)


def targets_text(proposal: ProfileProposal) -> str:
    return ", ".join(target.rome.label for target in proposal.profile.targets) or "—"


def _proposal_entry(proposal_id: int, title: str, profile_id: int | None, *, ae: str | None,
                    organisation: str, created_at: datetime, targets: str, commune: str,
                    wishes: str, vouching: str, assigned_cre: str | None,
                    profile_reference: str | None = None) -> AgendaEntry:
    """One person put forward: who brings them, what they look for, what the AE vouches for."""
    lines = [
        f"Proposé(e) par {ae or '—'} ({organisation}) le {date_fr(aware(created_at))}",
        f"Métiers visés : {targets}",
        f"Commune : {commune}",
    ]
    if wishes:
        lines.append(f"Ce que la personne recherche : {wishes}")
    if vouching:
        lines.append(f"Ce que l'accompagnateur garantit : {vouching}")
    if assigned_cre is not None:
        lines.append(f"Confié(e) à {assigned_cre} pour la promotion")
    return AgendaEntry(f"proposal:{proposal_id}", title, tuple(lines), profile_id=profile_id,
                       proposal_id=proposal_id,
                       profile_reference=profile_reference if profile_id else None)


def proposal_entry(proposal: ProfileProposal, viewer: User) -> AgendaEntry:
    """One person put forward, from the record (the session screen). A member who may not see
    the profile reads who follows the person, not their name."""
    profile = proposal.profile
    return _proposal_entry(
        proposal.id, person_label(profile, viewer),
        profile.id if shows_person(profile, viewer) else None,
        ae=proposal.ae.display_name if proposal.ae else None,
        organisation=profile.organisation.name, created_at=proposal.created_at,
        targets=targets_text(proposal), commune=profile.commune.display_name,
        wishes=proposal.wishes, vouching=proposal.vouching,
        assigned_cre=proposal.assigned_cre.display_name if proposal.assigned_cre else None)


def _put_forward(session) -> Select:
    """The people put forward to a session like this one (its id bound as `session_id`)."""
    return with_targets(
        with_person(
            select(ProfileProposal.id, ProfileProposal.profile_id, ProfileProposal.created_at,
                   ProfileProposal.wishes, ProfileProposal.vouching, AE.display_name.label("ae"),
                   ASSIGNED_CRE.display_name.label("assigned_cre"), Commune, *PERSON_COLUMNS),
            ProfileProposal.profile_id)
        .join(Commune, Commune.insee == Profile.commune_insee)
        .outerjoin(AE, AE.id == ProfileProposal.ae_id)
        .outerjoin(ASSIGNED_CRE, ASSIGNED_CRE.id == ProfileProposal.assigned_cre_id)
        .where(*on_the_agenda(session, bindparam("session_id")))
        .order_by(ProfileProposal.created_at, ProfileProposal.id),
        ProfileProposal.profile_id)


def proposals_section(window: AgendaWindow) -> AgendaSection:
    session = window.session
    rows = db.session.execute(
        built_select(f"proposals:{session.status == 'planned'}", lambda: _put_forward(session))
        .add_columns(person_shown_column(window.viewer)), {"session_id": session.id}).all()
    entries = tuple(
        _proposal_entry(
            row.id, person_text(row), row.profile_id if person_shown(row) else None, ae=row.ae,
            organisation=row.person_organisation, created_at=row.created_at,
            targets=", ".join(label for _, label in targets) or "—",
            commune=row.Commune.display_name, wishes=row.wishes, vouching=row.vouching,
            assigned_cre=row.assigned_cre, profile_reference=row.person_reference)
        for row, targets in with_their_targets(rows))
    return AgendaSection(
        "proposals",
        "1. Profils proposés par les accompagnateurs",
        10,
        entries,
        "Aucune personne proposée pour cette séance.",
    )


def _recent_steps(promotion_ids: list[int], window: AgendaWindow) -> dict[int, list[str]]:
    """The steps these promotions took during the period, in words, by promotion id."""
    recent: dict[int, list[str]] = defaultdict(list)
    if promotion_ids:
        for step in db.session.scalars(
            select(PromotionStep)
            .where(PromotionStep.promotion_id.in_(promotion_ids), _in_window(PromotionStep.at, window))
            .order_by(PromotionStep.id)
            .options(joinedload(PromotionStep.by).lazyload(User.memberships))
        ):
            recent[step.promotion_id].append(step_text(step))
    return recent


def _follow_up_entry(row: Row, recent: list[str]) -> AgendaEntry:
    offer = f" · offre « {row.offer_title} »" if row.offer_id else " · candidature spontanée"
    return AgendaEntry(
        f"promotion:{row.id}",
        f"{person_text(row)} → {row.company}{offer}",
        (
            f"CRE : {row.cre} · où en est-on : {STEP_KINDS.get(row.status, row.status)}",
            *(recent or ["Rien de nouveau depuis la dernière séance."]),
        ),
        link=("promotions.detail", {"promotion_id": row.id}),
        **shown_person(row),
    )


def _follow_ups() -> Select:
    return (with_person(
                select(Promotion.id, Promotion.profile_id, Promotion.offer_id, Promotion.status,
                       Offer.title.label("offer_title"), Company.name.label("company"),
                       CRE.display_name.label("cre"), *PERSON_COLUMNS),
                Promotion.profile_id)
            .join(CRE, CRE.id == Promotion.cre_id)
            .join(Company, Company.id == Promotion.company_id)
            .outerjoin(Offer, Offer.id == Promotion.offer_id)
            .where(Promotion.cellule_id == bindparam("cellule_id"),
                   Promotion.created_at <= bindparam("until"),
                   Promotion.closed_at.is_(None) | (Promotion.closed_at > bindparam("since")))
            .order_by(CRE.display_name, Promotion.id))


def follow_up_section(window: AgendaWindow) -> AgendaSection:
    """Every promotion of the cellule open during the period: what each CRE did, what the
    employer answered."""
    rows, total = listed_rows_and_total_of(
        listed_select("follow_up", _follow_ups).add_columns(person_shown_column(window.viewer)),
        {**window_parameters(window, FOLLOW_UP_LIMIT), "cellule_id": window.session.cellule_id})
    recent = _recent_steps([row.id for row in rows], window)
    entries = tuple(_follow_up_entry(row, recent[row.id]) for row in rows)
    return AgendaSection(
        "follow_up",
        "2. Suivi des profils en promotion",
        20,
        entries,
        "Aucun profil en promotion.",
        **counted(total, len(entries), FOLLOW_UP_LIMIT),
        left_out_text="en promotion, sur la page de chaque CRE",
    )


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
    """`_in_window` with the window's bounds bound at execution (see `listed_select`)."""
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
