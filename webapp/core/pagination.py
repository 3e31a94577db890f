"""Cutting a query into numbered pages."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from webapp.extensions import db

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of results, with what the pager needs."""

    items: list[Item]
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first_index(self) -> int:
        """1-based position of the first item shown (0 when there is none)."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)


def paginate(statement: Select, number: int, size: int, *options: Any,
             total: int | None = None) -> Page:
    """Page `number` (from 1, clamped to the last page) of `statement`, a select of one entity
    in the wanted order; the rows shown are then loaded with `options`.

    Three small queries: the count (skipped when the caller already knows the `total`), the
    page's ids (a narrow top-N the database sorts cheaply), then the few rows shown with their
    eager loads."""
    entity = statement.column_descriptions[0]["entity"]
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(
            statement.with_only_columns(entity.id).order_by(None).subquery())) or 0
    number = min(max(1, number), max(1, -(-total // size)))
    ids = list(db.session.scalars(
        statement.with_only_columns(entity.id).limit(size).offset((number - 1) * size))) if total else []
    loaded = {item.id: item for item in db.session.scalars(
        select(entity).where(entity.id.in_(ids)).options(*options)).unique()} if ids else {}
    return Page(items=[loaded[i] for i in ids], total=total, number=number, size=size)
