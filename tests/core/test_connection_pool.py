"""Pooled connections are pinged before use only after sitting idle, and a dead one is replaced
without the request seeing an error."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import QueuePool

from tests.conftest import POSTGRES_URL
from webapp.core.connection_pool import ping_idle_connections


def _engine(backend: str, tmp_path):
    url = POSTGRES_URL if backend == "postgresql" else f"sqlite:///{tmp_path / 'pool.sqlite'}"
    return create_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=0)


BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_connection_in_use_a_moment_ago_is_not_pinged(backend, tmp_path, monkeypatch):
    engine = _engine(backend, tmp_path)
    pinged = []
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: pinged.append(1) or True)
    ping_idle_connections(engine, idle_seconds=60)
    for _ in range(3):
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
    assert pinged == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_idle_connection_is_pinged_before_use(backend, tmp_path, monkeypatch):
    engine = _engine(backend, tmp_path)
    pinged = []
    real_ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: pinged.append(1) or real_ping(connection))
    ping_idle_connections(engine, idle_seconds=0)
    for _ in range(3):
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
    assert pinged == [1, 1]  # not the new connection: every later checkout


def _cut(dbapi_connection, server_pid: int | None) -> None:
    """The server ends the connection (PostgreSQL), or it is closed under the pool (SQLite)."""
    if server_pid is None:
        dbapi_connection.close()
        return
    killer = create_engine(POSTGRES_URL)
    with killer.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": server_pid})
    killer.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_dead_idle_connection_is_replaced_before_use(backend, tmp_path):
    engine = _engine(backend, tmp_path)
    ping_idle_connections(engine, idle_seconds=0)
    with engine.connect() as connection:
        first = connection.connection.dbapi_connection
        first_id = id(first)
        server_pid = connection.execute(text("SELECT pg_backend_pid()")).scalar() \
            if backend == "postgresql" else None
    _cut(first, server_pid)  # what a database restart leaves in the pool
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
        assert id(connection.connection.dbapi_connection) != first_id
    engine.dispose()
