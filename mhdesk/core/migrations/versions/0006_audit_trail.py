"""The audit trail of edits, imports and rollbacks, and the mhdesk version each schema revision needs.

`mhdesk_schema` tells a client that does not know the database's revision which mhdesk it must be to write.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'audit_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('who', sa.String(length=200), nullable=False),
        sa.Column('entity', sa.String(length=40), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.Column('action', sa.String(length=8), nullable=False),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.Column('changes_json', sa.Text(), nullable=False),
        sa.CheckConstraint("action IN ('add', 'change', 'remove')", name=op.f('ck_audit_entry_action')),
        sa.CheckConstraint("source IN ('edit', 'import', 'rollback')", name=op.f('ck_audit_entry_source')),
        sa.ForeignKeyConstraint(['import_id'], ['import_record.id'],
                                name=op.f('fk_audit_entry_import_id_import_record'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    )
    op.create_index(op.f('ix_audit_entry_at'), 'audit_entry', ['at'], unique=False)
    op.create_index(op.f('ix_audit_entry_label'), 'audit_entry', ['label'], unique=False)
    op.create_index(op.f('ix_audit_entry_import_id'), 'audit_entry', ['import_id'], unique=False)
    op.create_index('ix_audit_entry_record', 'audit_entry', ['entity', 'entity_id'], unique=False)
    op.create_table(
        'mhdesk_schema',
        sa.Column('revision', sa.String(length=32), nullable=False),
        sa.Column('app_version', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('revision', name=op.f('pk_mhdesk_schema')),
    )


def downgrade() -> None:
    op.drop_table('mhdesk_schema')
    op.drop_index('ix_audit_entry_record', table_name='audit_entry')
    op.drop_index(op.f('ix_audit_entry_import_id'), table_name='audit_entry')
    op.drop_index(op.f('ix_audit_entry_label'), table_name='audit_entry')
    op.drop_index(op.f('ix_audit_entry_at'), table_name='audit_entry')
    op.drop_table('audit_entry')
