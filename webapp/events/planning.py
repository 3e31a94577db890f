"""Employment events of a territory: forum, job dating, company visit, information session,
"rallye entreprises"; the employers and offers concerned and the people invited. Two events of
the same territory and sector on the same day ask for a confirmation first."""

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import can, scope_for, visible_clause
from webapp.events.models import EVENT_TYPES, EmploymentEvent, EventInvitation
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.reference.models import Commune, RomeDomain

MAX_TITLE = 200


@dataclass(frozen=True)
class EventInput:
    kind: str
    title: str
    on: date | None
    commune_insee: str
    start_time: time | None = None
    address: str = ""
    sector: str = ""
    description: str = ""


EVENT_CHANGED = "Cet événement a été modifié entre-temps : rechargez la page."


class SameDayEvents(Conflict):
    """Events of the same territory and sector already fall on that day."""

    def __init__(self, events: list[EmploymentEvent]):
        names = " ; ".join(f"« {e.title} » ({e.kind_label}, {e.commune.name})" for e in events)
        super().__init__(
            f"Le même jour, sur le même territoire et dans le même secteur : {names}. "
            "Vérifiez avec les organisateurs, puis confirmez si les deux doivent avoir lieu."
        )
        self.events = events


def sectors() -> list[tuple[str, str]]:
    """The ROME grand domains, the sectors an event is filed under."""
    return list(
        db.session.execute(
            select(RomeDomain.code, RomeDomain.label)
            .where(RomeDomain.code.not_like("__%"))
            .order_by(RomeDomain.code)
        ).all()
    )


