"""The import log as the window reads it: which returns came in, what each changed, where records came from."""

from __future__ import annotations

from collections.abc import Iterable

from ..database import Database
from ..returns.history import ImportDetails, ImportInfo, ReturnsOverview, import_details, list_imports, returns_overview
from .imports_read import RecordSource, directory_role_sources


class ImportHistoryService:
    def __init__(self, db: Database):
        self._db = db

    def list(self, mission: str | None = None, year: int | None = None) -> list[ImportInfo]:
        """Import records, oldest first, optionally of one mission and/or year."""
        return list_imports(self._db, mission, year)

    def by_id(self) -> dict[int, ImportInfo]:
        """Every import record by id, for the provenance tooltips of a view."""
        return {info.id: info for info in list_imports(self._db)}

    def overview(self, years: Iterable[int] | None = None) -> ReturnsOverview:
        """Missions x years, each cell saying where that return stands."""
        return returns_overview(self._db, years)

    def details(self, import_id: int) -> ImportDetails | None:
        return import_details(self._db, import_id)

    def directory_role_sources(self, year: int | None = None) -> dict[int, RecordSource]:
        return directory_role_sources(self._db, year)
