"""Everything one edition of the newsletter prints, read from the records in one go (no layout here).

Reading is separate from laying out so that the window can read on its worker and the layout can be
measured on its own. What cannot be printed truthfully is left out and said in `notes` (the build log):
a budget total needing an exchange rate the records lack, a chosen project no longer in the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..collation import sorted_by_name
from ..services import Services
from ..services.dashboard import ProjectGroup, Tile
from ..services.directory import DirectoryGrid
from ..services.editions import EditionContents, EditionData
from ..services.events import EventData
from ..services.exchange_rates import DEFAULT_REPORTING_CURRENCY, BudgetTotal, budgets_of
from ..services.project_records import ProjectData
from ..services.publications import PublicationData


@dataclass
class NewsletterData:
    edition: EditionData
    contents: EditionContents
    projects: dict[str, ProjectData]  # by code, every project printed
    tiles: list[Tile]  # main indicators with a total for the year
    by_programme_area: list[ProjectGroup]
    by_thematic_area: list[ProjectGroup]
    by_country: list[tuple[str, int]]  # country, projects working there; most first
    budget: BudgetTotal | None  # None when a rate is missing: a partial total would be wrong
    events: list[EventData]
    publications: list[PublicationData]
    directory: DirectoryGrid | None
    notes: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.edition.year

    @property
    def countries(self) -> list[str]:
        return [name for name, _ in self.by_country]


def newsletter_data(services: Services, year: int, edition: EditionData | None = None) -> NewsletterData:
    """What the edition of `year` prints: `edition` as given (the window's unsaved texts) or as recorded."""
    edition = edition or services.editions.get_or_draft(year)
    contents = services.editions.contents(edition)
    notes = [f"Chosen project {code} is no longer in the register and is left out." for code in
             contents.missing_codes]
    rows = contents.rows
    projects = {row.code: services.projects.get(row.id) for row in rows}
    codes = set(projects)

    def printed(groups: list[ProjectGroup]) -> list[ProjectGroup]:
        kept = [ProjectGroup(g.label, g.key, tuple(c for c in g.codes if c in codes)) for g in groups]
        return [g for g in kept if g.codes]

    counts: dict[str, int] = {}
    for row in rows:
        for country in row.countries:
            counts[country] = counts.get(country, 0) + 1
    by_country = sorted(sorted_by_name(counts.items(), key=lambda item: item[0]), key=lambda item: -item[1])

    budget = services.exchange_rates.total(budgets_of(rows), DEFAULT_REPORTING_CURRENCY)
    if not budget.complete:
        notes += [f"The budget total is left out: {gap}." for gap in budget.missing]
        budget = None
    elif not budget.counted:
        budget = None

    directory_year = services.directory.latest_year(up_to=year)
    directory = services.directory.grid(directory_year) if directory_year is not None else None
    if directory is None:
        notes.append(f"No focal points are recorded for {year} or before; the directory is left out.")
    tiles = [t for t in services.dashboard.tiles(year) if t.value is not None]
    return NewsletterData(
        edition=edition, contents=contents, projects=projects, tiles=tiles,
        by_programme_area=printed(services.dashboard.by_programme_area(year)),
        by_thematic_area=printed(services.dashboard.by_thematic_area(year)),
        by_country=by_country, budget=budget, events=services.events.list(year),
        publications=services.publications.list(year), directory=directory, notes=notes,
    )


def budget_text(amount: Decimal | None, currency: str | None) -> str:
    """`USD 170,000`, `EUR 290,500.50`: the currency first, cents only when there are some."""
    if amount is None:
        return ""
    digits = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{currency} {digits}" if currency else digits


def project_budget(project: ProjectData) -> str:
    """`EUR 3,000,000 (health: EUR 290,500)` when there is a health share, else the budget alone."""
    text = budget_text(project.budget, project.currency)
    if project.health_budget is not None and project.health_budget != project.budget:
        share = budget_text(project.health_budget, project.currency)
        text = f"{text} (health: {share})" if text else f"health: {share}"
    return text


def project_duration(project: ProjectData) -> str:
    """`1 November 2016 – 31 October 2018, no-cost extension to 30 April 2019`."""
    def day(value):
        return f"{value.day} {value:%B %Y}"

    if project.start is None and project.end is None:
        return ""
    text = f"{day(project.start) if project.start else '…'} – {day(project.end) if project.end else 'ongoing'}"
    if project.extended_to:
        text += f", no-cost extension to {day(project.extended_to)}"
    return text
