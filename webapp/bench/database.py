"""A database of the benchmark's own: a SQLite file in a temporary folder, or a private schema
of a PostgreSQL database; the app bound to it; removed afterwards unless it is kept."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text


def _postgres_url(url: str, schema: str) -> str:
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain):]
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def _schema(url: str, schema: str, create: bool) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        if create:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()


@contextmanager
def bench_app(database_url: str, name: str, keep: bool) -> Iterator[tuple[object, dict]]:
    """The app on a fresh database of its own (schema `bench_<name>` on PostgreSQL), and the
    report's `database` facts."""
    from webapp import create_app
    from webapp.config import Config
    from webapp.extensions import db

    schema = f"bench_{name}"
    postgres = database_url.startswith(("postgres", "postgresql"))
    folder = None if postgres else tempfile.mkdtemp(prefix=f"bench-{name}-")
    url = _postgres_url(database_url, schema) if postgres else f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    config = type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    if postgres:
        _schema(url, schema, create=True)
    facts = {"database": "postgresql" if postgres else "sqlite"}
    if keep and not postgres:
        facts["kept_database"] = url
    try:
        app = create_app(config)
        yield app, facts
        with app.app_context():
            db.engine.dispose()
    finally:
        if not keep:
            if postgres:
                _schema(url, schema, create=False)
            else:
                shutil.rmtree(folder, ignore_errors=True)
