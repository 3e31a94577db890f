import logging
import os
import re
import warnings
from contextlib import contextmanager
from logging.config import fileConfig

from flask import current_app

from alembic import context

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
# keep the loggers the app already made (alembic would otherwise silence them for the process)
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger('alembic.env')


def get_engine():
    return current_app.extensions['migrate'].db.engine


def get_engine_url():
    return get_engine().url.render_as_string(hide_password=False).replace('%', '%%')


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option('sqlalchemy.url', get_engine_url())
target_db = current_app.extensions['migrate'].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


# Expression indexes are left out of autogenerate's comparison (db check, db migrate): PostgreSQL
# rewrites the expression's text when it stores it, so it never equals the model's, and SQLite
# can't reflect them at all (the full-text index is PostgreSQL-only anyway). The migrations create
# them by hand; tests/webapp/test_migrations.py checks their presence by name.
EXPRESSION_INDEXES = {"ix_offer_search"}


def include_object(obj, name, type_, reflected, compare_to):
    """Compare everything but the expression indexes."""
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


# How autogenerate compares the models with the database: the one rule, used by every command.
COMPARE_OPTIONS = {
    "compare_type": True,
    "compare_server_default": True,
    "include_object": include_object,
}


@contextmanager
def expression_indexes_skipped_quietly():
    """SQLite warns that it skips the expression indexes: they are left out on purpose."""
    with warnings.catch_warnings():
        for name in EXPRESSION_INDEXES:
            warnings.filterwarnings("ignore", re.escape(
                f"autogenerate skipping metadata-specified expression-based index '{name}'"),
                UserWarning)
        yield


def get_metadata():
    if hasattr(target_db, 'metadatas'):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True, **COMPARE_OPTIONS
    )

    with context.begin_transaction(), expression_indexes_skipped_quietly():
        context.run_migrations()


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, 'autogenerate', False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info('No changes in schema detected.')

    conf_args = current_app.extensions['migrate'].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    connectable = get_engine()

    with connectable.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Online migrations: a statement waiting for a lock held by live traffic gives up
            # after a few seconds (the migration fails and is run again) instead of queueing
            # every request behind it (docs/deploiement.md, "Migrations sans interruption").
            timeout = os.environ.get("MIGRATION_LOCK_TIMEOUT", "5s")
            if not re.fullmatch(r"\d+(ms|s|min)?", timeout):
                raise SystemExit(f"MIGRATION_LOCK_TIMEOUT invalide : {timeout!r} (ex. 5s)")
            connection.exec_driver_sql(f"SET lock_timeout = '{timeout}'")
            connection.commit()  # the setting stays for the session; migrations begin afresh
        context.configure(
            connection=connection,
            target_metadata=get_metadata(),
            **{**COMPARE_OPTIONS, **conf_args}
        )

        with context.begin_transaction(), expression_indexes_skipped_quietly():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
