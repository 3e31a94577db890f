"""Employment events: the territory's programme, one event, a new event."""

from datetime import date, time
from typing import Annotated, Literal

from pydantic import Field

from webapp.api.schemas.common import Body, InseeText, Instant, Out, Query
from webapp.events.models import EVENT_TYPES
from webapp.events.planning import MAX_TITLE

EventKind = Literal[tuple(EVENT_TYPES)]  # type: ignore[valid-type]
Sector = Annotated[str, Field(pattern=r"^[A-N]$", description=(
    "Grand domaine du ROME (`G` hôtellerie-restauration, `K` services à la personne…)."))]


class EventCompany(Out):
    id: int
    name: str


class EventOut(Out):
    id: int
    kind: str
    kind_label: str
    title: str
    on: date
    start_time: str | None = Field(description="Heure de début, HH:MM.")
    commune: str
    commune_name: str
    address: str
    sector: str | None
    description: str
    organisation: str
    companies: list[EventCompany]
    offers: list[str] = Field(description="Références des offres concernées.")
    updated_at: Instant | None


class EventQuery(Query):
    start: date | None = Field(None, description="Premier jour (aujourd'hui par défaut).")
    end: date | None = Field(None, description="Dernier jour compris.")
    kind: EventKind | None = None
    commune: InseeText | None = None


class EventPage(Out):
    items: list[EventOut]
    next_cursor: str | None


class EventCreate(Body):
    """A new event of the token's territory: the same rules as the form."""

    kind: EventKind
    title: Annotated[str, Field(min_length=1, max_length=MAX_TITLE)]
    on: date = Field(description="Le jour de l'événement (aujourd'hui ou plus tard).")
    start_time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] | None = None
    commune: InseeText
    address: Annotated[str, Field(max_length=250)] = ""
    sector: Sector | None = None
    description: Annotated[str, Field(max_length=4000)] = ""
    confirmed: bool = Field(False, description=(
        "À `true` pour confirmer malgré un autre événement du même secteur le même jour sur le "
        "territoire (sinon 409)."))


def parse_time(text: str | None) -> time | None:
    """"09:30" -> time(9, 30); the pattern above has checked the text."""
    return time.fromisoformat(text) if text else None
