"""SQL pieces the indicators share, written once for SQLite and PostgreSQL: durations between
two columns, and quantiles read from a histogram the database already grouped."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, Integer, String, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from webapp.extensions import db


class _HoursBetween(FunctionElement):
    """Hours from the first timestamp to the second."""

    type = Float()
    inherit_cache = True
    name = "hours_between"


@compiles(_HoursBetween)
def _hours_sqlite(element, compiler, **kw):
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 24.0)"


@compiles(_HoursBetween, "postgresql")
def _hours_postgresql(element, compiler, **kw):
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"


class _DaysBetween(FunctionElement):
    """Whole days from the first date to the second."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(_DaysBetween)
def _days_sqlite(element, compiler, **kw):
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(julianday(date({end})) - julianday(date({start})) AS INTEGER)"


@compiles(_DaysBetween, "postgresql")
def _days_postgresql(element, compiler, **kw):
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(CAST({end} AS DATE) - CAST({start} AS DATE))"


class _MonthOf(FunctionElement):
    """The year and month of a timestamp, as "YYYY-MM"."""

    type = String()
    inherit_cache = True
    name = "month_of"


@compiles(_MonthOf)
def _month_sqlite(element, compiler, **kw):
    (moment,) = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"strftime('%Y-%m', {moment})"


@compiles(_MonthOf, "postgresql")
def _month_postgresql(element, compiler, **kw):
    (moment,) = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"to_char({moment} AT TIME ZONE 'UTC', 'YYYY-MM')"


def month_of(moment) -> ColumnElement[str]:
    """SQL: "YYYY-MM" of a timestamp (UTC)."""
    return _MonthOf(moment)


def hours_between(start, end) -> ColumnElement[float]:
    """SQL: hours elapsed from `start` to `end` (timestamps)."""
    return _HoursBetween(start, end)


def days_between(start, end) -> ColumnElement[int]:
    """SQL: days from `start` to `end` (dates or timestamps, counted on their dates)."""
    return _DaysBetween(start, end)


def grand_domain(rome_code) -> ColumnElement[str]:
    """SQL: the ROME grand domaine of a code, its first letter."""
    return func.substr(rome_code, 1, 1)


def flag(condition) -> ColumnElement[int]:
    """SQL: 1 when the condition holds, else 0 (to SUM several counts in one pass)."""
    return case((condition, 1), else_=0)


@dataclass(frozen=True)
class Quantiles:
    count: int
    median: float | None
    p90: float | None


def histogram_quantiles(value, *conditions, resolution: float = 0.1, select_from=None) -> Quantiles:
    """Median and 90th percentile of `value` over the rows meeting `conditions`.

    The database groups the values rounded to `resolution` and counts them; the quantiles
    (linear interpolation, like `statistics.quantiles(method="inclusive")`) are read from
    that small histogram, never from the rows. `select_from` names the table the rows come
    from when the conditions do not."""
    return grouped_quantiles(value, literal(0), *conditions, resolution=resolution,
                             select_from=select_from).get(0, Quantiles(0, None, None))


def grouped_quantiles(value, group, *conditions, resolution: float = 0.1, select_from=None,
                      joins: Sequence = ()) -> dict:
    """{group value: Quantiles} of `value`, one histogram per group, in one query; `joins`
    are (target, on clause) pairs joined to `select_from`."""
    bucket = func.round(value / resolution)
    statement = select(group, bucket, func.count())
    if select_from is not None:
        statement = statement.select_from(select_from)
    for target, on in joins:
        statement = statement.join(target, on)
    rows = db.session.execute(
        statement.where(value.is_not(None), *conditions).group_by(group, bucket).order_by(group, bucket)
    ).all()
    histograms: dict = {}
    for key, value_bucket, count in rows:
        histograms.setdefault(key, []).append((float(value_bucket) * resolution, int(count)))
    return {key: quantiles_of(histogram) for key, histogram in histograms.items()}


def quantiles_of(histogram: Sequence[tuple[float, int]]) -> Quantiles:
    """Median and 90th percentile of sorted (value, count) pairs."""
    total = sum(n for _, n in histogram)
    if not total:
        return Quantiles(0, None, None)
    return Quantiles(total, _quantile(histogram, total, 0.5), _quantile(histogram, total, 0.9))


def _quantile(histogram: Sequence[tuple[float, int]], total: int, fraction: float) -> float:
    position = fraction * (total - 1)
    below = int(position)
    low, high = _value_at(histogram, below), _value_at(histogram, min(below + 1, total - 1))
    return low + (high - low) * (position - below)


def _value_at(histogram: Sequence[tuple[float, int]], index: int) -> float:
    seen = 0
    for value, count in histogram:
        seen += count
        if index < seen:
            return value
    return histogram[-1][0]
