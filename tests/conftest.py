"""Shared fixtures: the app on SQLite (and on PostgreSQL when TEST_DATABASE_URL is set).

Each database is built once per run (schema + the real reference data); every test then
runs inside a transaction that is rolled back, so tests never see each other's rows.
"""

import os

import pytest
import time_machine
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import create_engine, event, text

from tests.clock import NOW
from webapp import create_app
from webapp.config import TestConfig
from webapp.core.ratelimit import limiter
from webapp.extensions import db
from webapp.reference.loader import load_reference_data
from webapp.shortlists.inputs import PoolCache

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def make_config(database_url: str) -> type[TestConfig]:
    return type("BoundTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url})


def _make_sqlite_savepoints_work(engine) -> None:
    """pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy drive it."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


def private_postgres_url(schema: str) -> str:
    """The PostgreSQL URL of a schema of our own, so parallel runs never share tables."""
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


def drop_postgres_schema(schema: str) -> None:
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Every test but the browser ones lives at tests.clock.NOW, time stopped; a test moves
    it with frozen_clock.shift(...) or frozen_clock.move_to(...)."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """The app bound to a database that holds the schema and the reference data."""
    schema = f"pytest_{os.getpid()}"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    else:
        url = private_postgres_url(schema)
    application = create_app(make_config(url))
    with application.app_context():
        if request.param == "sqlite":
            _make_sqlite_savepoints_work(db.engine)
        db.create_all()
        load_reference_data()
        db.session.commit()
        db.session.remove()
    yield application
    with application.app_context():
        db.engine.dispose()
    if request.param == "postgresql":
        drop_postgres_schema(schema)


class ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy's session always picks the engine; in tests, use our connection."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture
def database(app):
    """A session whose work is rolled back after the test, commits included."""
    PoolCache.forget_all()
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original_session = db.session
        db.session = db._make_scoped_session(
            {
                "class_": ConnectionBoundSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
        try:
            yield db
        finally:
            db.session.remove()
            db.session = original_session
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app, database):
    limiter.reset()  # the clock is frozen: each test starts with empty throttling windows
    return app.test_client()


@pytest.fixture
def runner(app, database):
    return app.test_cli_runner()


@pytest.fixture
def login(client):
    """Log a user in through the real form: login(user) or login(email, password)."""
    from tests.factories import PASSWORD

    def _login(user_or_email, password: str = PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        client.post("/deconnexion")
        response = client.post("/connexion", data={"email": email, "password": password})
        assert response.status_code == 303 and not response.location.startswith("/connexion"), (
            f"the login of {email} failed ({response.status_code})"
        )
        return response

    return _login


def pytest_sessionfinish(session, exitstatus):
    """Stop the rate limiter's in-memory expiry timers (non-daemon threads of the `limits`
    library): under a moved clock (faketime) their timed waits may never end and the run
    would finish its tests but never exit."""
    import threading

    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()
