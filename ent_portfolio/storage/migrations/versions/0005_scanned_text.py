"""The text recognised in a scanned letter or document

Existing scans read as not yet recognised: the app's OCR fills them in the
background where Tesseract is installed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-14 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ocr_text', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('ocr_text')
