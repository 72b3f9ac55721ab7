"""Figures typed or pasted into a year's grid: read as a return's figures are read, checked, located.

A pasted block is tab-separated text, one line per row, as Excel and LibreOffice copy it. Every text
is read with the returns' number rules (`83,219`, `83 219`, `1.234,5`); an empty text clears the
cell's stated total (its parts stay). Nothing is written here: the cells come back ready for
`IndicatorCells.save`, or every text that cannot be stored is reported at once, each with its place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..errors import Issue, ValidationFailed
from ..indicators.findings import value_problem
from ..parsing import ParseError, parse_number
from .indicator_cells import TOTAL, CellValues, IndicatorCells, Part


@dataclass(frozen=True)
class TypedFigure:
    """A text meant as the total of an indicator for a country."""

    indicator_code: str
    country: str
    text: str
    where: str = ""  # for a message: "row 2, column 3 of the pasted block"


def split_block(text: str) -> list[list[str]]:
    """Tab-separated text as rows of cells; the line break a spreadsheet adds after the last row is no row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [[cell.strip() for cell in line.split("\t")] for line in lines]


def read_figure(text: str) -> Decimal | None:
    """None for an empty text; the number otherwise (raises ParseError when it is not one)."""
    text = text.strip()
    return None if not text else parse_number(text)


class IndicatorEntry:
    def __init__(self, cells: IndicatorCells, catalog):
        self._cells = cells
        self._catalog = catalog

    def cells_for(self, year: int, figures: Iterable[TypedFigure]) -> tuple[list[CellValues], list[CellValues]]:
        """(as the cells are now, as they would be with the figures): only the cells the figures change.
        Raises ValidationFailed naming every figure that cannot be stored, and nothing is changed."""
        indicators = {i.code: i for i in self._catalog.indicators}
        issues, before, after = [], [], []
        for figure in figures:
            indicator = indicators.get(figure.indicator_code)
            name = indicator.name if indicator else figure.indicator_code
            label = f"{name}, {figure.country} {year}" + (f" ({figure.where})" if figure.where else "")
            try:
                value = read_figure(figure.text)
            except ParseError as error:
                issues.append(Issue(label, str(error)))
                continue
            if value is not None and indicator is not None:
                problem = value_problem(value, indicator.decimals)
                if problem:
                    issues.append(Issue(label, problem[1]))
                    continue
            current = self._cells.read(figure.indicator_code, figure.country, year)
            wanted = CellValues(current.indicator_code, current.country, year, dict(current.values),
                                dict(current.versions))
            if value is None:
                wanted.values.pop(TOTAL, None)
            else:
                wanted.values[TOTAL] = value
            if wanted.values != current.values:
                before.append(current)
                after.append(wanted)
        if issues:
            raise ValidationFailed(issues)
        return before, after

    def with_parts(self, current: CellValues, texts: dict[Part, str]) -> CellValues:
        """The cell as the breakdown typed for it: one text per part (sex, age group), ("", "") the stated total;
        an empty text removes that part. Raises ValidationFailed naming every part that cannot be stored."""
        indicator = next((i for i in self._catalog.indicators if i.code == current.indicator_code), None)
        wanted = CellValues(current.indicator_code, current.country, current.year, {}, dict(current.versions))
        issues = []
        for part, text in texts.items():
            label = " ".join(p for p in part if p).capitalize() or "Total"
            try:
                value = read_figure(text)
            except ParseError as error:
                issues.append(Issue(label, str(error)))
                continue
            if value is None:
                continue
            problem = value_problem(value, indicator.decimals) if indicator else None
            if problem:
                issues.append(Issue(label, problem[1]))
            else:
                wanted.values[part] = value
        if issues:
            raise ValidationFailed(issues)
        return wanted
