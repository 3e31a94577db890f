"""Two indexes on offer by creation date: the cellule agenda's offers pooled since the last
session (a pôle's open offers created in the window: `ix_offer_pool` is on `published_at`),
and the session screen's CRE suggestion (the offers each CRE created this past year, by ROME
domain). Read from the index alone, at demo ×10: 0.77 -> 0.38 ms and 2.0 -> 1.5 ms (issue 18).
Built CONCURRENTLY on PostgreSQL: no lock on writes.

Revision ID: 5b8e1d4c7a26
Revises: 9870dbb684e7
Create Date: 2026-12-03 17:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '5b8e1d4c7a26'
down_revision = '9870dbb684e7'
branch_labels = None
depends_on = None

# name: (columns, columns included: PostgreSQL only)
INDEXES = {
    'ix_offer_pool_created': (['pole_id', 'status', 'created_at'], ['visibility', 'id']),
    'ix_offer_cre_created': (['cre_id', 'created_at'], ['rome_code']),
}


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        with op.get_context().autocommit_block():
            # CONCURRENTLY waits for the transactions already running to end: a wait that the
            # migrations' lock timeout (migrations/env.py) must not cut short.
            bind = op.get_bind()
            previous = bind.exec_driver_sql("SHOW lock_timeout").scalar()
            bind.exec_driver_sql("SET lock_timeout = 0")
            for name, (columns, included) in INDEXES.items():
                op.create_index(name, 'offer', columns, postgresql_include=included,
                                postgresql_concurrently=True, if_not_exists=True)
            bind.exec_driver_sql(f"SET lock_timeout = '{previous}'")
    else:
        for name, (columns, _included) in INDEXES.items():
            op.create_index(name, 'offer', columns)


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name='offer')
