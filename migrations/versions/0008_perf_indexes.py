"""Index on offer.cre_id: the session screen counts each CRE's offers by domain (issue 18)

Revision ID: 32d975c7d88a
Revises: 2f4a1b1383a8
Create Date: 2026-12-03 05:00:46.555205

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '32d975c7d88a'
down_revision = '2f4a1b1383a8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_cre_id'), ['cre_id'], unique=False)


def downgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_cre_id'))
