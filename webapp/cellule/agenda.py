"""The agenda of a session, built from what happened since the previous one, in sections.

Each section comes from a provider `provider(window) -> AgendaSection | None`. The cellule's own
providers give (10) the people put forward, (20) the follow-up of every promotion, (30) the
offers and hiring needs pooled, (40) the coming employment events; other features add theirs
(prospection items due, immersions under way...), choosing an `order` to sit between them; all
are listed in `registries.agenda_sections` (filled by webapp/contributions.py). The animateur's
reordering, notes and own entries are AgendaItem rows laid over the computed entries
(webapp/cellule/agenda_edit.py).
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.cellule.calendar import earlier_sessions
from webapp.cellule.models import AgendaItem, CelluleSession
from webapp.core import registries
from webapp.core.clock import aware
from webapp.core.join_order import joins_as_written
from webapp.extensions import db

FIRST_SESSION_LOOKBACK = timedelta(days=30)  # a first session looks back a month
UNORDERED = 10_000
FOLD = 10  # entries a section lists on the page; « voir les autres » brings the rest (htmx)


@dataclass(frozen=True)
class AgendaEntry:
    key: str  # unique in the session: "proposal:12", "promotion:40", "free:9f2c..."
    title: str
    lines: tuple[str, ...] = ()
    link: tuple[str, dict] | None = None  # (endpoint, arguments) for url_for
    profile_id: int | None = None  # shown to the reader: the view logs the display
    profile_reference: str | None = None  # of that person, read with the entry (for the log)
    proposal_id: int | None = None
    note: str = ""
    version: int | None = None  # of the AgendaItem holding the note, when there is one
    free: bool = False


@dataclass(frozen=True)
class AgendaSection:
    key: str
    title: str
    order: int
    entries: tuple[AgendaEntry, ...]
    empty_text: str = "Rien de nouveau depuis la dernière séance."
    left_out: int = 0  # entries beyond the section's limit, counted but not listed
    left_out_text: str = "dans le vivier d'offres et la file des besoins"
    folded: int = 0  # entries within the limit not listed yet: « voir les autres » lists them

    @property
    def profile_ids(self) -> set[int]:
        """The people whose profile the section shows (for the access log)."""
        return {entry.profile_id for entry in self.entries if entry.profile_id}


def references_of(sections) -> dict[int, str]:
    """The profile references the entries of these sections read, by profile id."""
    return {entry.profile_id: entry.profile_reference for section in sections
            for entry in section.entries if entry.profile_id and entry.profile_reference}


@dataclass(frozen=True)
class AgendaWindow:
    """What a provider needs: the session, who reads, since when, and the territory."""

    session: CelluleSession
    viewer: User
    since: datetime
    until: datetime
    pole_ids: tuple[int, ...]
    fold: int | None = None  # entries a section lists at most (its own limit permitting)

    def listed(self, limit: int) -> int:
        """How many entries a section limited to `limit` lists in this window."""
        return limit if self.fold is None else min(limit, self.fold)


@dataclass(frozen=True)
class Agenda:
    window: AgendaWindow
    sections: tuple[AgendaSection, ...]

    @property
    def profile_ids(self) -> list[int]:
        """The people whose profile the agenda shows (for the access log)."""
        return sorted(set().union(*(section.profile_ids for section in self.sections)))

    @property
    def profile_references(self) -> dict[int, str]:
        """The references of those people, as the sections read them (no query to log them)."""
        return references_of(self.sections)

    def section_of(self, key: str) -> AgendaSection | None:
        return next((s for s in self.sections if any(e.key == key for e in s.entries)), None)


def _previous_start_and_items(
        session: CelluleSession) -> tuple[datetime | None, dict[str, AgendaItem]]:
    """When the previous session started (None before a first one) and the animateur's items
    of this one, by key, in one statement: the one row of the previous start, joined to the
    items."""
    previous = (select(func.max(CelluleSession.scheduled_at).label("scheduled_at"))
                .where(*earlier_sessions(session)).subquery("previous"))
    rows = db.session.execute(
        select(previous.c.scheduled_at, AgendaItem).select_from(previous)
        .outerjoin(AgendaItem, AgendaItem.session_id == session.id)).all()
    return rows[0].scheduled_at, {item.key: item for _, item in rows if item is not None}


def window_of(session: CelluleSession, viewer: User, previous_start: datetime | None,
              fold: int | None = None) -> AgendaWindow:
    """From the previous session's start (a month back for a first one) to this one."""
    until = aware(session.scheduled_at)
    since = aware(previous_start) if previous_start else until - FIRST_SESSION_LOOKBACK
    return AgendaWindow(session, viewer, since, until, tuple(session.cellule.pole_ids), fold)


def _arranged(section: AgendaSection, items: dict[str, AgendaItem]) -> AgendaSection:
    """The section with the animateur's entries added, notes attached and order applied."""
    free = [
        AgendaEntry(item.key, item.title, free=True)
        for item in items.values()
        if item.section == section.key and item.key.startswith("free:")
    ]
    entries = [*section.entries, *sorted(free, key=lambda entry: items[entry.key].id)]
    natural = {entry.key: index for index, entry in enumerate(entries)}

    def place(entry: AgendaEntry) -> tuple[int, int]:
        item = items.get(entry.key)
        position = item.position if item is not None and item.position is not None else None
        return (
            position if position is not None else UNORDERED + natural[entry.key],
            natural[entry.key],
        )

    noted = [
        replace(entry, note=items[entry.key].note, version=items[entry.key].version)
        if entry.key in items
        else entry
        for entry in entries
    ]
    return replace(section, entries=tuple(sorted(noted, key=place)))


def _provided(provider, window: AgendaWindow, touched: set[str]) -> AgendaSection | None:
    """The provider's section; whole when the animateur touched it (moved an entry, wrote a
    note, added a point): an arranged section is never folded."""
    section = provider(window)
    if section is not None and section.folded and section.key in touched:
        section = provider(replace(window, fold=None))
    return section


def build_agenda(session: CelluleSession, viewer: User, fold: int | None = None) -> Agenda:
    """Every section of the session's agenda, in order, as the animateur arranged it; with
    `fold`, the sections nobody touched list that many entries and count the others."""
    previous_start, items = _previous_start_and_items(session)
    window = window_of(session, viewer, previous_start, fold)
    touched = {item.section for item in items.values()}
    # each contribution of registries.agenda_sections is provider(window): a section or None;
    # each section's statement starts from its table and looks names up by key
    with joins_as_written():
        sections = [section for provider in registries.agenda_sections
                    if (section := _provided(provider, window, touched))]
    arranged = tuple(
        _arranged(section, items) for section in sorted(sections, key=lambda s: s.order)
    )
    return Agenda(window, arranged)

