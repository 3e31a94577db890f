"""Offers: creating and editing them, and their life cycle (one table of allowed transitions)."""

import secrets
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select, update

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company, CompanyContact
from webapp.core import clock
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import ALL, ORGANISATION, PERMISSIONS, can
from webapp.core.workflow import Move, Workflow, permission, system
from webapp.extensions import db
from webapp.offers.models import EVENT_KINDS, OFFER_STATUSES, Offer, OfferEvent
from webapp.offers.values import FIELD_LABELS, OfferValues, changes_between, offer_problems
from webapp.reference.models import Commune

# The life cycle, in one place (core.workflow): the moves a person with the right to edit the
# offer makes, in the order of the buttons. "expire" is made by expire_offers() only (end date
# passed); a person may reopen the offer.
EDITOR = permission("offer.edit")
MOVES: tuple[Move, ...] = (
    Move("publish", "Publier", ("draft",), "open", EDITOR),
    Move("suspend", "Suspendre", ("open",), "suspended", EDITOR),
    Move("reopen", "Rouvrir", ("suspended", "filled", "expired"), "open", EDITOR),
    Move("fill", "Marquer pourvue", ("open", "suspended"), "filled", EDITOR),
    Move("cancel", "Annuler l'offre", ("draft", "open", "suspended"), "cancelled", EDITOR),
    Move("expire", "Date de fin dépassée", ("open", "suspended"), "expired", system),
)


def _write_event(offer: Offer, move: Move, from_status: str, actor: User | None, at: datetime,
                 note: str, details: dict) -> "OfferEvent":
    event = record_event(offer, actor.id if actor else None, "status", from_status, note)
    event.to_status = move.target
    return event


WORKFLOW = Workflow(MOVES, _write_event)
# From each status, the statuses the table leads to (whoever makes the move).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    status: tuple(dict.fromkeys(move.target for move in WORKFLOW.moves_from(status)))
    for status in OFFER_STATUSES
}
EXPIRABLE = WORKFLOW.by_key["expire"].sources
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"



OFFER_CHANGED = (
    "Cette offre a été modifiée par quelqu'un d'autre pendant votre saisie : rien n'a été "
    "enregistré, pour ne pas écraser son travail. Vérifiez ses changements ci-dessous, "
    "puis enregistrez à nouveau si votre version doit l'emporter (ou rechargez la page)."
)


@dataclass(frozen=True)
class StatusAction:
    """A button of the offer page: move the offer to `to_status`."""

    to_status: str
    label: str


def organisations_for(actor: User, action: str) -> list[Organisation]:
    """The organisations in which the actor holds a role allowed to do `action` (by name)."""
    found = {}
    for membership in actor.memberships:
        if PERMISSIONS.get((membership.role, action)) in (ORGANISATION, ALL):
            found[membership.organisation_id] = membership.organisation
    return sorted(found.values(), key=lambda organisation: organisation.name)


def creating_organisations(actor: User) -> list[Organisation]:
    """The organisations in which the actor may create offers."""
    return organisations_for(actor, "offer.create")


def new_reference(today: date) -> str:
    """A fresh offer reference such as O-2026-7KQ2XM (random, so never raced)."""
    while True:
        reference = f"O-{today.year}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        if db.session.scalar(select(Offer.id).where(Offer.reference == reference)) is None:
            return reference


def apply_values(offer: Offer, values: OfferValues) -> dict[str, list[str]]:
    """Copy the values onto the offer (company resolved, pôle from the commune); what changed."""
    company = resolve_merged(db.session.get(Company, values.company_id)) if values.company_id else None
    values = values.with_company(company.id if company else None)
    changes = changes_between(offer, values)
    for item in fields(OfferValues):
        setattr(offer, item.name, getattr(values, item.name))
    offer.pole_id = db.session.get(Commune, values.commune_insee).pole_id
    return changes


