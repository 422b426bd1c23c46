"""The faces in a photo, its perceptual hash, and the lecturer's notes on
plausibility findings

Existing photos read as not yet looked at (no face boxes, no hash): the
app's photo analysis fills both in the background, and no explanation.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-12 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('face_boxes', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('image_hash', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('findings_explained', sa.JSON(), nullable=False, server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('findings_explained')
        batch_op.drop_column('image_hash')
        batch_op.drop_column('face_boxes')
