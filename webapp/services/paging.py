"""One page of a long list, with what a pager needs."""

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select

from webapp.extensions import db

Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: tuple[Row, ...]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def paginate(statement: Select, number: int, size: int) -> tuple[list, int, int]:
    """(the rows of page `number`, the page number kept within bounds, the total row count)."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    last = max(1, ceil((total or 0) / size))
    number = min(max(1, number), last)
    rows = db.session.scalars(statement.limit(size).offset((number - 1) * size)).all()
    return list(rows), number, total or 0
