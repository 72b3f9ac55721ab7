"""Each country's figure per indicator and year kept beside the values, so that a year's totals read cells.

`indicator_cell` holds the figures, added up here from the values there are; `indicator_cell_stale`
receives, from triggers on `indicator_value`, the key of every cell an UPDATE or DELETE touches (an
INSERT names its cells in its own parameters), and the application adds those cells up again before
it commits (`models.cell_upkeep`).
SQLite drops a table's triggers with the table: a later revision that copies `indicator_value` (batch
mode) must create them again (`create_triggers`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# The figure of a cell as of this revision: the country's own value, else the sum of its projects' values;
# each the stated total, else the sum of sex x age parts, of sex parts, of age-group parts.
FIGURES = """
SELECT year, indicator_id, country_id,
       COALESCE(SUM(CASE WHEN project_id IS NULL THEN figure END), SUM(figure)), SUM(value_count)
FROM (SELECT year, indicator_id, country_id, project_id,
             COALESCE(SUM(CASE WHEN sex = '' AND age_group = '' THEN value END),
                      SUM(CASE WHEN sex <> '' AND age_group <> '' THEN value END),
                      SUM(CASE WHEN sex <> '' AND age_group = '' THEN value END),
                      SUM(CASE WHEN sex = '' AND age_group <> '' THEN value END)) AS figure,
             COUNT(*) AS value_count
      FROM indicator_value
      GROUP BY year, indicator_id, country_id, project_id) AS per_project
GROUP BY year, indicator_id, country_id
"""

# A cell named twice by one writer is named once; the writer is the transaction on PostgreSQL, 0 on SQLite.
STALE = "INTO indicator_cell_stale (year, indicator_id, country_id, writer)"
FIGURE_COLUMNS = "indicator_id, country_id, year, project_id, sex, age_group, value"
TRIGGERS = ('indicator_value_cells_update', 'indicator_value_cells_delete')

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER indicator_value_cells_update AFTER UPDATE OF {FIGURE_COLUMNS} ON indicator_value BEGIN "
    f"INSERT OR IGNORE {STALE} VALUES (OLD.year, OLD.indicator_id, OLD.country_id, 0), "
    f"(NEW.year, NEW.indicator_id, NEW.country_id, 0); END",
    f"CREATE TRIGGER indicator_value_cells_delete AFTER DELETE ON indicator_value BEGIN "
    f"INSERT OR IGNORE {STALE} VALUES (OLD.year, OLD.indicator_id, OLD.country_id, 0); END",
)

# One row of the stale cells per statement and cell, however many values the statement wrote.
CHANGED = "({}) IS DISTINCT FROM ({})".format(*(", ".join(f"{side}.{name}" for name in FIGURE_COLUMNS.split(", "))
                                               for side in ("o", "n")))
POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION indicator_value_cells_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT {STALE} SELECT DISTINCT year, indicator_id, country_id, txid_current() FROM old_rows
        ON CONFLICT DO NOTHING;
    ELSE
        INSERT {STALE}
        SELECT o.year, o.indicator_id, o.country_id, txid_current() FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE {CHANGED}
        UNION
        SELECT n.year, n.indicator_id, n.country_id, txid_current() FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE {CHANGED}
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGERS = (
    "CREATE TRIGGER indicator_value_cells_update AFTER UPDATE ON indicator_value "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION indicator_value_cells_stale()",
    "CREATE TRIGGER indicator_value_cells_delete AFTER DELETE ON indicator_value REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_cells_stale()",
)


def upgrade() -> None:
    op.create_table(
        'indicator_cell',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('country_id', sa.Integer(), nullable=False),
        sa.Column('figure', sa.BigInteger(), nullable=False),
        sa.Column('value_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'indicator_id', 'country_id', name=op.f('pk_indicator_cell')),
    )
    op.create_table(
        'indicator_cell_stale',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('country_id', sa.Integer(), nullable=False),
        sa.Column('writer', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'indicator_id', 'country_id', 'writer', name=op.f('pk_indicator_cell_stale')),
    )
    op.execute(f"INSERT INTO indicator_cell (year, indicator_id, country_id, figure, value_count) {FIGURES}")
    create_triggers(op.get_bind())


def create_triggers(conn) -> None:
    statements = POSTGRESQL_TRIGGERS if conn.dialect.name == 'postgresql' else SQLITE_TRIGGERS
    if conn.dialect.name == 'postgresql':
        conn.exec_driver_sql(POSTGRESQL_FUNCTION)
    for statement in statements:
        conn.exec_driver_sql(statement)


def downgrade() -> None:
    conn = op.get_bind()
    for name in TRIGGERS:
        on = ' ON indicator_value' if conn.dialect.name == 'postgresql' else ''
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")
    if conn.dialect.name == 'postgresql':
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS indicator_value_cells_stale()")
    op.drop_table('indicator_cell_stale')
    op.drop_table('indicator_cell')
