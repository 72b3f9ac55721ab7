"""Indicator values stored exactly, an editable catalogue with aggregation rules, dated exchange rates.

Values were whole hundredths (the money type); they become the value times 10**decimals of their
indicator, where an indicator's decimals are the fewest that keep every value it has, or ever had in
an import's saved state, exact: counts become the whole numbers they are. The old `aggregation`
('sum' / 'stock') becomes `over_years` ('sum' / 'latest').

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# The reference indicators that missions report by sex and by age group.
BY_SEX = ('PHC_CONSULT', 'SPEC_CONSULT', 'REFERRALS', 'HEALTH_ASSESS', 'VACCINE_DOSES', 'MED_ESCORTS', 'HW_TRAINED')
BY_AGE = ('PHC_CONSULT', 'SPEC_CONSULT', 'REFERRALS', 'HEALTH_ASSESS', 'VACCINE_DOSES', 'MED_ESCORTS')
VALUE_AT = 7  # the value's place in an indicator_value row kept as JSON by an import change
INDICATOR_AT = 1


def upgrade() -> None:
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('decimals', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('over_countries', sa.String(length=8), server_default='sum', nullable=False))
        batch_op.add_column(sa.Column('over_years', sa.String(length=8), server_default='sum', nullable=False))
        batch_op.add_column(sa.Column('by_sex', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('by_age', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.execute("UPDATE indicator SET over_years = CASE aggregation WHEN 'stock' THEN 'latest' ELSE 'sum' END")
    indicator = sa.table('indicator', sa.column('code', sa.String), sa.column('by_sex', sa.Boolean),
                         sa.column('by_age', sa.Boolean))
    op.execute(indicator.update().where(indicator.c.code.in_(BY_SEX)).values(by_sex=True))
    op.execute(indicator.update().where(indicator.c.code.in_(BY_AGE)).values(by_age=True))
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_indicator_aggregation'), type_='check')
        batch_op.drop_column('aggregation')
        batch_op.create_check_constraint(op.f('ck_indicator_over_countries'), "over_countries IN ('sum', 'max')")
        batch_op.create_check_constraint(op.f('ck_indicator_over_years'), "over_years IN ('sum', 'latest')")
        batch_op.create_check_constraint(op.f('ck_indicator_decimals'), 'decimals BETWEEN 0 AND 6')

    _values_to_exact(op.get_bind())
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_value_totals',
                              ['year', 'indicator_id', 'country_id', 'project_id', 'sex', 'age_group', 'value'],
                              unique=False)

    op.create_table('exchange_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('reporting_currency', sa.String(length=3), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('rate', sa.BigInteger(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('rate > 0', name=op.f('ck_exchange_rate_rate_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_rate')),
    sa.UniqueConstraint('currency', 'reporting_currency', 'valid_from',
                        name=op.f('uq_exchange_rate_currency_reporting_currency_valid_from'))
    )


def _values_to_exact(conn) -> None:
    """Hundredths -> value times 10**decimals, each indicator with the fewest decimals that lose nothing."""
    kept = conn.execute(sa.text(
        "SELECT id, before_json FROM import_change WHERE entity = 'indicator_value' AND before_json IS NOT NULL"
    )).all()
    kept_rows = [(change_id, json.loads(text)) for change_id, text in kept]
    stored = conn.execute(sa.text("SELECT DISTINCT indicator_id, value FROM indicator_value")).all()
    places: dict[int, int] = {}
    for indicator_id, hundredths in [*stored, *((row[INDICATOR_AT], row[VALUE_AT]) for _, row in kept_rows)]:
        places[indicator_id] = max(places.get(indicator_id, 0), _places(hundredths))
    for indicator_id, decimals in places.items():
        divisor = 10 ** (2 - decimals)
        conn.execute(sa.text("UPDATE indicator SET decimals = :d WHERE id = :i"), {"d": decimals, "i": indicator_id})
        conn.execute(sa.text("UPDATE indicator_value SET value = value / :divisor WHERE indicator_id = :i"),
                     {"divisor": divisor, "i": indicator_id})
    for change_id, row in kept_rows:
        row[VALUE_AT] = row[VALUE_AT] // 10 ** (2 - places[row[INDICATOR_AT]])
        conn.execute(sa.text("UPDATE import_change SET before_json = :j WHERE id = :i"),
                     {"j": json.dumps(row, ensure_ascii=False, separators=(",", ":")), "i": change_id})


def _places(hundredths: int) -> int:
    if hundredths % 100 == 0:
        return 0
    return 1 if hundredths % 10 == 0 else 2


def downgrade() -> None:
    op.drop_table('exchange_rate')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_value_totals')
    conn = op.get_bind()
    decimals = dict(conn.execute(sa.text("SELECT id, decimals FROM indicator")).all())
    for indicator_id, places in decimals.items():
        conn.execute(sa.text("UPDATE indicator_value SET value = value * :m WHERE indicator_id = :i"),
                     {"m": 10 ** (2 - min(places, 2)), "i": indicator_id})
    for change_id, text in conn.execute(sa.text(
            "SELECT id, before_json FROM import_change WHERE entity = 'indicator_value' "
            "AND before_json IS NOT NULL")).all():
        row = json.loads(text)
        row[VALUE_AT] = row[VALUE_AT] * 10 ** (2 - min(decimals[row[INDICATOR_AT]], 2))
        conn.execute(sa.text("UPDATE import_change SET before_json = :j WHERE id = :i"),
                     {"j": json.dumps(row, ensure_ascii=False, separators=(",", ":")), "i": change_id})
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('aggregation', sa.String(length=8), server_default='sum', nullable=False))
    op.execute("UPDATE indicator SET aggregation = CASE over_years WHEN 'latest' THEN 'stock' ELSE 'sum' END")
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_indicator_decimals'), type_='check')
        batch_op.drop_constraint(op.f('ck_indicator_over_years'), type_='check')
        batch_op.drop_constraint(op.f('ck_indicator_over_countries'), type_='check')
        for name in ('version', 'by_age', 'by_sex', 'over_years', 'over_countries', 'decimals', 'description'):
            batch_op.drop_column(name)
        batch_op.create_check_constraint(op.f('ck_indicator_aggregation'), "aggregation IN ('sum', 'stock')")
