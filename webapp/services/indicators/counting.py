"""Counting people by organisation and category in one GROUP BY, then protecting the table
(small-cell rule) before anything is read from it; and building the usual figures from it."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Profile
from webapp.services.indicators.charts import Bar
from webapp.services.indicators.privacy import ProtectedTable, Shown, protect
from webapp.services.indicators.registry import Context
from webapp.services.indicators.results import Headline, count_trend

TOTAL = "total"


@dataclass(frozen=True)
class Source:
    """Where people are counted from: the table, the person's id, the organisation and the
    territory columns (a profile's own by default; an immersion's prescriber, for instance)."""

    table: object = Profile
    person: object = Profile.id
    organisation: object = Profile.organisation_id
    pole: object = Profile.pole_id


PROFILES = Source()


def people_counts(ctx: Context, category, *conditions, source: Source = PROFILES,
                  joins: Sequence = ()) -> dict:
    """{(organisation id, category): distinct people} in the territory (category None: "total")."""
    columns = [source.organisation] + ([category] if category is not None else [])
    statement = select(*columns, func.count(func.distinct(source.person))).select_from(source.table)
    for target, on in joins:
        statement = statement.join(target, on)
    statement = statement.where(ctx.in_territory(source.pole), *conditions).group_by(*columns)
    counts: dict = {}
    for row in db.session.execute(statement):
        key = (row[0], row[1] if category is not None else TOTAL)
        counts[key] = counts.get(key, 0) + int(row[-1])
    return counts


def people_table(ctx: Context, category, categories: Iterable, *conditions,
                 source: Source = PROFILES, joins: Sequence = (), additive: bool = True) -> ProtectedTable:
    """Distinct people by (organisation, category), protected by the small-cell rule."""
    counts = people_counts(ctx, category, *conditions, source=source, joins=joins)
    labels = list(categories) if category is not None else [TOTAL]
    return protect(counts, labels, additive=additive and category is not None)


def one_count(table: ProtectedTable, ctx: Context) -> Shown:
    """The single figure of a table counted without category."""
    return table.view(ctx.organisation_id)[TOTAL]


def count_headline(label: str, current: Shown, previous: Shown, ctx: Context, detail: str = "",
                   higher_is_better: bool | None = None) -> Headline:
    """A big number of people with its trend (none when either figure is masked)."""
    return Headline(label, current.text, detail, count_trend(current, previous, ctx.previous_label,
                                                             higher_is_better), current.hidden)


def bars(labels: dict, figures: dict) -> list[Bar]:
    """One bar per category, in the order of `labels`, masked figures drawn as stubs."""
    return [Bar(label, figures[key].value, figures[key].text) for key, label in labels.items()]


def figure_rows(labels: dict, *columns: dict) -> tuple[tuple[str, ...], ...]:
    """Table rows: each label, then its figure in every column (masks written as such)."""
    return tuple((label, *(column[key].text for column in columns)) for key, label in labels.items())


def any_masked(*figures: Shown) -> bool:
    return any(figure.hidden for figure in figures)
