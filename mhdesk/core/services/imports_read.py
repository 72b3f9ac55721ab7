"""Where records came from, read for the window's provenance tooltips.

Indicator rows carry their source already (IndicatorRow.source_import_id and
source_cell); directory rows do not, so their sources are read here in one
query per reload rather than widening a row shape other callers rely on.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from ..database import Database
from ..models import DirectoryRole


class RecordSource(NamedTuple):
    import_id: int | None  # None: entered by hand (or the import record is gone)
    cell: str | None  # "Focal points!7:7"


def directory_role_sources(db: Database, year: int | None = None) -> dict[int, RecordSource]:
    """{directory role id: its source}, for the roles of `year` (or of every year)."""
    statement = select(DirectoryRole.id, DirectoryRole.source_import_id, DirectoryRole.source_cell)
    if year is not None:
        statement = statement.where(DirectoryRole.year == year)
    with db.session() as session:
        return {role_id: RecordSource(import_id, cell) for role_id, import_id, cell in session.execute(statement)}
