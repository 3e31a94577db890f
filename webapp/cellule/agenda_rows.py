"""How the agenda's sections read their rows: plain columns, not records; the person of an entry
and whether the reader may read their name; the listed entries chosen, counted and limited in
the section's one statement, built once per process."""

from collections.abc import Callable
from itertools import groupby

from sqlalchemy import Row, Select, Subquery, bindparam, func, select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda import AgendaWindow
from webapp.extensions import db
from webapp.profiles.labels import hidden_label, shows_person_clause
from webapp.profiles.models import Profile, ProfileTarget
from webapp.reference.models import RomeCode

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


def window_parameters(window: AgendaWindow, limit: int) -> dict:
    """The values a `listed_select` (or `listed_first`) of the window binds: `since`, `until`,
    `pole_ids` and `listed_limit` (the entries the section lists)."""
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
