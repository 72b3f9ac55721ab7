"""A problem found in a return, located on its sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    sheet: str | None = None
    row: int | None = None  # the sheet's row number as Excel shows it (1-based)
    column: str | None = None  # the contract's column header, or the key on the Return sheet

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        """`Projects row 7, Budget: "about 50k" is not an amount`."""
        where = " ".join(str(p) for p in (self.sheet, f"row {self.row}" if self.row else None) if p)
        if self.column:
            where = f"{where}, {self.column}" if where else self.column
        return f"{where}: {self.message}" if where else self.message


class SortsProblems:
    """For a record with a `problems` list: its errors and its warnings, each in the order found."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class ReturnFileError(Exception):
    """The file is not a readable .xlsx workbook; the message is one plain sentence."""
