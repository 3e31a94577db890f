"""Database connections checked before use only when they sat idle: a pooled connection unused
for POOL_PING_IDLE_SECONDS may have been cut (database restart, firewall), so it is pinged and
replaced if dead; one used a moment ago is not, which spares a round trip on every request
under load (SQLAlchemy's `pool_pre_ping` pings on every checkout)."""

import time

from flask import Flask
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

CHECKED_IN_AT = "passerelle_checked_in_at"


def ping_idle_connections(engine: Engine, idle_seconds: float) -> None:
    """Ping a connection at checkout when it was last given back more than `idle_seconds` ago."""
    dialect = engine.dialect

    def given_back(_dbapi_connection, record) -> None:
        record.info[CHECKED_IN_AT] = time.monotonic()

    def taken(dbapi_connection, record, _proxy) -> None:
        since = record.info.get(CHECKED_IN_AT)
        if since is None or time.monotonic() - since < idle_seconds:
            return  # a new connection, or one in use a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                # Like pre_ping: the server went away, so every older connection is dead too.
                raise exc.InvalidatePoolError() from error
            raise

    event.listen(engine, "checkin", given_back)
    event.listen(engine, "checkout", taken)


def init_app(app: Flask, engine: Engine) -> None:
    """Wire the check on the app's engine."""
    ping_idle_connections(engine, float(app.config.get("POOL_PING_IDLE_SECONDS", 10)))
