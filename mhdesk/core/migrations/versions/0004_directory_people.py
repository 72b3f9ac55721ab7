"""Directory people: a person's title and notes, the order of people in a printed cell, regional roles by kind.

The former single regional role is split into regional coordinator (RC) and regional thematic specialist (RTS),
told apart by the title each one carries (`RC for UA & MD`, `RTS`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('COM', 'HOO', 'OIC', 'FP', 'REGIONAL')"
NEW_ROLES = "role IN ('COM', 'HOO', 'OIC', 'FP', 'RC', 'RTS')"


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=True))
    with op.batch_alter_table('directory_role', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False))
        batch_op.drop_constraint(op.f('ck_directory_role_role'), type_='check')
    op.execute("UPDATE directory_role SET role = 'RTS' WHERE role = 'REGIONAL' AND "
               "(lower(title) LIKE 'rts%' OR lower(title) LIKE '%specialist%')")
    op.execute("UPDATE directory_role SET role = 'RC' WHERE role = 'REGIONAL'")
    with op.batch_alter_table('directory_role', schema=None) as batch_op:
        batch_op.create_check_constraint('role', sa.text(NEW_ROLES))


def downgrade() -> None:
    with op.batch_alter_table('directory_role', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_directory_role_role'), type_='check')
    op.execute("UPDATE directory_role SET role = 'REGIONAL' WHERE role IN ('RC', 'RTS')")
    with op.batch_alter_table('directory_role', schema=None) as batch_op:
        batch_op.create_check_constraint('role', sa.text(OLD_ROLES))
        batch_op.drop_column('position')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('notes')
        batch_op.drop_column('title')
