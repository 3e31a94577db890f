"""Upgrading an empty database through the migrations gives exactly the models' schema."""

import os
import warnings

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


# PostgreSQL rewrites an expression index's text when it stores it, so Alembic can't compare
# it with the model's; its presence is checked by name instead.
EXPRESSION_INDEXES = {"ix_offer_search"}


def _comparable(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_produce_the_models_schema(backend, tmp_path):
    app = create_app(make_config(_empty_database_url(backend, tmp_path)))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": _comparable,
            })
            with warnings.catch_warnings():
                if backend == "sqlite":  # the PostgreSQL-only full-text index can't be compared here
                    warnings.filterwarnings(
                        "ignore", "autogenerate skipping metadata-specified expression-based index",
                        UserWarning,
                    )
                differences = compare_metadata(context, db.metadata)
        indexes = {index["name"] for index in inspect(db.engine).get_indexes("offer")}
        downgrade(revision="base")
        tables_left = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        db.engine.dispose()
    assert differences == []
    assert tables_left == set()
    assert ("ix_offer_search" in indexes) is (backend == "postgresql")
    if backend == "postgresql":
        drop_postgres_schema(SCHEMA)
