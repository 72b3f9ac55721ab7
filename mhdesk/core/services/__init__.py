"""Services: everything the window and the command line do to the records."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a command that only lists reads through the driver and never imports the database library
    from ..database import Database


class Services:
    """The services over one open database, created once and passed around."""

    def __init__(self, db: Database):
        self.db = db

    @cached_property
    def catalog(self):
        from .catalog import Catalog

        return Catalog(self.db)

    @cached_property
    def projects(self):
        from .projects import ProjectService

        return ProjectService(self.db)

    @cached_property
    def project_history(self):
        from .project_history import ProjectHistory

        return ProjectHistory(self.db)

    @cached_property
    def record_history(self):
        from .record_history import RecordHistory

        return RecordHistory(self.db)

    @cached_property
    def directory(self):
        from .directory import DirectoryService

        return DirectoryService(self.db)

    @cached_property
    def people(self):
        from .people import PeopleService

        return PeopleService(self.db)

    @cached_property
    def indicators(self):
        from .indicators import IndicatorService

        return IndicatorService(self.db, self.catalog)

    @cached_property
    def indicator_cells(self):
        from .indicator_cells import IndicatorCells

        return IndicatorCells(self.db)

    @cached_property
    def indicator_catalogue(self):
        from .indicator_catalogue import IndicatorCatalogue

        return IndicatorCatalogue(self.db)

    @cached_property
    def exchange_rates(self):
        from .exchange_rates import ExchangeRates

        return ExchangeRates(self.db)

    @cached_property
    def imports(self):
        from .imports import ImportHistoryService

        return ImportHistoryService(self.db)

    @cached_property
    def dashboard(self):
        from .dashboard import DashboardService

        return DashboardService(self.indicators, self.projects, self.exchange_rates, self.catalog)

    @cached_property
    def indicator_entry(self):
        from .indicator_entry import IndicatorEntry

        return IndicatorEntry(self.indicator_cells, self.catalog)

    @cached_property
    def events(self):
        from .events import EventService

        return EventService(self.db)

    @cached_property
    def publications(self):
        from .publications import PublicationService

        return PublicationService(self.db)

    @cached_property
    def editions(self):
        from .editions import EditionService

        return EditionService(self.db, self.projects, self.catalog)
