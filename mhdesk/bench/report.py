"""The benchmark's figures as one printed table and as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .registry import Figure

HEADINGS = ("case", "size", "seconds", "ratio", "target", "pass")


def _measure(figure: Figure) -> str:
    if figure.unit == "count":
        return f"{figure.seconds:.0f}"
    if figure.unit == "MB":
        return f"{figure.seconds:.0f} MB"
    return f"{figure.seconds:.3f}"


def _target(figure: Figure) -> str:
    if figure.target is None:
        return ""
    if figure.ratio_target:
        return f"ratio <= {figure.target:g}"
    if figure.unit == "MB":
        return f"< {figure.target:g} MB"
    return f"<= {figure.target:g}" if figure.unit == "count" else f"< {figure.target:g} s"


def table_rows(figures: Sequence[Figure]) -> list[tuple[str, ...]]:
    rows = []
    for figure in figures:
        ratio = f"{figure.ratio:.2f}" if figure.ratio is not None else ""
        verdict = {True: "pass", False: "FAIL", None: ""}[figure.passed]
        rows.append((figure.case, figure.size, _measure(figure), ratio, _target(figure), verdict))
    return rows


def print_table(figures: Sequence[Figure], out: TextIO) -> None:
    rows = [HEADINGS, *table_rows(figures)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    numeric = {2, 3}
    print("\nBenchmark figures", file=out)
    for index, row in enumerate(rows):
        cells = [cell.rjust(width) if column in numeric else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths))]
        print("  " + "  ".join(cells).rstrip(), file=out)
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths), file=out)
    failed = sum(1 for figure in figures if figure.passed is False)
    met = sum(1 for figure in figures if figure.passed)
    print(f"{met} targets met, {failed} missed, {len(figures) - met - failed} figures without a target.", file=out)


def write_json(figures: Sequence[Figure], path: Path) -> None:
    path.write_text(json.dumps([figure.as_dict() for figure in figures], indent=2) + "\n", encoding="utf-8")
