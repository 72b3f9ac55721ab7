"""What the indicator report of a year holds, read once for the workbook and the PDF alike."""

from __future__ import annotations

from dataclasses import dataclass

from ..services import Services
from ..services.indicators import IndicatorGrid, IndicatorRow

TITLE = "Indicator report"


@dataclass
class IndicatorReport:
    year: int
    grid: IndicatorGrid  # countries x indicators, totals, the year before, findings
    breakdowns: list[IndicatorRow]  # the values given by sex and/or age group, or for a single project
    units: dict[str, str]  # indicator code -> unit

    @property
    def title(self) -> str:
        return f"{TITLE} {self.year}"


def indicator_report(services: Services, year: int) -> IndicatorReport:
    grid = services.indicators.grid(year)
    breakdowns = [r for r in services.indicators.rows(year) if not r.is_total or r.project_code]
    return IndicatorReport(year, grid, breakdowns, {i.code: i.unit for i in grid.indicators})


def has_figures(report: IndicatorReport) -> bool:
    return any(cell.value is not None for cell in report.grid.cells.values())
