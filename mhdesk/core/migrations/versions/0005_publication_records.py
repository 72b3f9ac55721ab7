"""Photos kept in the database, ordered testimonies with a place, and editions as whole records.

A photo named by a file path has the file's bytes read into the database, with its size and a thumbnail;
a path that cannot be read (another laptop's) keeps its caption and credit and the file's name. An
edition's single spotlight text becomes its first spotlight article; editions gain their subtitle, region
line, signature, grouping, chosen projects and the sections left out.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False))
        batch_op.add_column(sa.Column('file_name', sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column('media_type', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('width', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('height', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('image', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('thumbnail', sa.LargeBinary(), nullable=True))
    _photos_into_database(op.get_bind())
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.drop_column('file')
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False))
        batch_op.add_column(sa.Column('place', sa.String(length=200), nullable=True))
    _number_by_id(op.get_bind(), 'photo')
    _number_by_id(op.get_bind(), 'testimony')

    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subtitle', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('region_line', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('signature', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('grouping', sa.String(length=20), server_default='programme_area',
                                      nullable=False))
        batch_op.add_column(sa.Column('projects_chosen', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('sections_left_out', sa.String(length=400), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('cover_image', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('cover_media_type', sa.String(length=20), nullable=True))
        batch_op.create_check_constraint('grouping', sa.text("grouping IN ('programme_area', 'subregion', 'theme')"))
    op.create_table(
        'spotlight_article',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('edition_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('image', sa.LargeBinary(), nullable=True),
        sa.Column('media_type', sa.String(length=20), nullable=True),
        sa.Column('caption', sa.Text(), nullable=True),
        sa.Column('credit', sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_spotlight_article_edition_id_edition'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_spotlight_article')),
    )
    with op.batch_alter_table('spotlight_article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spotlight_article_edition_id'), ['edition_id'], unique=False)
    op.create_table(
        'edition_project',
        sa.Column('edition_id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_project_edition_id_edition'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_edition_project_project_id_project'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('edition_id', 'project_id', name=op.f('pk_edition_project')),
    )
    with op.batch_alter_table('edition_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_project_project_id'), ['project_id'], unique=False)
    bind = op.get_bind()
    for edition_id, spotlight in bind.execute(sa.text(
            "SELECT id, spotlight FROM edition WHERE spotlight IS NOT NULL AND spotlight <> ''")).all():
        title, body = _split_heading(spotlight)
        bind.execute(sa.text("INSERT INTO spotlight_article (edition_id, position, title, body) "
                             "VALUES (:e, 0, :t, :b)"), {"e": edition_id, "t": title, "b": body})
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.drop_column('spotlight')


def downgrade() -> None:
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spotlight', sa.Text(), nullable=True))
    bind = op.get_bind()
    for edition_id, title, body in bind.execute(sa.text(
            "SELECT edition_id, title, body FROM spotlight_article WHERE position = 0")).all():
        bind.execute(sa.text("UPDATE edition SET spotlight = :s WHERE id = :e"),
                     {"s": f"{title}. {body}" if title else body, "e": edition_id})
    op.drop_table('edition_project')
    op.drop_table('spotlight_article')
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_edition_grouping'), type_='check')
        for column in ('cover_media_type', 'cover_image', 'sections_left_out', 'projects_chosen', 'grouping',
                       'signature', 'region_line', 'subtitle'):
            batch_op.drop_column(column)
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.drop_column('place')
        batch_op.drop_column('position')
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file', sa.String(length=400), nullable=True))
    op.execute("UPDATE photo SET file = file_name")
    with op.batch_alter_table('photo', schema=None) as batch_op:
        for column in ('thumbnail', 'image', 'height', 'width', 'media_type', 'file_name', 'position'):
            batch_op.drop_column(column)


def _photos_into_database(bind) -> None:
    from mhdesk.core.images import ImageRefused, image_from_file

    database = bind.engine.url.database if bind.dialect.name == "sqlite" else None
    base = Path(database).parent if database and database != ":memory:" else Path.cwd()
    for photo_id, file in bind.execute(sa.text("SELECT id, file FROM photo WHERE file IS NOT NULL")).all():
        path = Path(file).expanduser()
        path = path if path.is_absolute() else base / path
        values = {"id": photo_id, "name": Path(file).name}
        try:
            image = image_from_file(path)
        except ImageRefused:
            bind.execute(sa.text("UPDATE photo SET file_name = :name WHERE id = :id"), values)
            continue
        bind.execute(sa.text(
            "UPDATE photo SET file_name = :name, media_type = :type, width = :w, height = :h, image = :image, "
            "thumbnail = :thumb WHERE id = :id"),
            {**values, "type": image.media_type, "w": image.width, "h": image.height, "image": image.data,
             "thumb": image.thumbnail})


def _number_by_id(bind, table: str) -> None:
    """Rows keep the order they had (by id) as positions within their project."""
    rows = bind.execute(sa.text(f"SELECT id, project_id FROM {table} ORDER BY project_id, id")).all()
    seen: dict[int, int] = {}
    for row_id, project_id in rows:
        position = seen.get(project_id, 0)
        seen[project_id] = position + 1
        if position:
            bind.execute(sa.text(f"UPDATE {table} SET position = :p WHERE id = :id"), {"p": position, "id": row_id})


def _split_heading(text: str) -> tuple[str, str]:
    """"Border health in Central Asia. Since 2021 ..." -> a title and its body, when the first sentence is short."""
    head, dot, rest = text.strip().partition(". ")
    if dot and len(head) <= 80:
        return head, rest.strip()
    return "Spotlight", text.strip()
