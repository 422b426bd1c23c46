"""How precise each end of a work's period is (day, month or year)

A period the lecturer gave in months ("มิ.ย. 2566 – พ.ค. 2567") was kept as
two days and printed as "1 มิถุนายน 2566"; each end now keeps its precision.
Existing works keep theirs as days, which is what they were entered as.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start_precision', sa.String(length=10), nullable=False, server_default='day'))
        batch_op.add_column(sa.Column('end_precision', sa.String(length=10), nullable=False, server_default='day'))


def downgrade() -> None:
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.drop_column('end_precision')
        batch_op.drop_column('start_precision')
