"""Collecting the problems of one return while it is read."""

from __future__ import annotations

from ..problems import Problem


class ProblemLog:
    """Problems in the order found. A cell gets at most one error: the first
    said is the most precise (a later rule about the same cell, e.g. a
    cross-field check, would only repeat it)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._cells_in_error: set[tuple] = set()

    def error(self, message: str, sheet: str | None = None, row: int | None = None,
              column: str | None = None) -> None:
        cell = (sheet, row, column)
        if cell in self._cells_in_error:
            return
        self._cells_in_error.add(cell)
        self.problems.append(Problem("error", message, sheet, row, column))

    def warning(self, message: str, sheet: str | None = None, row: int | None = None,
                column: str | None = None) -> None:
        self.problems.append(Problem("warning", message, sheet, row, column))

    def has_error(self, sheet: str | None, row: int | None, column: str | None) -> bool:
        return (sheet, row, column) in self._cells_in_error