def record_event(offer: Offer, actor_id: int | None, kind: str, from_status: str | None,
                 note: str = "", changes: dict | None = None) -> OfferEvent:
    """A new step in the offer's history (to its current status); stamped with the version by
    the caller once flushed."""
    with db.session.no_autoflush:  # appending to offer.events may load them: not half-built
        event = OfferEvent(offer=offer, user_id=actor_id, kind=kind, from_status=from_status,
                           to_status=offer.status, note=note, changes=changes or {})
        db.session.add(event)
    return event


def _flush_signed(offer: Offer, event: OfferEvent) -> None:
    """Flush, then stamp the event with the version it produced; Conflict on a lost race."""
    flush_or_conflict(offer, OFFER_CHANGED, conflict_lines)
    event.version = offer.version
    db.session.flush()


def add_offer(organisation: Organisation, values: OfferValues, *, actor_id: int | None,
              status: str, kind: str, note: str = "", today: date,
              published_at: datetime | None = None, rome_inferred: bool = False) -> Offer:
    """Insert an offer already checked (the shared end of create_offer and the imports)."""
    offer = Offer(reference=new_reference(today), organisation_id=organisation.id, status=status,
                  cre_id=actor_id, rome_inferred=rome_inferred)
    apply_values(offer, values)
    if status == "open":
        offer.published_at = published_at or clock.now()
    db.session.add(offer)
    event = record_event(offer, actor_id, kind, None, note)
    _flush_signed(offer, event)
    return offer


def create_offer(actor: User, values: OfferValues, *, organisation: Organisation | None = None,
                 status: str = "draft", note: str = "", today: date | None = None) -> Offer:
    """A new offer brought by `actor` (a CRE) for `organisation`, as a draft or open at once.

    `organisation` may be left out when the actor may create offers in one organisation only.
    Raises NotAllowed, Invalid (bad status or organisation) or Invalid (field errors)."""
    today = today or clock.today()
    allowed = creating_organisations(actor)
    if organisation is None and len(allowed) == 1:
        organisation = allowed[0]
    if organisation is None:
        raise Invalid("Choisissez l'organisation qui porte l'offre.", "organisation_id")
    if organisation.id not in {o.id for o in allowed}:
        raise NotAllowed("Vous ne pouvez pas déposer d'offre pour cette organisation.")
    if status not in ("draft", "open"):
        raise Invalid("Une nouvelle offre est un brouillon ou une offre ouverte.", "status")
    if problems := offer_problems(values, today=today, start_date_typed=True,
                                  organisation_id=organisation.id):
        raise Invalid(problems)
    return add_offer(organisation, values, actor_id=actor.id, status=status, kind="created",
                     note=note, today=today)


def conflict_lines(offer: Offer, since_version: int) -> list[str]:
    """Who changed the offer after `since_version`, when, and which fields (before -> after)."""
    events = db.session.scalars(
        select(OfferEvent).where(OfferEvent.offer_id == offer.id, OfferEvent.version > since_version)
        .order_by(OfferEvent.at, OfferEvent.id)
    ).all()
    lines = [event_summary(event) for event in events]
    return lines or ["changement sans détail connu (données modifiées hors de Passerelle)"]


def event_summary(event: OfferEvent) -> str:
    """`Marie Dupont, le 22/11/2026 à 14:05 : intitulé (« A » → « B »)` for one event."""
    from webapp.core.formatting import datetime_fr

    who = event.user.display_name if event.user else "Passerelle (automatique)"
    if event.changes:
        what = ", ".join(f"{FIELD_LABELS.get(name, name)} (« {before} » → « {after} »)"
                         for name, (before, after) in event.changes.items())
    else:
        what = "statut : " + OFFER_STATUSES.get(event.to_status, event.to_status)
    return f"{who}, le {datetime_fr(event.at)} : {what}"


def event_label(event: OfferEvent) -> str:
    """The kind of a history step, as a badge reads it (a first step is the creation)."""
    kind = "created" if event.kind == "status" and event.from_status is None else event.kind
    return EVENT_KINDS.get(kind, kind)


