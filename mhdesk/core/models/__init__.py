"""The ORM model; importing this package registers every table on `Base.metadata`."""

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from .audit import AuditEntry, SchemaRequirement
from .base import Base, Money
from .cell_upkeep import forget_writes, note_write, refresh_before_commit
from .directory import ROLES, DirectoryRole, Person
from .exchange_rates import ExchangeRate
from .indicator_cells import indicator_cell, indicator_cell_stale  # noqa: F401 - registers the cell tables
from .indicators import AGE_GROUPS, SEXES, IndicatorValue
from .ownership import bump_owners_of_statement, bump_versions_once, forget_bumped
from .projects import STATUSES, Achievement, Photo, Project, ProjectDonor, Testimony
from .records import (
    GROUPINGS,
    Edition,
    EditionProject,
    Event,
    ImportChange,
    ImportRecord,
    Publication,
    SpotlightArticle,
)
from .reference import Country, CountryAlias, Donor, Indicator, ProgrammeArea, ThematicArea

__all__ = [
    "AGE_GROUPS", "GROUPINGS", "ROLES", "SEXES", "STATUSES",
    "Achievement", "AuditEntry", "Base", "Country", "CountryAlias", "DirectoryRole", "Donor", "Edition",
    "EditionProject", "Event", "ExchangeRate",
    "ImportChange", "ImportRecord", "Indicator", "IndicatorValue", "Money", "Person", "Photo",
    "ProgrammeArea", "Project", "ProjectDonor", "Publication", "SchemaRequirement", "SpotlightArticle", "Testimony",
    "ThematicArea",
]

# On every session, so that no way of writing through the ORM forgets it (see base.Versioned).
event.listen(Session, "before_flush", bump_versions_once)
event.listen(Session, "do_orm_execute", bump_owners_of_statement)
event.listen(Session, "after_transaction_end", forget_bumped)

# On every engine, so that the cells commit with the values however they were written (see indicator_cells).
event.listen(Engine, "before_cursor_execute", note_write)
event.listen(Engine, "commit", refresh_before_commit)
event.listen(Engine, "rollback", forget_writes)
