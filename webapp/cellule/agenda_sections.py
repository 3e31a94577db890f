"""The cellule's own agenda sections: people put forward, promotions followed up, offers and
needs pooled, employment events coming. Registered on import by cellule_agenda."""

from collections import Counter, defaultdict
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import defaultload, joinedload, lazyload, load_only, selectinload

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
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import session_proposals
from webapp.companies.models import Company
from webapp.core.clock import aware
from webapp.core.formatting import date_fr
from webapp.events.models import EmploymentEvent, EventInvitation, event_company, event_offer
from webapp.extensions import db
from webapp.needs.models import HiringNeed
from webapp.offers.models import Offer
from webapp.profiles.labels import person_label, shows_person
from webapp.promotions.models import Promotion
from webapp.promotions.steps import step_text

POOLED_LIMIT = 25  # offers (and as many needs) listed; the rest are counted
FOLLOW_UP_LIMIT = 40  # promotions listed (more than a meeting reviews); the rest are counted
EVENTS_AHEAD = timedelta(days=60)
EVENTS_LIMIT = 60  # events listed (two months of a territory's programme); the rest are counted

# What each section's entries read, built once: loader options cost as much to build as the
# query they shape.
FOLLOW_UP_LOADS = (selectinload(Promotion.steps), joinedload(Promotion.offer).load_only(Offer.title),
                   defaultload(Promotion.company).lazyload(Company.commune),
                   defaultload(Promotion.cre).lazyload(User.memberships),
                   *person_loads(Promotion.profile))
POOLED_OFFER_LOADS = (load_only(Offer.id, Offer.reference, Offer.title, Offer.contract),
                      lazyload(Offer.rome), joinedload(Offer.company).load_only(Company.name),
                      defaultload(Offer.company).lazyload(Company.commune),
                      joinedload(Offer.organisation))
POOLED_NEED_LOADS = (load_only(HiringNeed.id, HiringNeed.title, HiringNeed.rome_code,
                               HiringNeed.positions),
                     joinedload(HiringNeed.company).load_only(Company.name),
                     defaultload(HiringNeed.company).lazyload(Company.commune),
                     defaultload(HiringNeed.cre).lazyload(User.memberships))


def _in_window(column, window: AgendaWindow):
    return (column > window.since) & (column <= window.until)


def targets_text(proposal: ProfileProposal) -> str:
    return ", ".join(target.rome.label for target in proposal.profile.targets) or "—"


def proposal_entry(proposal: ProfileProposal, viewer: User) -> AgendaEntry:
    """One person put forward: who brings them, what they look for, what the AE vouches for.
    A member who may not see the profile reads who follows the person, not their name."""
    profile = proposal.profile
    shown = shows_person(profile, viewer)
    ae = proposal.ae.display_name if proposal.ae else "—"
    lines = [
        f"Proposé(e) par {ae} ({profile.organisation.name}) le {date_fr(aware(proposal.created_at))}",
        f"Métiers visés : {targets_text(proposal)}",
        f"Commune : {profile.commune.display_name}",
    ]
    if proposal.wishes:
        lines.append(f"Ce que la personne recherche : {proposal.wishes}")
    if proposal.vouching:
        lines.append(f"Ce que l'accompagnateur garantit : {proposal.vouching}")
    if proposal.assigned_cre is not None:
        lines.append(f"Confié(e) à {proposal.assigned_cre.display_name} pour la promotion")
    return AgendaEntry(
        f"proposal:{proposal.id}",
        person_label(profile, viewer),
        tuple(lines),
        profile_id=profile.id if shown else None,
        proposal_id=proposal.id,
    )


def proposals_section(window: AgendaWindow) -> AgendaSection:
    proposals = session_proposals(window.session.id)
    return AgendaSection(
        "proposals",
        "1. Profils proposés par les accompagnateurs",
        10,
        tuple(proposal_entry(p, window.viewer) for p in proposals),
        "Aucune personne proposée pour cette séance.",
    )


def follow_up_section(window: AgendaWindow) -> AgendaSection:
    """Every promotion of the cellule open during the period: what each CRE did, what the
    employer answered."""
    where = (
        Promotion.cellule_id == window.session.cellule_id,
        Promotion.created_at <= window.until,
        Promotion.closed_at.is_(None) | (Promotion.closed_at > window.since),
    )
    promotions, total = listed_and_total(
        select(Promotion)
        .join(User, User.id == Promotion.cre_id)
        .where(*where)
        .order_by(User.display_name, Promotion.id)
        .options(*FOLLOW_UP_LOADS),
        window.listed(FOLLOW_UP_LIMIT),
    )
    entries = []
    for promotion in promotions:
        recent = [
            step_text(step)
            for step in promotion.steps
            if window.since < aware(step.at) <= window.until
        ]
        offer = (
            f" · offre « {promotion.offer.title} »"
            if promotion.offer
            else " · candidature spontanée"
        )
        entries.append(
            AgendaEntry(
                f"promotion:{promotion.id}",
                f"{person_label(promotion.profile, window.viewer)} → {promotion.company.name}{offer}",
                (
                    f"CRE : {promotion.cre.display_name} · où en est-on : {promotion.status_label}",
                    *(recent or ["Rien de nouveau depuis la dernière séance."]),
                ),
                link=("promotions.detail", {"promotion_id": promotion.id}),
                profile_id=promotion.profile_id if shows_person(promotion.profile, window.viewer) else None,
            )
        )
    return AgendaSection(
        "follow_up",
        "2. Suivi des profils en promotion",
        20,
        tuple(entries),
        "Aucun profil en promotion.",
        **counted(total, len(entries), FOLLOW_UP_LIMIT),
        left_out_text="en promotion, sur la page de chaque CRE",
    )


