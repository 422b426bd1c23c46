"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 15:52:41.405003
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('partner',
    sa.Column('name_th', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('partner_type', sa.String(length=40), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.Column('subdistrict', sa.String(length=100), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=100), nullable=False),
    sa.Column('mou_date', sa.Date(), nullable=True),
    sa.Column('mou_note', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner'))
    )
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_partner_type'), ['partner_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_updated_at'), ['updated_at'], unique=False)

    op.create_table('portfolio_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_portfolio_meta'))
    )
    op.create_table('profile',
    sa.Column('name_th', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('academic_title', sa.String(length=100), nullable=False),
    sa.Column('current_position', sa.String(length=40), nullable=False),
    sa.Column('target_position', sa.String(length=40), nullable=False),
    sa.Column('route', sa.String(length=40), nullable=False),
    sa.Column('faculty', sa.String(length=200), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('university', sa.String(length=200), nullable=False),
    sa.Column('field_of_study', sa.String(length=200), nullable=False),
    sa.Column('field_code', sa.String(length=20), nullable=False),
    sa.Column('appointment_date', sa.Date(), nullable=True),
    sa.Column('current_position_date', sa.Date(), nullable=True),
    sa.Column('orcid', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=False),
    sa.Column('photo_sha256', sa.String(length=64), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile'))
    )
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_updated_at'), ['updated_at'], unique=False)

    op.create_table('section_template',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_th', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('guidance_th', sa.Text(), nullable=False),
    sa.Column('guidance_en', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_section_template')),
    sa.UniqueConstraint('key', name=op.f('uq_section_template_key'))
    )
    with op.batch_alter_table('section_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_template_updated_at'), ['updated_at'], unique=False)

    op.create_table('work',
    sa.Column('title_th', sa.String(length=500), nullable=False),
    sa.Column('title_en', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.Column('subdistrict', sa.String(length=100), nullable=False),
    sa.Column('village', sa.String(length=200), nullable=False),
    sa.Column('area_code', sa.String(length=20), nullable=False),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('missions', sa.JSON(), nullable=False),
    sa.Column('courses', sa.Text(), nullable=False),
    sa.Column('students_count', sa.Integer(), nullable=True),
    sa.Column('partnership_text', sa.Text(), nullable=False),
    sa.Column('benefit_community_text', sa.Text(), nullable=False),
    sa.Column('benefit_university_text', sa.Text(), nullable=False),
    sa.Column('knowledge_text', sa.Text(), nullable=False),
    sa.Column('impact_text', sa.Text(), nullable=False),
    sa.Column('problem_statement', sa.Text(), nullable=False),
    sa.Column('problem_co_designed', sa.Boolean(), nullable=False),
    sa.Column('prior_use_year', sa.Integer(), nullable=True),
    sa.Column('prior_quality_level', sa.String(length=20), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work'))
    )
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_updated_at'), ['updated_at'], unique=False)

    op.create_table('activity',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('participants_total', sa.Integer(), nullable=True),
    sa.Column('participant_groups', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_activity_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_work_id'), ['work_id'], unique=False)

    op.create_table('appointment',
    sa.Column('profile_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_appointment_profile_id_profile'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_updated_at'), ['updated_at'], unique=False)

    op.create_table('contact_person',
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('line_id', sa.String(length=100), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_contact_person_partner_id_partner'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_person'))
    )
    with op.batch_alter_table('contact_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_person_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_person_updated_at'), ['updated_at'], unique=False)

    op.create_table('contributor',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('affiliation', sa.String(length=300), nullable=False),
    sa.Column('is_applicant', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('role_other', sa.String(length=300), nullable=False),
    sa.Column('percentage', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('signature_status', sa.String(length=20), nullable=False),
    sa.Column('signed_date', sa.Date(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_contributor_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contributor'))
    )
    with op.batch_alter_table('contributor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contributor_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributor_work_id'), ['work_id'], unique=False)

    op.create_table('degree',
    sa.Column('profile_id', sa.String(length=36), nullable=False),
    sa.Column('level', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_degree_profile_id_profile'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_degree'))
    )
    with op.batch_alter_table('degree', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_degree_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_degree_updated_at'), ['updated_at'], unique=False)

    op.create_table('dissemination',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('citation', sa.Text(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('doi', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_dissemination_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dissemination'))
    )
    with op.batch_alter_table('dissemination', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dissemination_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_dissemination_work_id'), ['work_id'], unique=False)

    op.create_table('funding',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('amount_satang', sa.BigInteger(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_funding_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding'))
    )
    with op.batch_alter_table('funding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_funding_work_id'), ['work_id'], unique=False)

    op.create_table('indicator',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('name_th', sa.String(length=500), nullable=False),
    sa.Column('name_en', sa.String(length=500), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('baseline_value', sa.Numeric(precision=14, scale=4), nullable=True),
    sa.Column('baseline_date', sa.Date(), nullable=True),
    sa.Column('target_value', sa.Numeric(precision=14, scale=4), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_indicator_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_work_id'), ['work_id'], unique=False)

    op.create_table('testimonial',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('person_name', sa.String(length=200), nullable=False),
    sa.Column('person_position', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('claim', sa.Text(), nullable=False),
    sa.Column('principle', sa.String(length=30), nullable=True),
    sa.Column('letter_evidence_id', sa.String(length=36), nullable=True),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('consent_date', sa.Date(), nullable=True),
    sa.Column('contactable', sa.Boolean(), nullable=False),
    sa.Column('contact', sa.String(length=300), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['letter_evidence_id'], ['evidence.id'],
                            name=op.f('fk_testimonial_letter_evidence_id_evidence'), ondelete='SET NULL',
    use_alter=True),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_testimonial_partner_id_partner'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_testimonial_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testimonial'))
    )
    with op.batch_alter_table('testimonial', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testimonial_letter_evidence_id'), ['letter_evidence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testimonial_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testimonial_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_testimonial_work_id'), ['work_id'], unique=False)

    op.create_table('work_partner',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_work_partner_partner_id_partner'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_work_partner_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_partner')),
    sa.UniqueConstraint('work_id', 'partner_id', 'role', name=op.f('uq_work_partner_work_id'))
    )
    with op.batch_alter_table('work_partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_partner_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_partner_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_partner_work_id'), ['work_id'], unique=False)

    op.create_table('work_section',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_work_section_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_section')),
    sa.UniqueConstraint('work_id', 'key', name=op.f('uq_work_section_work_id'))
    )
    with op.batch_alter_table('work_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_section_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_section_work_id'), ['work_id'], unique=False)

    op.create_table('evidence',
    sa.Column('work_id', sa.String(length=36), nullable=False),
    sa.Column('activity_id', sa.String(length=36), nullable=True),
    sa.Column('indicator_id', sa.String(length=36), nullable=True),
    sa.Column('testimonial_id', sa.String(length=36), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('original_name', sa.String(length=500), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('date_taken', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('camera', sa.String(length=200), nullable=False),
    sa.Column('orientation', sa.Integer(), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('principles', sa.JSON(), nullable=False),
    sa.Column('include_in_dossier', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_evidence_activity_id_activity'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_evidence_indicator_id_indicator'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['testimonial_id'], ['testimonial.id'], name=op.f('fk_evidence_testimonial_id_testimonial'),
                            ondelete='SET NULL', use_alter=True),
    sa.ForeignKeyConstraint(['work_id'], ['work.id'], name=op.f('fk_evidence_work_id_work'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_testimonial_id'), ['testimonial_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_work_id'), ['work_id'], unique=False)

    op.create_table('measurement',
    sa.Column('indicator_id', sa.String(length=36), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('method', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_measurement_indicator_id_indicator'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement'))
    )
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measurement_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measurement_updated_at'), ['updated_at'], unique=False)

    # Testimonials and evidence point at each other.  SQLite keeps both keys
    # inline in the tables above; elsewhere (a faculty's PostgreSQL) the
    # tables' creation leaves keys marked use_alter to a later ALTER, so they
    # are added here, once both tables exist.
    if op.get_bind().dialect.name != "sqlite":
        op.create_foreign_key(op.f('fk_testimonial_letter_evidence_id_evidence'), 'testimonial', 'evidence',
                              ['letter_evidence_id'], ['id'], ondelete='SET NULL')
        op.create_foreign_key(op.f('fk_evidence_testimonial_id_testimonial'), 'evidence', 'testimonial',
                              ['testimonial_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f('fk_evidence_testimonial_id_testimonial'), 'evidence', type_='foreignkey')
        op.drop_constraint(op.f('fk_testimonial_letter_evidence_id_evidence'), 'testimonial', type_='foreignkey')
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measurement_updated_at'))
        batch_op.drop_index(batch_op.f('ix_measurement_indicator_id'))

    op.drop_table('measurement')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_work_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_updated_at'))
        batch_op.drop_index(batch_op.f('ix_evidence_testimonial_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_sha256'))
        batch_op.drop_index(batch_op.f('ix_evidence_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_activity_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('work_section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_section_work_id'))
        batch_op.drop_index(batch_op.f('ix_work_section_updated_at'))

    op.drop_table('work_section')
    with op.batch_alter_table('work_partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_partner_work_id'))
        batch_op.drop_index(batch_op.f('ix_work_partner_updated_at'))
        batch_op.drop_index(batch_op.f('ix_work_partner_partner_id'))

    op.drop_table('work_partner')
    with op.batch_alter_table('testimonial', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testimonial_work_id'))
        batch_op.drop_index(batch_op.f('ix_testimonial_updated_at'))
        batch_op.drop_index(batch_op.f('ix_testimonial_partner_id'))
        batch_op.drop_index(batch_op.f('ix_testimonial_letter_evidence_id'))

    op.drop_table('testimonial')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_work_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_updated_at'))

    op.drop_table('indicator')
    with op.batch_alter_table('funding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_work_id'))
        batch_op.drop_index(batch_op.f('ix_funding_updated_at'))

    op.drop_table('funding')
    with op.batch_alter_table('dissemination', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dissemination_work_id'))
        batch_op.drop_index(batch_op.f('ix_dissemination_updated_at'))

    op.drop_table('dissemination')
    with op.batch_alter_table('degree', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_degree_updated_at'))
        batch_op.drop_index(batch_op.f('ix_degree_profile_id'))

    op.drop_table('degree')
    with op.batch_alter_table('contributor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contributor_work_id'))
        batch_op.drop_index(batch_op.f('ix_contributor_updated_at'))

    op.drop_table('contributor')
    with op.batch_alter_table('contact_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_person_updated_at'))
        batch_op.drop_index(batch_op.f('ix_contact_person_partner_id'))

    op.drop_table('contact_person')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_updated_at'))
        batch_op.drop_index(batch_op.f('ix_appointment_profile_id'))

    op.drop_table('appointment')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_work_id'))
        batch_op.drop_index(batch_op.f('ix_activity_updated_at'))

    op.drop_table('activity')
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_updated_at'))
        batch_op.drop_index(batch_op.f('ix_work_status'))
        batch_op.drop_index(batch_op.f('ix_work_province'))

    op.drop_table('work')
    with op.batch_alter_table('section_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_template_updated_at'))

    op.drop_table('section_template')
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_updated_at'))

    op.drop_table('profile')
    op.drop_table('portfolio_meta')
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_updated_at'))
        batch_op.drop_index(batch_op.f('ix_partner_partner_type'))

    op.drop_table('partner')
