"""Index on offer (status, commune_insee) carrying the columns the pool's visibility clause and
order read: a radius search counts and pages its offers from the index alone (issue 18).
Built CONCURRENTLY on PostgreSQL: no lock on writes.

Revision ID: 3d7f9b2a6c15
Revises: 4c7e2b9d1f30
Create Date: 2026-12-03 10:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '3d7f9b2a6c15'
down_revision = '4c7e2b9d1f30'
branch_labels = None
depends_on = None

NAME = 'ix_offer_pool_place'
COLUMNS = ['status', 'commune_insee']
INCLUDED = ['visibility', 'organisation_id', 'cre_id', 'merged_into_id', 'published_at', 'id']


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        with op.get_context().autocommit_block():
            # CONCURRENTLY waits for the transactions already running to end: a wait that the
            # migrations' lock timeout (migrations/env.py) must not cut short.
            bind = op.get_bind()
            previous = bind.exec_driver_sql("SHOW lock_timeout").scalar()
            bind.exec_driver_sql("SET lock_timeout = 0")
            op.create_index(NAME, 'offer', COLUMNS, postgresql_include=INCLUDED,
                            postgresql_concurrently=True, if_not_exists=True)
            bind.exec_driver_sql(f"SET lock_timeout = '{previous}'")
    else:
        op.create_index(NAME, 'offer', COLUMNS)


def downgrade():
    op.drop_index(NAME, table_name='offer')
