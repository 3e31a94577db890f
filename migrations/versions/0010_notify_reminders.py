"""Reminder stamps: one row per reminder given, so the scheduled reminders are idempotent (issue 15)

Revision ID: 5b8e2c41d9a7
Revises: 9e1c0a7d5b21
Create Date: 2026-12-03 06:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b8e2c41d9a7'
down_revision = '9e1c0a7d5b21'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reminder_stamp',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_stamp')),
        sa.UniqueConstraint('key', name=op.f('uq_reminder_stamp_key')),
    )


def downgrade():
    op.drop_table('reminder_stamp')
