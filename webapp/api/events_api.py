"""Employment events through the API: the programme of the token's territory, one event, and a
new event, through the events feature's own service (webapp/events/planning.py)."""

from sqlalchemy import select

from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem, invalid
from webapp.api.routes import endpoint
from webapp.api.schemas.events import EventCreate, EventOut, EventPage, EventQuery, parse_time
from webapp.api.validation import json_body, paged, query
from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can, visible_clause
from webapp.events.models import EmploymentEvent
from webapp.events.planning import EventInput, SameDayEvents, create_event
from webapp.extensions import db

API_FIELDS = {"commune_insee": "commune"}


def event_out(event: EmploymentEvent) -> dict:
    """An event as the API shows it: never the people invited."""
    return EventOut(
        id=event.id, kind=event.kind, kind_label=event.kind_label, title=event.title, on=event.on,
        start_time=event.start_time.strftime("%H:%M") if event.start_time else None,
        commune=event.commune_insee, commune_name=event.commune.display_name,
        address=event.address, sector=event.sector, description=event.description,
        organisation=event.organisation.name,
        companies=[{"id": c.id, "name": c.name} for c in event.companies],
        offers=[offer.reference for offer in event.offers], updated_at=event.updated_at,
    ).model_dump(mode="json")


@endpoint("GET", "/events", summary="Lister les événements emploi du territoire",
          scope="events:read", query=EventQuery, response=EventPage, errors=(400,))
def list_events(principal: TokenPrincipal):
    params = query(EventQuery)
    start = params.start or clock.today()
    statement = select(EmploymentEvent).where(
        visible_clause(principal, "event.view", EmploymentEvent), EmploymentEvent.on >= start)
    if params.end is not None:
        statement = statement.where(EmploymentEvent.on <= params.end)
    if params.kind:
        statement = statement.where(EmploymentEvent.kind == params.kind)
    if params.commune:
        statement = statement.where(EmploymentEvent.commune_insee == params.commune)
    return paged(params, statement.order_by(EmploymentEvent.on, EmploymentEvent.id), event_out)


@endpoint("GET", "/events/<int:event_id>", summary="Lire un événement emploi",
          scope="events:read", response=EventOut, errors=(404,))
def get_event(principal: TokenPrincipal, event_id: int):
    event = db.session.get(EmploymentEvent, event_id)
    if event is None or not can(principal, "event.view", event):
        raise ApiProblem(404, f"Aucun événement n° {event_id} accessible avec ce jeton.")
    return event_out(event)


@endpoint("POST", "/events", summary="Créer un événement emploi sur votre territoire",
          scope="events:write", body=EventCreate, response=EventOut, status=201,
          errors=(400, 403, 409, 415, 422), headers={"Location": "Adresse de l'événement créé."},
          description="Mêmes règles que le formulaire. Un autre événement du même secteur le "
                      "même jour sur le territoire donne 409 (`same_day` les nomme) : renvoyez "
                      "avec `confirmed: true` s'il doit bien avoir lieu.")
def post_event(principal: TokenPrincipal):
    typed = json_body(EventCreate)
    values = EventInput(kind=typed.kind, title=typed.title, on=typed.on,
                        commune_insee=typed.commune, start_time=parse_time(typed.start_time),
                        address=typed.address, sector=typed.sector or "",
                        description=typed.description)
    try:
        event = create_event(principal, values, clock.now(), confirmed=typed.confirmed)
    except SameDayEvents as clash:
        raise ApiProblem(409, clash.message, same_day=[e.id for e in clash.events]) from None
    except Invalid as error:
        raise invalid({API_FIELDS.get(name, name or "evenement"): message
                       for name, message in error.problems.items()}) from None
    except NotAllowed as error:
        raise ApiProblem(403, error.message) from None
    db.session.commit()
    return event_out(event), 201, {"Location": f"/api/v1/events/{event.id}"}