def event_problems(values: EventInput, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if values.kind not in EVENT_TYPES:
        problems["kind"] = "Type : choisissez un type d'événement."
    if not values.title.strip():
        problems["title"] = "Intitulé : donnez un nom à l'événement."
    elif len(values.title) > MAX_TITLE:
        problems["title"] = f"Intitulé : {MAX_TITLE} caractères au plus."
    if values.on is None:
        problems["on"] = "Date : indiquez le jour de l'événement."
    elif values.on < today:
        problems["on"] = "Date : elle ne peut pas être déjà passée."
    commune = db.session.get(Commune, values.commune_insee) if values.commune_insee else None
    if commune is None or commune.pole_id is None:
        problems["commune_insee"] = (
            "Lieu : choisissez une commune des Bouches-du-Rhône dans la liste."
        )
    if values.sector and values.sector not in dict(sectors()):
        problems["sector"] = "Secteur : choisissez un secteur dans la liste."
    return problems


def check_event(values: EventInput, today: date) -> None:
    """Invalid naming every problem of the typed event at once (the form's check)."""
    if problems := event_problems(values, today):
        raise Invalid(problems)


def same_day_events(
    values: EventInput, pole_id: int | None, exclude_id: int | None = None
) -> list[EmploymentEvent]:
    """Events of the same pôle and sector on the same day."""
    if not values.sector or values.on is None:
        return []
    return list(
        db.session.scalars(
            select(EmploymentEvent).where(
                EmploymentEvent.on == values.on,
                EmploymentEvent.pole_id == pole_id,
                EmploymentEvent.sector == values.sector,
                EmploymentEvent.id != (exclude_id or 0),
            )
        )
    )


def organiser_of(actor: User):
    """The organisation in which the actor organises events."""
    return next(
        (m.organisation for m in actor.memberships if scope_for(m.role, "event.manage")), None
    )


def _save(
    actor: User, event: EmploymentEvent, values: EventInput, now: datetime, confirmed: bool
) -> None:
    if problems := event_problems(values, now.date()):
        raise Invalid(problems)
    pole_id = db.session.get(Commune, values.commune_insee).pole_id
    with db.session.no_autoflush:
        event.kind, event.title, event.on, event.start_time = (
            values.kind,
            values.title.strip(),
            values.on,
            values.start_time,
        )
        event.commune_insee, event.pole_id, event.address = (
            values.commune_insee,
            pole_id,
            values.address.strip(),
        )
        event.sector, event.description = values.sector or None, values.description.strip()
        if not can(actor, "event.manage", event):
            raise NotAllowed("Vous n'organisez des événements que sur votre territoire.")
        if not confirmed and (clashes := same_day_events(values, pole_id, event.id)):
            raise SameDayEvents(clashes)


def create_event(
    actor: User, values: EventInput, now: datetime, confirmed: bool = False
) -> EmploymentEvent:
    """A new event of the actor's territory; SameDayEvents until a clash is confirmed."""
    organisation = organiser_of(actor)
    if organisation is None:
        raise NotAllowed("Vous ne pouvez pas organiser d'événement.")
    event = EmploymentEvent(organisation_id=organisation.id, created_by_id=actor.id)
    _save(actor, event, values, now, confirmed)
    db.session.add(event)
    db.session.flush()
    return event


def update_event(
    actor: User,
    event: EmploymentEvent,
    values: EventInput,
    version: int,
    now: datetime,
    confirmed: bool = False,
) -> None:
    if not can(actor, "event.manage", event):
        raise NotAllowed("Vous ne pouvez pas modifier cet événement.")
    check_version(event, version, EVENT_CHANGED)
    _save(actor, event, values, now, confirmed)
    flush_or_conflict(event, EVENT_CHANGED)


def add_company(actor: User, event: EmploymentEvent, company: Company | None) -> None:
    if not can(actor, "event.manage", event):
        raise NotAllowed("Vous ne pouvez pas modifier cet événement.")
    company = resolve_merged(company)
    if company is None:
        raise Invalid("Employeur : choisissez une entreprise dans la liste.", "company_id")
    if company not in event.companies:
        event.companies.append(company)
        db.session.flush()


def add_offer(actor: User, event: EmploymentEvent, offer: Offer | None) -> None:
    """An offer of one of the event's employers."""
    if not can(actor, "event.manage", event):
        raise NotAllowed("Vous ne pouvez pas modifier cet événement.")
    if offer is None or offer.company not in event.companies or not can(actor, "offer.view", offer):
        raise Invalid("Offre : choisissez une offre d'un employeur de l'événement.", "offer_id")
    if offer not in event.offers:
        event.offers.append(offer)
        db.session.flush()


def offer_choices(actor: User, event: EmploymentEvent) -> list[Offer]:
    """The open offers of the event's employers that the actor may see, not yet attached."""
    if not event.companies:
        return []
    return [
        offer
        for offer in db.session.scalars(
            select(Offer)
            .where(
                Offer.company_id.in_([c.id for c in event.companies]),
                Offer.status == "open",
                visible_clause(actor, "offer.view", Offer),
            )
            .order_by(Offer.title)
            .limit(100)
        )
        if offer not in event.offers
    ]


def invite(actor: User, event: EmploymentEvent, profile: Profile, now: datetime) -> EventInvitation:
    """An AE invites one of their people (who agreed to meet employers)."""
    if not can(actor, "event.invite", event) or not can(actor, "profile.edit", profile):
        raise NotAllowed(
            "Vous n'invitez que les personnes que vous accompagnez, aux événements de votre territoire."
        )
    if not profile.consent_promotion:
        raise Invalid(
            f"{profile.display_label} n'a pas donné son accord pour rencontrer des employeurs.",
            "profile_id",
        )
    if event.on < now.date():
        raise Invalid(f"Cet événement a eu lieu le {date_fr(event.on)}.")
    found = next((i for i in event.invitations if i.profile_id == profile.id), None)
    if found is not None:
        return found
    invitation = EventInvitation(profile_id=profile.id, invited_by_id=actor.id, at=now)
    event.invitations.append(invitation)
    db.session.flush()
    return invitation


def visible_invitations(viewer: User, event: EmploymentEvent) -> list[EventInvitation]:
    """The invitations of people the viewer may see (the others are only counted)."""
    return [i for i in event.invitations if can(viewer, "profile.view", i.profile)]


def upcoming_events(user: User, today: date, limit: int = 100) -> list[EmploymentEvent]:
    """The events of the user's territory from today on, soonest first."""
    return list(
        db.session.scalars(
            select(EmploymentEvent)
            .where(
                visible_clause(user, "event.view", EmploymentEvent),
                EmploymentEvent.on >= today,
            )
            .order_by(EmploymentEvent.on, EmploymentEvent.id)
            .limit(limit)
        )
    )


def invitable_profiles(user: User, event: EmploymentEvent, limit: int = 300) -> list[Profile]:
    """The user's people who agreed to meet employers and are not invited yet."""
    invited = {invitation.profile_id for invitation in event.invitations}
    people = db.session.scalars(
        select(Profile)
        .where(
            visible_clause(user, "profile.edit", Profile),
            Profile.consent_promotion.is_(True),
            Profile.status.not_in(("left", "hired")),
        )
        .order_by(Profile.label, Profile.id)
        .limit(limit)
    )
    return [person for person in people if person.id not in invited]
