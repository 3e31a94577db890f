"""Postal code on hiring needs: a finer place than the commune, passed on to the offer (issue 14)

Revision ID: 4c7e2b9d1f30
Revises: 9a1c3e5f7b20
Create Date: 2026-12-03 10:00:00

One nullable column without default: no table rewrite on PostgreSQL.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4c7e2b9d1f30'
down_revision = '9a1c3e5f7b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('hiring_need', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_code', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('hiring_need', schema=None) as batch_op:
        batch_op.drop_column('postal_code')
