"""The ORM model; importing this package registers every table on `Base.metadata`."""

from .base import Base, Money
from .directory import ROLES, DirectoryRole, Person
from .exchange_rates import ExchangeRate
from .indicators import AGE_GROUPS, SEXES, IndicatorValue
from .projects import STATUSES, Achievement, Photo, Project, ProjectDonor, Testimony
from .records import Edition, Event, ImportChange, ImportRecord, Publication
from .reference import Country, CountryAlias, Donor, Indicator, ProgrammeArea, ThematicArea

__all__ = [
    "AGE_GROUPS", "ROLES", "SEXES", "STATUSES",
    "Achievement", "Base", "Country", "CountryAlias", "DirectoryRole", "Donor", "Edition", "Event", "ExchangeRate",
    "ImportChange", "ImportRecord", "Indicator", "IndicatorValue", "Money", "Person", "Photo",
    "ProgrammeArea", "Project", "ProjectDonor", "Publication", "Testimony", "ThematicArea",
]
