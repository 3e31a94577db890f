"""Statements planned in the order their joins are written (PostgreSQL).

A listing that starts from its own table, filters it, then looks up a handful of names by
primary key (company, organisation, user, ROME label…) gains nothing from the planner trying
every order of its seven or eight tables, and pays for it: at demo ×10 the agenda's immersion
section spent 4.6 ms planning for 2 ms running. Inside `joins_as_written()`, PostgreSQL keeps
the written order (`join_collapse_limit = 1`, for this transaction only, then back to the
server's default). SQLite plans its own way: nothing is sent.

Measured again once psycopg's prepared statements served the agenda (a plan reused, nothing to
plan): kept. psycopg drops a connection's prepared statements at every ROLLBACK, and a request
that only read ends with one, so under a mix of pages the agenda's statements are planned on
each request: at demo ×10, its statements took 6.7-8.7 ms with these two round trips and
10.5-12.8 ms without (3.0-4.1 ms either way when served prepared).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from webapp.extensions import db


@contextmanager
def joins_as_written() -> Iterator[None]:
    """Plan the statements run inside in the order their joins are written."""
    if db.session.get_bind().dialect.name != "postgresql":
        yield
        return
    db.session.execute(text("SET LOCAL join_collapse_limit = 1"))
    try:
        yield
    finally:
        db.session.execute(text("SET LOCAL join_collapse_limit TO DEFAULT"))
