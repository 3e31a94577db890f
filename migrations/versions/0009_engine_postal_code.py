"""Postal code on offers and profiles: a finer place than the commune for travel (issue 14)

Revision ID: 9e1c0a7d5b21
Revises: 32d975c7d88a
Create Date: 2026-12-03 07:40:00

Two nullable columns without default: no table rewrite on PostgreSQL.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9e1c0a7d5b21'
down_revision = '32d975c7d88a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_code', sa.String(length=5), nullable=True))
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_code', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_column('postal_code')
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_column('postal_code')