def offer_entry(offer: Offer) -> AgendaEntry:
    employer = offer.company.name if offer.company else "Employeur non renseigné"
    detail = (
        f"{employer} · {offer.commune.display_name} · {offer.contract_label} · "
        f"déposée par {offer.organisation.name}"
    )
    return AgendaEntry(
        f"offer:{offer.id}",
        f"Offre {offer.reference} · {offer.title}",
        (detail,),
        link=("offers.detail", {"offer_id": offer.id}),
    )


def need_entry(need: HiringNeed) -> AgendaEntry:
    follower = f"suivi par {need.cre.display_name}" if need.cre else "à prendre en charge"
    detail = f"{need.company.name} · {need.commune.display_name} · {need.positions} poste(s) · {follower}"
    return AgendaEntry(
        f"need:{need.id}",
        f"Besoin {need.reference} · {need.job_label}",
        (detail,),
        link=("needs.detail", {"need_id": need.id}),
    )


def pooled_section(window: AgendaWindow) -> AgendaSection:
    """Offers shared with the territory and employers' needs posted since the last session."""
    offer_filter = (
        Offer.pole_id.in_(window.pole_ids),
        Offer.visibility == "territory",
        Offer.status == "open",
        _in_window(Offer.created_at, window),
    )
    offers, offers_total = listed_and_total(
        select(Offer)
        .where(*offer_filter)
        .order_by(Offer.created_at.desc(), Offer.id)
        .options(*POOLED_OFFER_LOADS),
        window.listed(POOLED_LIMIT),
    )
    need_filter = (
        HiringNeed.pole_id.in_(window.pole_ids),
        _in_window(HiringNeed.created_at, window),
    )
    needs, needs_total = listed_and_total(
        select(HiringNeed)
        .where(*need_filter)
        .order_by(HiringNeed.created_at.desc(), HiringNeed.id)
        .options(*POOLED_NEED_LOADS),
        window.listed(POOLED_LIMIT),
    )
    entries = [offer_entry(offer) for offer in offers] + [need_entry(need) for need in needs]
    offers_counted = counted(offers_total, len(offers), POOLED_LIMIT)
    needs_counted = counted(needs_total, len(needs), POOLED_LIMIT)
    return AgendaSection(
        "pooled",
        "3. Offres et besoins des employeurs mis en commun",
        30,
        tuple(entries),
        "Aucune offre ni besoin nouveau sur le territoire.",
        **{key: offers_counted[key] + needs_counted[key] for key in offers_counted},
    )


def _event_facts(event_ids: list[int]) -> tuple[dict, Counter, Counter]:
    """The employers' names, offers and invitations of these events, in three queries whatever
    their number: {event id: names}, offers by event id, invitations by event id."""
    if not event_ids:
        return {}, Counter(), Counter()
    companies = defaultdict(list)
    for event_id, name in db.session.execute(
        select(event_company.c.event_id, Company.name)
        .join(Company, Company.id == event_company.c.company_id)
        .where(event_company.c.event_id.in_(event_ids))
        .order_by(Company.name)
    ):
        companies[event_id].append(name)
    offers = Counter(dict(db.session.execute(
        select(event_offer.c.event_id, func.count())
        .where(event_offer.c.event_id.in_(event_ids))
        .group_by(event_offer.c.event_id)
    ).all()))
    invitations = Counter(dict(db.session.execute(
        select(EventInvitation.event_id, func.count())
        .where(EventInvitation.event_id.in_(event_ids))
        .group_by(EventInvitation.event_id)
    ).all()))
    return companies, offers, invitations


def events_section(window: AgendaWindow) -> AgendaSection:
    """The territory's employment events from the last session to two months after this one."""
    where = (
        EmploymentEvent.pole_id.in_(window.pole_ids),
        EmploymentEvent.on > local_day(window.since),
        EmploymentEvent.on <= local_day(window.until) + EVENTS_AHEAD,
    )
    events, total = listed_and_total(
        select(EmploymentEvent)
        .where(*where)
        .order_by(EmploymentEvent.on, EmploymentEvent.id)
        .options(joinedload(EmploymentEvent.organisation)),
        window.listed(EVENTS_LIMIT),
    )
    companies, offers, invitations = _event_facts([event.id for event in events])
    entries = []
    for event in events:
        place = f"{event.commune.display_name}{f', {event.address}' if event.address else ''}"
        lines = [f"{place} · organisé par {event.organisation.name}"]
        if companies[event.id]:
            lines.append("Employeurs : " + ", ".join(companies[event.id]))
        lines.append(
            f"{offers[event.id]} offre(s) concernée(s) · {invitations[event.id]} personne(s) invitée(s)"
        )
        entries.append(
            AgendaEntry(
                f"event:{event.id}",
                f"{date_fr(event.on)} · {event.kind_label} · {event.title}",
                tuple(lines),
                link=("events.show", {"event_id": event.id}),
            )
        )
    return AgendaSection(
        "events",
        "4. Événements emploi à venir",
        40,
        tuple(entries),
        "Aucun événement emploi prévu sur le territoire.",
        **counted(total, len(entries), EVENTS_LIMIT),
        left_out_text="sur la page des événements",
    )
