"""The faculty's tables: lecturers loaded, the rows each brought, and each
work's promotion readiness

Revision ID: f0001
Revises:
Create Date: 2026-12-01 19:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'f0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'faculty_lecturer',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('profile_id', sa.String(length=36), nullable=False),
        sa.Column('name_th', sa.String(length=200), nullable=False),
        sa.Column('name_en', sa.String(length=200), nullable=False),
        sa.Column('faculty', sa.String(length=200), nullable=False),
        sa.Column('department', sa.String(length=200), nullable=False),
        sa.Column('university', sa.String(length=200), nullable=False),
        sa.Column('archive_sha256', sa.String(length=64), nullable=False),
        sa.Column('archive_exported_at', sa.DateTime(), nullable=False),
        sa.Column('app_version', sa.String(length=40), nullable=False),
        sa.Column('loaded_at', sa.DateTime(), nullable=False),
        sa.Column('works_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_faculty_lecturer')),
    )
    op.create_table(
        'faculty_record',
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('lecturer_id', sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(['lecturer_id'], ['faculty_lecturer.id'], ondelete='CASCADE',
                                name=op.f('fk_faculty_record_lecturer_id_faculty_lecturer')),
        sa.PrimaryKeyConstraint('table_name', 'record_id', name=op.f('pk_faculty_record')),
    )
    op.create_index(op.f('ix_faculty_record_lecturer_id'), 'faculty_record', ['lecturer_id'], unique=False)
    op.create_table(
        'faculty_work',
        sa.Column('work_id', sa.String(length=36), nullable=False),
        sa.Column('lecturer_id', sa.String(length=36), nullable=False),
        sa.Column('ready_for_promotion', sa.Boolean(), nullable=False),
        sa.Column('blocking_findings', sa.Integer(), nullable=False),
        sa.Column('findings', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['lecturer_id'], ['faculty_lecturer.id'], ondelete='CASCADE',
                                name=op.f('fk_faculty_work_lecturer_id_faculty_lecturer')),
        sa.PrimaryKeyConstraint('work_id', name=op.f('pk_faculty_work')),
    )
    op.create_index(op.f('ix_faculty_work_lecturer_id'), 'faculty_work', ['lecturer_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_faculty_work_lecturer_id'), table_name='faculty_work')
    op.drop_table('faculty_work')
    op.drop_index(op.f('ix_faculty_record_lecturer_id'), table_name='faculty_record')
    op.drop_table('faculty_record')
    op.drop_table('faculty_lecturer')
