"""Multiplying a database's activity rows in SQL: each row copied `factor - 1` times with new
ids, its references to copied rows moved along, its unique texts suffixed ("-2", "-3"...).

Reference data, accounts, organisations and cellules are kept once: the copies are more
activity on the same territory. A table whose unique keys cannot be told apart in a copy
(no copied reference, no text to suffix) is kept once too."""

from collections.abc import Iterable

from sqlalchemy import Integer, String, and_, func, insert, literal, select, text
from sqlalchemy.schema import Table

from webapp.extensions import db

KEPT_ONCE = frozenset({
    "naf", "pole", "rome_code", "rome_domain", "commune", "job_term", "naf_rome",
    "user", "organisation", "membership", "cellule", "cellule_member", "cellule_pole",
    "matching_weights", "employer_invitation", "employer_registration", "retained_statistic",
})


def _unique_keys(table: Table) -> list[tuple]:
    keys = [tuple(c.columns) for c in table.constraints
            if c.__class__.__name__ in ("UniqueConstraint", "PrimaryKeyConstraint")]
    return keys + [tuple(index.columns) for index in table.indexes if index.unique]


def _moved(column, copied: set[str]) -> bool:
    """True for a column whose copies differ: an id, or a reference to a copied table."""
    if column.primary_key and column.name == "id":
        return True
    return any(fk.column.table.name in copied for fk in column.foreign_keys)


def copyable(table: Table, copied: set[str]) -> bool:
    """Every unique key of the table has a column that changes in a copy."""
    return all(any(_moved(c, copied) or isinstance(c.type, String) for c in key)
               for key in _unique_keys(table))


def _suffixed(table: Table) -> set[str]:
    """Text columns of a unique key with nothing else to tell copies apart."""
    return {c.name for key in _unique_keys(table) for c in key if isinstance(c.type, String)}


def multiply(factor: int, tables: Iterable[Table] | None = None) -> dict[str, int]:
    """Copy every activity row `factor - 1` times; {table: rows after}. Flushes only."""
    sorted_tables = list(tables or db.metadata.sorted_tables)
    copied: set[str] = set()
    for table in sorted_tables:
        if table.name not in KEPT_ONCE and copyable(table, copied | {table.name}):
            copied.add(table.name)
    offsets = {name: db.session.scalar(select(func.coalesce(func.max(db.metadata.tables[name].c.id), 0)))
               for name in copied if "id" in db.metadata.tables[name].c}
    for table in sorted_tables:
        if table.name in copied:
            for copy in range(1, factor):
                db.session.execute(_copy_statement(table, copy, copied, offsets))
    _reset_sequences(copied)
    return {name: db.session.scalar(select(func.count()).select_from(db.metadata.tables[name]))
            for name in sorted(copied)}


def _copy_statement(table: Table, copy: int, copied: set[str], offsets: dict[str, int]):
    suffixed, values, originals = _suffixed(table), [], []
    for column in table.columns:
        targets = [fk.column.table.name for fk in column.foreign_keys if fk.column.table.name in copied]
        if column.primary_key and column.name == "id":
            values.append(column + copy * offsets[table.name])
            originals.append(column <= offsets[table.name])
        elif targets and isinstance(column.type, Integer):
            values.append(column + copy * offsets[targets[0]])
            originals.append(column <= offsets[targets[0]])
        elif column.name in suffixed:
            values.append(column.concat(literal(f"-{copy + 1}")))
        else:
            values.append(column)
    source = select(*values).where(and_(originals[0]))
    return insert(table).from_select([c.name for c in table.columns], source)


def _reset_sequences(copied: set[str]) -> None:
    """PostgreSQL: the next id of each copied table follows the copies."""
    if db.engine.dialect.name != "postgresql":
        return
    for name in copied:
        if "id" in db.metadata.tables[name].c:
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM \"{name}\"))"))
