"""Each country's figure for an indicator and year (a *cell*), kept beside the values it is added up from.

A year's regional totals read some 1,500 cells instead of adding up a million values. The figure is
the country's own value without a project, or where it has none the sum of its projects' values; each
of those is the stated total, or where only parts were given, the sum of the parts (sex x age parts,
else sex parts, else age-group parts). `cell_figures` is that rule in SQL, the one definition of it.

An INSERT names its cells in its own parameters (read by `cell_upkeep` as it goes to the database);
triggers on `indicator_value` (revision 0007) write the keys of every cell an UPDATE or DELETE touches
into `indicator_cell_stale`, whoever writes, a cascade from a deleted project included. `cell_upkeep`
refreshes those cells before the transaction commits; a reader that still finds a stale key, or reads
in a transaction that wrote, adds those cells up from their values, so a figure is never out of step.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import BigInteger, Column, Integer, Select, Table, and_, case, func, select, tuple_

from .base import Base
from .indicators import IndicatorValue

VALUES = IndicatorValue.__table__
KEY = ("year", "indicator_id", "country_id")
KEYS_PER_STATEMENT = 300  # cells named in one IN (...) list: 900 bound parameters

indicator_cell = Table(
    "indicator_cell", Base.metadata,
    Column("year", Integer, primary_key=True),
    Column("indicator_id", Integer, primary_key=True),
    Column("country_id", Integer, primary_key=True),
    Column("figure", BigInteger, nullable=False),  # as stored: the value times 10**decimals of the indicator
    Column("value_count", Integer, nullable=False),  # the values it was added up from
)

# One row per cell and writing transaction. `writer` is the transaction on PostgreSQL, so that concurrent
# writers of one cell never wait for each other here; 0 on SQLite, which has one writer at a time.
indicator_cell_stale = Table(
    "indicator_cell_stale", Base.metadata,
    Column("year", Integer, primary_key=True),
    Column("indicator_id", Integer, primary_key=True),
    Column("country_id", Integer, primary_key=True),
    Column("writer", BigInteger, primary_key=True),
)


def cell_figures(*conditions) -> Select:
    """(year, indicator_id, country_id, figure, value_count) of every cell with values meeting `conditions`."""
    v = VALUES.c
    no_sex, no_age = v.sex == "", v.age_group == ""
    stated = func.sum(case((and_(no_sex, no_age), v.value)))
    both = func.sum(case((and_(v.sex != "", v.age_group != ""), v.value)))
    by_sex = func.sum(case((and_(v.sex != "", no_age), v.value)))
    by_age = func.sum(case((and_(no_sex, v.age_group != ""), v.value)))
    per_project = (
        select(v.year, v.indicator_id, v.country_id, v.project_id,
               func.coalesce(stated, both, by_sex, by_age).label("figure"), func.count().label("value_count"))
        .where(*conditions)
        .group_by(v.year, v.indicator_id, v.country_id, v.project_id)
        .subquery()
    )
    p = per_project.c
    own = func.sum(case((p.project_id.is_(None), p.figure)))
    return (select(p.year, p.indicator_id, p.country_id, func.coalesce(own, func.sum(p.figure)).label("figure"),
                   func.sum(p.value_count).label("value_count"))
            .group_by(p.year, p.indicator_id, p.country_id))


def figures_of(connection, keys: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """The cells with these keys (year, indicator id, country id) added up from their values now."""
    keys, v, found = sorted(set(keys)), VALUES.c, []
    for start in range(0, len(keys), KEYS_PER_STATEMENT):
        chunk = keys[start:start + KEYS_PER_STATEMENT]
        # The years apart too: SQLite then reads those years' part of the index, not every value, to match the keys.
        years = sorted({key[0] for key in chunk})
        found += connection.execute(cell_figures(v.year.in_(years),
                                                 tuple_(v.year, v.indicator_id, v.country_id).in_(chunk))).all()
    return [tuple(int(n) for n in row) for row in found]  # PostgreSQL's sums are numeric