def _check_editable(actor: User, offer: Offer, version: int | None) -> None:
    if not can(actor, "offer.edit", offer):
        raise NotAllowed("Vous ne pouvez pas modifier cette offre.")
    if offer.merged_into_id is not None:
        raise Invalid("Cette offre a été fusionnée dans une autre : modifiez celle-ci.", "title")
    check_version(offer, version, OFFER_CHANGED, conflict_lines)


def update_offer(actor: User, offer: Offer, values: OfferValues, version: int,
                 today: date | None = None) -> Offer:
    """Save an offer edited from `version`; Conflict (listing the changes) when someone saved it
    in between."""
    today = today or clock.today()
    _check_editable(actor, offer, version)
    typed_start = values.start_date != offer.start_date
    if problems := offer_problems(values, today=today, start_date_typed=typed_start,
                                  organisation_id=offer.organisation_id, offer_id=offer.id):
        raise Invalid(problems)
    changes = apply_values(offer, values)
    if changes:
        _flush_signed(offer, record_event(offer, actor.id, "edit", offer.status, changes=changes))
    return offer


def status_actions(user: User, offer: Offer) -> list[StatusAction]:
    """The status buttons this user gets on this offer."""
    if not can(user, "offer.edit", offer) or offer.merged_into_id is not None:
        return []
    return [StatusAction(move.target, move.label) for move in WORKFLOW.available(user, offer)]


def change_status(actor: User, offer: Offer, to_status: str, *, note: str = "",
                  version: int | None = None, today: date | None = None) -> Offer:
    """Move an offer along the life cycle, dated and signed; Invalid for a move the table forbids."""
    today = today or clock.today()
    _check_editable(actor, offer, version)
    move = WORKFLOW.leading_to(offer.status, to_status, actor, offer)
    if move is None:
        raise Invalid(
            f"Impossible de passer une offre « {OFFER_STATUSES[offer.status]} » "
            f"à « {OFFER_STATUSES.get(to_status, to_status)} ».", "to_status")
    if to_status == "open" and offer.end_date is not None and offer.end_date < today:
        raise Invalid("La date de fin est passée : repoussez-la avant de rouvrir l'offre.", "to_status")
    event = WORKFLOW.advance(offer, move.key, actor, clock.now(), note, checked=True)
    if to_status == "open" and offer.published_at is None:
        offer.published_at = clock.now()
    if to_status == "filled":
        offer.positions_filled = max(offer.positions_filled, offer.positions)
    _flush_signed(offer, event)
    return offer


def fill_position(actor: User, offer: Offer, note: str) -> None:
    """A person was hired on this offer (see promotions.hiring): one more position filled, and
    the offer becomes "pourvue" when none is left. Signed by whoever recorded the hire."""
    from_status = offer.status
    offer.positions_filled = min(offer.positions_filled + 1, offer.positions)
    if offer.positions_filled >= offer.positions and offer.status in WORKFLOW.by_key["fill"].sources:
        offer.status = "filled"
    _flush_signed(offer, record_event(offer, actor.id, "hire", from_status, note))


def expire_offers(today: date) -> int:
    """Expire the open or suspended offers whose end date is before `today`; how many.

    Each one gets an unsigned "expired" event. Concurrent callers never expire an offer twice:
    the guarded UPDATE only returns the rows it changed."""
    expired = 0
    for from_status in EXPIRABLE:
        rows = db.session.execute(
            update(Offer)
            .where(Offer.status == from_status, Offer.end_date < today)
            .values(status="expired", version=Offer.version + 1)
            .returning(Offer.id, Offer.version),
            execution_options={"synchronize_session": False},
        ).all()
        for offer_id, version in rows:
            db.session.add(OfferEvent(
                offer_id=offer_id, user_id=None, kind="status", from_status=from_status,
                to_status="expired", version=version, note="Date de fin dépassée",
            ))
        expired += len(rows)
    if expired:
        db.session.flush()
        db.session.expire_all()
    return expired


def contacts_of(company_id: int | None) -> list[CompanyContact]:
    """The contacts an offer of this company may name."""
    if not company_id:
        return []
    return list(db.session.scalars(
        select(CompanyContact).where(CompanyContact.company_id == company_id).order_by(CompanyContact.name)
    ))
