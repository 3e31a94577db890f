"""The caseload's obstacles computed by the task queue and kept in the database (one row per
user), so that every web worker reads the same result and no page waits for the ranking
(issue 18).

Revision ID: 6d2f8a1c4e93
Revises: 5b8e1d4c7a26
Create Date: 2026-12-03 17:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '6d2f8a1c4e93'
down_revision = '5b8e1d4c7a26'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'caseload_obstacles',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=True),
        sa.Column('obstacles', sa.JSON(), nullable=True),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('asked_key', sa.String(length=64), nullable=True),
        sa.Column('asked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_caseload_obstacles_user_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_caseload_obstacles')),
    )


def downgrade():
    op.drop_table('caseload_obstacles')
