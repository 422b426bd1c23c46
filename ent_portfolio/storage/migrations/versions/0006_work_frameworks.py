"""Which goals and targets of a framework (the SDGs, a university's own
strategy) each work serves

A new table only: existing works start with no mapping. Plain create/drop
operations, so the revision runs the same on SQLite and PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-16 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('work_framework',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('framework', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_work_framework_work_id_work'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_framework')),
    sa.UniqueConstraint('work_id', 'framework', 'code', name=op.f('uq_work_framework_work_id'))
    )
    op.create_index(op.f('ix_work_framework_updated_at'), 'work_framework', ['updated_at'], unique=False)
    op.create_index(op.f('ix_work_framework_work_id'), 'work_framework', ['work_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_work_framework_work_id'), table_name='work_framework')
    op.drop_index(op.f('ix_work_framework_updated_at'), table_name='work_framework')
    op.drop_table('work_framework')
