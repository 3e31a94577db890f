"""Upgrading an empty database through the migrations gives exactly the models' schema."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tests.conftest import BACKENDS, drop_postgres_schema, make_config, private_postgres_url
from webapp import create_app
from webapp.extensions import db

SCHEMA = f"migration_check_{os.getpid()}"


def _empty_database_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    return private_postgres_url(SCHEMA)


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_produce_the_models_schema(backend, tmp_path):
    app = create_app(make_config(_empty_database_url(backend, tmp_path)))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            differences = compare_metadata(context, db.metadata)
        downgrade(revision="base")
        tables_left = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        db.engine.dispose()
    assert differences == []
    assert tables_left == set()
    if backend == "postgresql":
        drop_postgres_schema(SCHEMA)
