"""Index on profile_proposal (profile_id, created_at): the dashboard reads each person's first
proposal from the index alone (issue 18). Built CONCURRENTLY on PostgreSQL: no lock on writes.

Revision ID: 9a1c3e5f7b20
Revises: 5b8e2c41d9a7
Create Date: 2026-12-03 07:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '9a1c3e5f7b20'
down_revision = '5b8e2c41d9a7'
branch_labels = None
depends_on = None

NAME = 'ix_profile_proposal_profile_created'


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        with op.get_context().autocommit_block():
            # CONCURRENTLY waits for the transactions already running to end: a wait that the
            # migrations' lock timeout (migrations/env.py) must not cut short.
            bind = op.get_bind()
            previous = bind.exec_driver_sql("SHOW lock_timeout").scalar()
            bind.exec_driver_sql("SET lock_timeout = 0")
            op.create_index(NAME, 'profile_proposal', ['profile_id', 'created_at'],
                            postgresql_concurrently=True, if_not_exists=True)
            bind.exec_driver_sql(f"SET lock_timeout = '{previous}'")
    else:
        op.create_index(NAME, 'profile_proposal', ['profile_id', 'created_at'])


def downgrade():
    op.drop_index(NAME, table_name='profile_proposal')
