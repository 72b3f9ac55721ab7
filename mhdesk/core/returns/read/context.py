"""What every sheet reader shares: the return's mission and year, the
catalogue look-ups, the problem log, and a guarded parse of one cell."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ...parsing import ParseError
from .lookups import Lookups
from .problem_log import ProblemLog

T = TypeVar("T")


@dataclass
class ReadContext:
    lookups: Lookups
    log: ProblemLog
    mission: str | None  # None when the return's mission could not be read
    year: int | None
    known_project_codes: frozenset[str] = frozenset()


class RowReader:
    """Parses the cells of one row, logging what cannot be read at its cell."""

    __slots__ = ("log", "sheet", "row")

    def __init__(self, log: ProblemLog, sheet: str, row: int) -> None:
        self.log, self.sheet, self.row = log, sheet, row

    def parse(self, column: str, parse: Callable[..., T], value: Any, **options: Any) -> T | None:
        """`parse(value)`, or None (and an error at the cell) if it cannot be read."""
        try:
            return parse(value, **options)
        except ParseError as error:
            self.log.error(str(error), self.sheet, self.row, column)
            return None

    def error(self, column: str | None, message: str) -> None:
        self.log.error(message, self.sheet, self.row, column)

    def warning(self, column: str | None, message: str) -> None:
        self.log.warning(message, self.sheet, self.row, column)

    def has_error(self, column: str) -> bool:
        return self.log.has_error(self.sheet, self.row, column)
