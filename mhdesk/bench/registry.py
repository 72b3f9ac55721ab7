"""The one registration point of the benchmark suite, and the figure every case reports.

A case is a function taking the run's `BenchOptions` and a text stream for its details, returning its
`Figure`s; `@bench_case("name")` adds it to `CASES` in the order modules register them (`cases.py` imports
every module that registers one). `mhdesk bench` runs each case and prints all figures as one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TextIO


@dataclass(frozen=True)
class Figure:
    """One measured figure. `target` bounds `seconds`, or, with `ratio_target`, the ratio to `baseline`."""

    case: str
    size: str
    seconds: float
    target: float | None = None
    baseline: float | None = None  # seconds of the reference the case is compared with, measured in the same run
    ratio_target: bool = False
    unit: str = "s"  # "MB" for memory figures, "count" for figures that are not times

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        measured = self.ratio if self.ratio_target else self.seconds
        return measured is not None and measured <= self.target

    def as_dict(self) -> dict:
        record = asdict(self)
        record.update(ratio=self.ratio, **{"pass": self.passed})
        return record


@dataclass
class BenchOptions:
    quick: bool = False
    rows: list[int] = field(default_factory=lambda: [10_000, 100_000])
    table_rows: int = 100_000
    indicator_values: int = 1_000_000
    skipped: set[str] = field(default_factory=set)
    postgres_url: str | None = None  # a server on which the concurrency case creates its own database


CaseFunction = Callable[[BenchOptions, TextIO], list[Figure]]


@dataclass(frozen=True)
class BenchCase:
    name: str
    run: CaseFunction
    in_quick: bool  # part of `mhdesk bench --quick`, sized down by the options


CASES: list[BenchCase] = []


def bench_case(name: str, *, in_quick: bool = True) -> Callable[[CaseFunction], CaseFunction]:
    def register(function: CaseFunction) -> CaseFunction:
        if any(case.name == name for case in CASES):
            raise ValueError(f"Two benchmark cases are named {name!r}.")
        CASES.append(BenchCase(name, function, in_quick))
        return function

    return register
