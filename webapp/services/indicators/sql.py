"""SQL pieces the indicators share, written once for SQLite and PostgreSQL: durations between
two columns, and quantiles read from a histogram the database already grouped."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, Integer, case, func, select
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


def histogram_quantiles(value, *conditions, resolution: float = 0.1) -> Quantiles:
    """Median and 90th percentile of `value` over the rows meeting `conditions`.

    The database groups the values rounded to `resolution` and counts them; the quantiles
    (linear interpolation, like `statistics.quantiles(method="inclusive")`) are read from
    that small histogram, never from the rows."""
    bucket = func.round(value / resolution)
    rows = db.session.execute(
        select(bucket, func.count()).where(value.is_not(None), *conditions)
        .group_by(bucket).order_by(bucket)
    ).all()
    histogram = [(float(b) * resolution, int(n)) for b, n in rows]
    return quantiles_of(histogram)


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
