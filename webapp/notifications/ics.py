"""iCalendar files: one session or event (the ".ics" download) and a user's private feed.

Times are written in Europe/Paris; each item keeps the same UID across updates, so a
calendar application replaces it rather than adding a copy; a cancelled session says so."""

import hashlib
import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import or_, select

from webapp.accounts.models import User
from webapp.cellule.models import CelluleMember, CelluleSession
from webapp.core import clock
from webapp.core.clock import PARIS, aware
from webapp.events.models import EmploymentEvent
from webapp.extensions import db
from webapp.notifications.calendar_items import items_for
from webapp.notifications.models import CalendarFeed

UID_DOMAIN = "passerelle.cd13"
SESSION_LENGTH = timedelta(hours=2)
EVENT_LENGTH = timedelta(hours=3)
FEED_PAST = timedelta(days=60)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Passerelle//Task force entreprises 13//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def session_event(session: CelluleSession, url: str) -> Event:
    start = aware(session.scheduled_at).astimezone(PARIS)
    item = Event()
    item.add("uid", f"cellule-session-{session.id}@{UID_DOMAIN}")
    item.add("summary", f"Cellule emploi : {session.cellule.name}")
    item.add("dtstart", start)
    item.add("dtend", start + SESSION_LENGTH)
    item.add("dtstamp", clock.now())
    item.add("location", session.place or session.cellule.place or "")
    item.add("url", url)
    item.add("sequence", session.version or 0)
    if session.status == "cancelled":
        item.add("status", "CANCELLED")
    else:
        item.add("status", "CONFIRMED")
    return item


def employment_event(event: EmploymentEvent, url: str) -> Event:
    item = Event()
    item.add("uid", f"evenement-emploi-{event.id}@{UID_DOMAIN}")
    item.add("summary", event.title)
    if event.start_time is not None:
        start = datetime.combine(event.on, event.start_time, tzinfo=PARIS)
        item.add("dtstart", start)
        item.add("dtend", start + EVENT_LENGTH)
    else:
        item.add("dtstart", event.on)
    item.add("dtstamp", clock.now())
    item.add("location", ", ".join(p for p in (event.address, event.commune.name) if p))
    item.add("url", url)
    item.add("sequence", event.version or 0)
    return item


def named_calendar(name: str) -> Calendar:
    return _calendar(name)


def one_item_calendar(name: str, item: Event) -> bytes:
    calendar = _calendar(name)
    calendar.add_component(item)
    return calendar.to_ical()


def feed_for(user: User, absolute) -> bytes:
    """The user's sessions (cellules they belong to), employment events of their
    organisations, immersions they follow, their cards' meetings and their actions with a due
    date (calendar_items.py), from two months ago on."""
    since = clock.now() - FEED_PAST
    calendar = _calendar("Passerelle")
    sessions = db.session.scalars(
        select(CelluleSession).where(
            CelluleSession.cellule_id.in_(
                select(CelluleMember.cellule_id).where(CelluleMember.user_id == user.id)),
            CelluleSession.scheduled_at >= since,
        ).order_by(CelluleSession.scheduled_at)
    )
    for session in sessions:
        calendar.add_component(session_event(session, absolute(f"/cellule/seances/{session.id}")))
    events = db.session.scalars(
        select(EmploymentEvent).where(
            or_(EmploymentEvent.created_by_id == user.id,
                EmploymentEvent.organisation_id.in_(user.organisation_ids or {0})),
            EmploymentEvent.on >= since.date(),
        ).order_by(EmploymentEvent.on)
    )
    for event in events:
        calendar.add_component(employment_event(event, absolute(f"/cellule/evenements/{event.id}")))
    for item in items_for(user, since, absolute):
        calendar.add_component(item)
    return calendar.to_ical()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_token(user: User) -> str:
    """A new secret for the user's feed; the previous URL stops working. Flush."""
    token = secrets.token_urlsafe(24)
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
    feed.token_hash, feed.created_at = _hash(token), clock.now()
    db.session.flush()
    return token


def revoke_feed(user: User) -> None:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is not None:
        db.session.delete(feed)
        db.session.flush()


def has_feed(user: User) -> bool:
    return db.session.scalar(select(CalendarFeed.id).where(CalendarFeed.user_id == user.id)) is not None


def user_of_feed(token: str) -> User | None:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    user = db.session.get(User, feed.user_id) if feed else None
    return user if user is not None and user.active else None
