"""Counting people by organisation and category in one GROUP BY, then protecting the table
(small-cell rule) before anything is read from it; and building the usual figures from it."""

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Profile
from webapp.services.indicators.charts import Bar
from webapp.services.indicators.privacy import ProtectedTable, Shown, protect
from webapp.services.indicators.registry import Context
from webapp.services.indicators.results import Headline, count_trend

TOTAL = "total"


def people_table(ctx: Context, category, categories: Iterable, *conditions, joins: Sequence = (),
                 additive: bool = True, person=Profile.id) -> ProtectedTable:
    """Distinct people of the territory by (their organisation, category), protected.

    `category` is an SQL expression (or None: one category, "total"); `joins` are
    (target, on clause) pairs joined to Profile; `person` identifies a person."""
    column = category
    columns = [Profile.organisation_id] + ([column] if column is not None else [])
    statement = select(*columns, func.count(func.distinct(person))).select_from(Profile)
    for target, on in joins:
        statement = statement.join(target, on)
    statement = statement.where(ctx.in_territory(Profile.pole_id), *conditions).group_by(*columns)
    counts: dict = {}
    for row in db.session.execute(statement):
        key = (row[0], row[1] if column is not None else TOTAL)
        counts[key] = counts.get(key, 0) + int(row[-1])
    labels = list(categories) if column is not None else [TOTAL]
    return protect(counts, labels, additive=additive and column is not None)


def one_count(table: ProtectedTable, ctx: Context) -> Shown:
    """The single figure of a table counted without category."""
    return table.view(ctx.organisation_id)[TOTAL]


def count_headline(label: str, current: Shown, previous: Shown, ctx: Context, detail: str = "",
                   higher_is_better: bool | None = None) -> Headline:
    """A big number of people with its trend (none when either figure is masked)."""
    return Headline(label, current.text, detail, count_trend(current, previous, ctx.previous_label,
                                                             higher_is_better), current.hidden)


def bars(labels: dict, figures: dict[object, Shown]) -> list[Bar]:
    """One bar per category, in the order of `labels`, masked figures drawn as stubs."""
    return [Bar(label, figures[key].value, figures[key].text) for key, label in labels.items()]


def any_masked(*figures: Shown) -> bool:
    return any(figure.hidden for figure in figures)
