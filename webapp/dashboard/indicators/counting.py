"""Counting people by organisation and category in one GROUP BY, then protecting the table
(small-cell rule) before anything is read from it; and building the usual figures from it."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from webapp.dashboard.indicators.charts import Bar
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.privacy import ProtectedTable, Shown, protect
from webapp.dashboard.indicators.registry import Context
from webapp.dashboard.indicators.results import Headline, count_trend
from webapp.extensions import db
from webapp.profiles.models import Profile

TOTAL = "total"
NOW, BEFORE = "now", "before"


@dataclass(frozen=True)
class Source:
    """Where people are counted from: the table, the person's id, the organisation and the
    territory columns (a profile's own by default; an immersion's prescriber, for instance)."""

    table: object = field(default_factory=lambda: Profile)
    person: object = field(default_factory=lambda: Profile.id)
    organisation: object = field(default_factory=lambda: Profile.organisation_id)
    pole: object = field(default_factory=lambda: Profile.pole_id)


PROFILES = Source()


def people_counts(ctx: Context, category, *conditions, source: Source = PROFILES,
                  joins: Sequence = ()) -> dict:
    """{(organisation id, category): distinct people} in the territory (category None: "total").

    `category` may be a tuple of expressions (the key is then the tuple of their values);
    `joins`: (target, on clause) or (target, on clause, True) for an outer join."""
    categories = [] if category is None else list(category) if isinstance(category, tuple) else [category]
    columns = [source.organisation, *categories]
    # A row is a person unless a join repeats it: count them distinct only then (cheaper).
    counted = func.count(func.distinct(source.person)) if joins else func.count(source.person)
    statement = select(*columns, counted).select_from(source.table)
    for target, on, *outer in joins:
        statement = statement.join(target, on, isouter=bool(outer and outer[0]))
    statement = statement.where(ctx.in_territory(source.pole), *conditions).group_by(*columns)
    counts: dict = {}
    for row in db.session.execute(statement):
        value = tuple(row[1:-1]) if len(categories) > 1 else row[1] if categories else TOTAL
        key = (row[0], value)
        counts[key] = counts.get(key, 0) + int(row[-1])
    return counts


def people_table(ctx: Context, category, categories: Iterable, *conditions,
                 source: Source = PROFILES, joins: Sequence = (), additive: bool = True) -> ProtectedTable:
    """Distinct people by (organisation, category), protected by the small-cell rule."""
    counts = people_counts(ctx, category, *conditions, source=source, joins=joins)
    labels = list(categories) if category is not None else [TOTAL]
    return protect(counts, labels, additive=additive and category is not None)


def period_window(when, now: Period, before: Period, on_dates: bool):
    """(SQL "now"/"before" of the row, the conditions of both periods together)."""
    start, middle, end = ((before.start, now.start, now.end) if on_dates
                          else (before.start_at, now.start_at, now.end_at))
    return case((when >= middle, NOW), else_=BEFORE), (when >= start, when < end)


def counts_by_period(ctx: Context, when, category, *conditions, on_dates: bool = False,
                     source: Source = PROFILES, joins: Sequence = (),
                     periods: tuple[Period, Period] | None = None) -> tuple[dict, dict]:
    """people_counts for the period and the previous one, in one query: `when` (a date when
    `on_dates`, else a timestamp) places each row in one of them. `periods` (now, before)
    replaces the context's, e.g. cohorts followed for some months."""
    now, before = periods or (ctx.period, ctx.previous)
    which, window = period_window(when, now, before, on_dates)
    extra = () if category is None else category if isinstance(category, tuple) else (category,)
    counts = people_counts(ctx, (which, *extra) if extra else which, *window, *conditions,
                           source=source, joins=joins)
    split: dict[str, dict] = {NOW: {}, BEFORE: {}}
    for (organisation, key), n in counts.items():
        period, rest = (key[0], key[1:]) if extra else (key, ())
        split[period][organisation, rest[0] if len(rest) == 1 else rest if rest else TOTAL] = n
    return split[NOW], split[BEFORE]


def people_tables(ctx: Context, when, category, categories: Iterable, *conditions, on_dates: bool = False,
                  source: Source = PROFILES, joins: Sequence = (), additive: bool = True,
                  periods: tuple[Period, Period] | None = None) -> tuple[ProtectedTable, ProtectedTable]:
    """people_table for the period and the previous one (see counts_by_period)."""
    labels = list(categories) if category is not None else [TOTAL]
    return tuple(protect(counts, labels, additive=additive and category is not None)
                 for counts in counts_by_period(ctx, when, category, *conditions, on_dates=on_dates,
                                                source=source, joins=joins, periods=periods))


def one_count(table: ProtectedTable, ctx: Context) -> Shown:
    """The single figure of a table counted without category."""
    return table.view(ctx.organisation_id)[TOTAL]


def count_headline(label: str, current: Shown, previous: Shown, ctx: Context, detail: str = "",
                   higher_is_better: bool | None = None) -> Headline:
    """A big number of people with its trend (none when either figure is masked)."""
    return Headline(label, current.text, detail, count_trend(current, previous, ctx.previous_label,
                                                             higher_is_better), current.hidden)


def snapshot_headline(label: str, figure: Shown, detail: str = "") -> Headline:
    """A big number describing today (no trend)."""
    return Headline(label, figure.text, detail, None, figure.hidden)


def bars(labels: dict, figures: dict) -> list[Bar]:
    """One bar per category, in the order of `labels`, masked figures drawn as stubs."""
    return [Bar(label, figures[key].value, figures[key].text) for key, label in labels.items()]


def figure_rows(labels: dict, *columns: dict) -> tuple[tuple[str, ...], ...]:
    """Table rows: each label, then its figure in every column (masks written as such)."""
    return tuple((label, *(column[key].text for column in columns)) for key, label in labels.items())
