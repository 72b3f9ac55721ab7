"""Initial schema: reference data, projects, directory, indicators, records, import log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 17:37:07.045423
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('country',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=True),
    sa.Column('subregion', sa.String(length=40), nullable=False),
    sa.Column('footnote', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_country')),
    sa.UniqueConstraint('iso2', name=op.f('uq_country_iso2')),
    sa.UniqueConstraint('name', name=op.f('uq_country_name'))
    )
    op.create_table('donor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_donor')),
    sa.UniqueConstraint('name', name=op.f('uq_donor_name'))
    )
    op.create_table('edition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('welcome_text', sa.Text(), nullable=True),
    sa.Column('spotlight', sa.Text(), nullable=True),
    sa.Column('contact_block', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition')),
    sa.UniqueConstraint('year', name=op.f('uq_edition_year'))
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('aggregation', sa.String(length=8), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("aggregation IN ('sum', 'stock')", name=op.f('ck_indicator_aggregation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('code', name=op.f('uq_indicator_code')),
    sa.UniqueConstraint('name', name=op.f('uq_indicator_name'))
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_name', sa.String(length=120), nullable=False),
    sa.Column('given_name', sa.String(length=120), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_family_name'), ['family_name'], unique=False)

    op.create_table('programme_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('h_code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_area')),
    sa.UniqueConstraint('code', name=op.f('uq_programme_area_code')),
    sa.UniqueConstraint('h_code', name=op.f('uq_programme_area_h_code')),
    sa.UniqueConstraint('name', name=op.f('uq_programme_area_name'))
    )
    op.create_table('publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('place', sa.String(length=120), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('format', sa.String(length=40), nullable=True),
    sa.Column('languages', sa.String(length=200), nullable=True),
    sa.Column('isbn', sa.String(length=20), nullable=True),
    sa.Column('link', sa.String(length=400), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication'))
    )
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_year'), ['year'], unique=False)

    op.create_table('thematic_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thematic_area')),
    sa.UniqueConstraint('name', name=op.f('uq_thematic_area_name'))
    )
    op.create_table('country_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['country.id'], name=op.f('fk_country_alias_country_id_country'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_country_alias')),
    sa.UniqueConstraint('alias', name=op.f('uq_country_alias_alias'))
    )
    with op.batch_alter_table('country_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_country_alias_country_id'), ['country_id'], unique=False)

    op.create_table('import_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=400), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('mission_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by', sa.String(length=200), nullable=True),
    sa.Column('submitter_email', sa.String(length=200), nullable=True),
    sa.Column('date_submitted', sa.Date(), nullable=True),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('changed', sa.Integer(), nullable=False),
    sa.Column('removed', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('plan_json', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.CheckConstraint("state IN ('applied', 'rolled_back')", name=op.f('ck_import_record_state')),
    sa.ForeignKeyConstraint(['mission_id'], ['country.id'], name=op.f('fk_import_record_mission_id_country'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_record'))
    )
    with op.batch_alter_table('import_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_record_mission_id'), ['mission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_record_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_record_year'), ['year'], unique=False)

    op.create_table('directory_role',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=True),
    sa.Column('programme_area_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('source_cell', sa.String(length=80), nullable=True),
    sa.Column('source_import_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("role <> 'FP' OR programme_area_id IS NOT NULL", name=op.f('ck_directory_role_focal_point_has_area')),
    sa.CheckConstraint("role IN ('COM', 'HOO', 'OIC', 'FP', 'REGIONAL')", name=op.f('ck_directory_role_role')),
    sa.ForeignKeyConstraint(['country_id'], ['country.id'], name=op.f('fk_directory_role_country_id_country'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_directory_role_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_area_id'], ['programme_area.id'], name=op.f('fk_directory_role_programme_area_id_programme_area'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_import_id'], ['import_record.id'], name=op.f('fk_directory_role_source_import_id_import_record'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_role'))
    )
    with op.batch_alter_table('directory_role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_role_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_role_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_role_source_import_id'), ['source_import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_role_year'), ['year'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('date_precision', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('source_cell', sa.String(length=80), nullable=True),
    sa.Column('source_import_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("date_precision IN ('day', 'month')", name=op.f('ck_event_date_precision')),
    sa.ForeignKeyConstraint(['country_id'], ['country.id'], name=op.f('fk_event_country_id_country'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_import_id'], ['import_record.id'], name=op.f('fk_event_source_import_id_import_record'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_country_id'), ['country_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_source_import_id'), ['source_import_id'], unique=False)

    op.create_table('import_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('before_json', sa.Text(), nullable=True),
    sa.Column('after_version', sa.Integer(), nullable=True),
    sa.CheckConstraint("action IN ('add', 'change', 'remove')", name=op.f('ck_import_change_action')),
    sa.ForeignKeyConstraint(['import_id'], ['import_record.id'], name=op.f('fk_import_change_import_id_import_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_change'))
    )
    with op.batch_alter_table('import_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_change_import_id'), ['import_id'], unique=False)

    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=7), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('programme_area_id', sa.Integer(), nullable=True),
    sa.Column('budget', sa.BigInteger(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('health_budget', sa.BigInteger(), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('extended_to', sa.Date(), nullable=True),
    sa.Column('managing_mission_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('background', sa.Text(), nullable=True),
    sa.Column('objectives', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('source_cell', sa.String(length=80), nullable=True),
    sa.Column('source_import_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('pipeline', 'active', 'completed')", name=op.f('ck_project_status')),
    sa.CheckConstraint('budget IS NULL OR budget >= 0', name=op.f('ck_project_budget_not_negative')),
    sa.CheckConstraint('health_budget IS NULL OR health_budget >= 0', name=op.f('ck_project_health_budget_not_negative')),
    sa.CheckConstraint('start IS NULL OR "end" IS NULL OR "end" >= start', name=op.f('ck_project_end_after_start')),
    sa.ForeignKeyConstraint(['managing_mission_id'], ['country.id'], name=op.f('fk_project_managing_mission_id_country'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['programme_area_id'], ['programme_area.id'], name=op.f('fk_project_programme_area_id_programme_area'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_import_id'], ['import_record.id'], name=op.f('fk_project_source_import_id_import_record'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('code', name=op.f('uq_project_code'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_managing_mission_id'), ['managing_mission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_programme_area_id'), ['programme_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_source_import_id'), ['source_import_id'], unique=False)

    op.create_table('achievement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_achievement_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_achievement'))
    )
    with op.batch_alter_table('achievement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_achievement_project_id'), ['project_id'], unique=False)

    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('sex', sa.String(length=6), nullable=False),
    sa.Column('age_group', sa.String(length=8), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('source_cell', sa.String(length=80), nullable=True),
    sa.Column('source_import_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("age_group IN ('', 'children', 'adults')", name=op.f('ck_indicator_value_age_group')),
    sa.CheckConstraint("sex IN ('', 'female', 'male')", name=op.f('ck_indicator_value_sex')),
    sa.CheckConstraint('value >= 0', name=op.f('ck_indicator_value_value_not_negative')),
    sa.ForeignKeyConstraint(['country_id'], ['country.id'], name=op.f('fk_indicator_value_country_id_country'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_indicator_value_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_import_id'], ['import_record.id'], name=op.f('fk_indicator_value_source_import_id_import_record'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_value_key', ['indicator_id', 'country_id', 'year', 'project_id', 'sex', 'age_group'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_source_import_id'), ['source_import_id'], unique=False)
        batch_op.create_index('ix_indicator_value_year_country', ['year', 'country_id'], unique=False)

    op.create_table('photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('file', sa.String(length=400), nullable=True),
    sa.Column('caption', sa.Text(), nullable=True),
    sa.Column('credit', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_photo_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo'))
    )
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photo_project_id'), ['project_id'], unique=False)

    op.create_table('project_country',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['country.id'], name=op.f('fk_project_country_country_id_country'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_country_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'country_id', name=op.f('pk_project_country'))
    )
    with op.batch_alter_table('project_country', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_country_country_id'), ['country_id'], unique=False)

    op.create_table('project_donor',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('donor_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['donor_id'], ['donor.id'], name=op.f('fk_project_donor_donor_id_donor'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_donor_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'donor_id', name=op.f('pk_project_donor'))
    )
    with op.batch_alter_table('project_donor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_donor_donor_id'), ['donor_id'], unique=False)

    op.create_table('project_thematic_area',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('thematic_area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_thematic_area_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thematic_area_id'], ['thematic_area.id'], name=op.f('fk_project_thematic_area_thematic_area_id_thematic_area'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('project_id', 'thematic_area_id', name=op.f('pk_project_thematic_area'))
    )
    op.create_table('testimony',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_testimony_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testimony'))
    )
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testimony_project_id'), ['project_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testimony_project_id'))

    op.drop_table('testimony')
    op.drop_table('project_thematic_area')
    with op.batch_alter_table('project_donor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_donor_donor_id'))

    op.drop_table('project_donor')
    with op.batch_alter_table('project_country', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_country_country_id'))

    op.drop_table('project_country')
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photo_project_id'))

    op.drop_table('photo')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_value_year_country')
        batch_op.drop_index(batch_op.f('ix_indicator_value_source_import_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_value_project_id'))
        batch_op.drop_index('ix_indicator_value_key')

    op.drop_table('indicator_value')
    with op.batch_alter_table('achievement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_achievement_project_id'))

    op.drop_table('achievement')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_source_import_id'))
        batch_op.drop_index(batch_op.f('ix_project_programme_area_id'))
        batch_op.drop_index(batch_op.f('ix_project_managing_mission_id'))

    op.drop_table('project')
    with op.batch_alter_table('import_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_change_import_id'))

    op.drop_table('import_change')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_source_import_id'))
        batch_op.drop_index(batch_op.f('ix_event_date'))
        batch_op.drop_index(batch_op.f('ix_event_country_id'))

    op.drop_table('event')
    with op.batch_alter_table('directory_role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_role_year'))
        batch_op.drop_index(batch_op.f('ix_directory_role_source_import_id'))
        batch_op.drop_index(batch_op.f('ix_directory_role_person_id'))
        batch_op.drop_index(batch_op.f('ix_directory_role_country_id'))

    op.drop_table('directory_role')
    with op.batch_alter_table('import_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_record_year'))
        batch_op.drop_index(batch_op.f('ix_import_record_sha256'))
        batch_op.drop_index(batch_op.f('ix_import_record_mission_id'))

    op.drop_table('import_record')
    with op.batch_alter_table('country_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_country_alias_country_id'))

    op.drop_table('country_alias')
    op.drop_table('thematic_area')
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publication_year'))

    op.drop_table('publication')
    op.drop_table('programme_area')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_family_name'))
        batch_op.drop_index(batch_op.f('ix_person_email'))

    op.drop_table('person')
    op.drop_table('indicator')
    op.drop_table('edition')
    op.drop_table('donor')
    op.drop_table('country')
