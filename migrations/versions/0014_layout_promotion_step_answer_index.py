"""Index on promotion_step (promotion_id, kind, at): the menu's « réponses » badge, shown on
every page a CRE opens, finds the recent answers of the CRE's own promotions from the index
instead of reading every recent step of the territory (issue 18). Built CONCURRENTLY on
PostgreSQL: no lock on writes.

Revision ID: 9870dbb684e7
Revises: 3d7f9b2a6c15
Create Date: 2026-12-03 13:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '9870dbb684e7'
down_revision = '3d7f9b2a6c15'
branch_labels = None
depends_on = None

NAME = 'ix_promotion_step_answer'
COLUMNS = ['promotion_id', 'kind', 'at']


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        with op.get_context().autocommit_block():
            # CONCURRENTLY waits for the transactions already running to end: a wait that the
            # migrations' lock timeout (migrations/env.py) must not cut short.
            bind = op.get_bind()
            previous = bind.exec_driver_sql("SHOW lock_timeout").scalar()
            bind.exec_driver_sql("SET lock_timeout = 0")
            op.create_index(NAME, 'promotion_step', COLUMNS, postgresql_concurrently=True,
                            if_not_exists=True)
            bind.exec_driver_sql(f"SET lock_timeout = '{previous}'")
    else:
        op.create_index(NAME, 'promotion_step', COLUMNS)


def downgrade():
    op.drop_index(NAME, table_name='promotion_step')
