"""The agenda of a session, built from what happened since the previous one, in sections.

Each section comes from a provider `provider(window) -> AgendaSection | None`. The cellule's own
providers give (10) the people put forward, (20) the follow-up of every promotion, (30) the
offers and hiring needs pooled, (40) the coming employment events; other features add theirs
(prospection items due, immersions under way...), choosing an `order` to sit between them; all
are listed in `registries.agenda_sections` (filled by webapp/contributions.py). The animateur's
reordering, notes and own entries are AgendaItem rows laid over the computed entries
(webapp/cellule/agenda_edit.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import groupby

from sqlalchemy import Row, Select, Subquery, bindparam, func, select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.calendar import earlier_sessions
from webapp.cellule.models import AgendaItem, CelluleSession
from webapp.core import registries
from webapp.core.clock import aware
from webapp.core.join_order import joins_as_written
from webapp.extensions import db
from webapp.profiles.labels import hidden_label, shows_person_clause
from webapp.profiles.models import Profile, ProfileTarget
from webapp.reference.models import RomeCode

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


# Sections read their rows as plain columns, not as records: a record per row (and its related
# records) costs more than the query. The person of an entry is read with it, with whether the
# reader may read their name (the rule of profiles/labels.py, as an SQL column).
PERSON_ORGANISATION = aliased(Organisation, name="person_organisation")


# What an entry reads of the person it shows, in a select made `with_person`.
PERSON_COLUMNS = (Profile.label.label("person_label"), Profile.reference.label("person_reference"),
                  PERSON_ORGANISATION.name.label("person_organisation"))


def person_shown_column(viewer: User):
    """Whether the reader may read the person's name, as a column: a section's select, made
    `with_person` and reading `PERSON_COLUMNS`, adds it for its reader."""
    return shows_person_clause(viewer).label("person_shown")


def with_person(statement: Select, profile_id) -> Select:
    """The select joined to the person whose id is `profile_id` (a column of the select)."""
    return (statement.join(Profile, Profile.id == profile_id)
            .join(PERSON_ORGANISATION, PERSON_ORGANISATION.id == Profile.organisation_id))


def with_targets(statement: Select, profile_id) -> Select:
    """The select joined to the target jobs of the person whose id is `profile_id`, in their
    order after the select's own: a row per target (`target_code`, `target_label`), one without
    for a person who has none; `with_their_targets` reads them back, a row per person."""
    return (statement.add_columns(ProfileTarget.rome_code.label("target_code"),
                                  RomeCode.label.label("target_label"))
            .outerjoin(ProfileTarget, ProfileTarget.profile_id == profile_id)
            .outerjoin(RomeCode, RomeCode.code == ProfileTarget.rome_code)
            .order_by(ProfileTarget.rank, ProfileTarget.id))


def grouped_by_id(rows, item: Callable[[Row], object]) -> list[tuple[Row, list]]:
    """The rows of a select joined to a list of each of its records (a row per item, a record's
    rows next to each other, keyed by `id`), a row per record with its items as `item` reads
    them from each row (None for the one row of a record without any)."""
    return [(first, [value for row in (first, *others) if (value := item(row)) is not None])
            for _, (first, *others) in groupby(rows, key=lambda row: row.id)]


def with_their_targets(rows) -> list[tuple[Row, list[tuple[str, str]]]]:
    """The rows of a `with_targets` select (keyed by `id`), a row per person with their target
    jobs in order: (ROME code, label)."""
    return grouped_by_id(rows, lambda row: (row.target_code, row.target_label)
                         if row.target_label is not None else None)


def person_shown(row: Row) -> bool:
    """Whether the reader may read the name of the row's person (see `person_shown_column`)."""
    return bool(row.person_shown)


def shown_person(row: Row) -> dict:
    """An entry's `profile_id` and `profile_reference` when the reader may read the person."""
    if not person_shown(row):
        return {}
    return {"profile_id": row.profile_id, "profile_reference": row.person_reference}


def person_text(row: Row) -> str:
    """The row's person as the reader may read them: their label, else who follows them."""
    if person_shown(row):
        return row.person_label or row.person_reference
    return hidden_label(row.person_organisation)


def listed_rows_and_total(statement: Select, limit: int) -> tuple[list[Row], int]:
    """The first `limit` rows of a select and how many it selects in all, in one statement:
    the count is a window over every row, taken before the limit."""
    rows = db.session.execute(
        statement.add_columns(func.count().over().label("listed_total")).limit(limit)).all()
    return rows, (rows[0].listed_total if rows else 0)


# A section builds its select once per process, the window's values bound at execution (building
# a select costs more than executing its cached SQL); the reader's rights, a column or two,
# are added to it on each view.
_SELECTS_BUILT: dict[str, Select] = {}


def built_select(key: str, build: Callable[[], Select]) -> Select:
    """`build()`'s select, built on the first call for `key` only."""
    statement = _SELECTS_BUILT.get(key)
    if statement is None:
        statement = _SELECTS_BUILT[key] = build()
    return statement


def listed_select(key: str, build: Callable[[], Select]) -> Select:
    """`build()`'s select with its total and its limit (`listed_limit`) as in
    `listed_rows_and_total`, built on the first call for `key` only."""
    return built_select(key, lambda: build().add_columns(
        func.count().over().label("listed_total")).limit(bindparam("listed_limit")))


def listed_first(model, conditions, order_by) -> Subquery:
    """The rows of `model` a section lists, chosen on that table alone: filtered, ordered,
    counted (`listed_total`, a window over every row, before the limit) and limited
    (`listed_limit`). The section's select joins these rows back to `model` by id and looks up
    its names for them only: joined before the limit, PostgreSQL looks them up for every row
    it filters (at demo x10, 160 pooled offers and 40 immersions for 10 listed) and plans the
    filtering around the joins."""
    return (select(model.id, func.count().over().label("listed_total"))
            .where(*conditions).order_by(*order_by).limit(bindparam("listed_limit"))
            .subquery("listed"))


def window_parameters(window: "AgendaWindow", limit: int) -> dict:
    """The values a `listed_select` (or `listed_first`) of the window binds: `since`, `until`, `pole_ids` and
    `listed_limit` (the entries the section lists)."""
    return {"since": window.since, "until": window.until, "pole_ids": list(window.pole_ids),
            "listed_limit": window.listed(limit)}


def listed_rows_and_total_of(statement: Select, parameters: dict) -> tuple[list[Row], int]:
    """`listed_rows_and_total` for a `listed_select`, its values given."""
    rows = db.session.execute(statement, parameters).all()
    return rows, (rows[0].listed_total if rows else 0)


def listed_and_total(statement: Select, limit: int) -> tuple[list, int]:
    """The first `limit` entities of a one-entity select and how many it selects in all, in one
    statement."""
    rows, total = listed_rows_and_total(statement, limit)
    return [row[0] for row in rows], total


def counted(total: int, listed: int, limit: int) -> dict[str, int]:
    """A section's `folded` and `left_out` counts: of `total` entries, `listed` are listed and
    `limit` could be (the rest of the limit is folded, what lies beyond it is left out)."""
    return {"folded": min(total, limit) - listed, "left_out": max(total - limit, 0)}


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


def _previous_start_and_items(session: CelluleSession) -> tuple[datetime | None, dict[str, AgendaItem]]:
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

