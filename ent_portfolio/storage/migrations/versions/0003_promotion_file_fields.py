"""What the ก.พ.อ. file needs of a work, a measurement and an evidence item

A work says whether it is a main work (ผลงานหลัก), the quality level it
claims, a short impact summary in Thai and English, and, where people were
studied, its research-ethics approval (committee, number, date).  A
measurement says who measured it.  An evidence item keeps the date written
on the document apart from when it was scanned, and whether the people in a
photo consented.  Existing rows read as before: not a main work, no claim,
no ethics needed, consent unknown.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_main_work', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('claimed_level', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('impact_summary', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('impact_summary_en', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ethics_required', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('ethics_committee', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ethics_number', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('ethics_date', sa.Date(), nullable=True))
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measured_by', sa.String(length=300), nullable=False, server_default=''))
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('people_consent', sa.String(length=20), nullable=False,
                                      server_default='unknown'))


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('people_consent')
        batch_op.drop_column('document_date')
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.drop_column('measured_by')
    with op.batch_alter_table('work', schema=None) as batch_op:
        for name in ('ethics_date', 'ethics_number', 'ethics_committee', 'ethics_required',
                     'impact_summary_en', 'impact_summary', 'claimed_level', 'is_main_work'):
            batch_op.drop_column(name)
