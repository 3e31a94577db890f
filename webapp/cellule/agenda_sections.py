"""The cellule's own agenda sections about people: the people put forward and the promotions
followed up (those about employers: agenda_employers.py); listed in webapp/contributions.py."""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import (
    Row,
    Select,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import aliased, joinedload

from webapp.accounts.models import User
from webapp.cellule.agenda import AgendaEntry, AgendaSection, AgendaWindow
from webapp.cellule.agenda_rows import (
    PERSON_COLUMNS,
    built_select,
    counted,
    listed_rows_and_total_of,
    person_shown,
    person_shown_column,
    person_text,
    shown_person,
    with_person,
    with_targets,
    with_their_targets,
)
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import on_the_agenda
from webapp.companies.models import Company
from webapp.core.clock import aware
from webapp.core.formatting import date_fr
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.labels import person_label, shows_person
from webapp.profiles.models import Profile
from webapp.promotions.models import STEP_KINDS, Promotion, PromotionStep
from webapp.promotions.steps import step_text
from webapp.reference.models import Commune

FOLLOW_UP_LIMIT = 40  # promotions listed (more than a meeting reviews); the rest are counted

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


def _follow_ups(limit: int) -> Select:
    """The promotions listed, chosen, counted and limited on their table and their CRE's name
    (the order) alone, then joined to the names they show: the lookups run for the listed rows
    only (at demo x10, 10 of a cellule's 490 open promotions). The limit is written in the SQL,
    one text per limit: PostgreSQL then estimates a reused plan as cheap as one planned for
    the values and keeps it (a bound limit counts as 10 % of the rows, and PostgreSQL re-planned
    the statement on every request)."""
    listed = (select(Promotion.id, CRE.display_name.label("cre"),
                     func.count().over().label("listed_total"))
              .join(CRE, CRE.id == Promotion.cre_id)
              .where(Promotion.cellule_id == bindparam("cellule_id"),
                     Promotion.created_at <= bindparam("until"),
                     Promotion.closed_at.is_(None) | (Promotion.closed_at > bindparam("since")))
              .order_by(CRE.display_name, Promotion.id)
              .limit(literal_column(str(int(limit))))
              .subquery("listed"))
    return (with_person(
                select(Promotion.id, Promotion.profile_id, Promotion.offer_id, Promotion.status,
                       Offer.title.label("offer_title"), Company.name.label("company"),
                       listed.c.cre, *PERSON_COLUMNS, listed.c.listed_total)
                .select_from(listed)
                .join(Promotion, Promotion.id == listed.c.id),
                Promotion.profile_id)
            .join(Company, Company.id == Promotion.company_id)
            .outerjoin(Offer, Offer.id == Promotion.offer_id)
            .order_by(listed.c.cre, Promotion.id))


def follow_up_section(window: AgendaWindow) -> AgendaSection:
    """Every promotion of the cellule open during the period: what each CRE did, what the
    employer answered."""
    limit = window.listed(FOLLOW_UP_LIMIT)
    rows, total = listed_rows_and_total_of(
        built_select(f"follow_up:{limit}", lambda: _follow_ups(limit))
        .add_columns(person_shown_column(window.viewer)),
        {"since": window.since, "until": window.until, "cellule_id": window.session.cellule_id})
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
