"""Print records as an aligned table, CSV or JSON with the field names of the CLI contract."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TextIO


def plain(value) -> str | int | None:
    """A value as the contract prints it: ISO dates, plain decimals, lists joined by '; '."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def write_records(fields: Sequence[str], records: Iterable[Sequence], fmt: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    rows = [[plain(v) for v in record] for record in records]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows(rows)
    elif fmt == "json":
        json.dump([dict(zip(fields, row)) for row in rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        _write_table(fields, rows, out)


def _write_table(fields: Sequence[str], rows: list[list], out: TextIO, limit: int = 48) -> None:
    def cell(v) -> str:
        text = str(v).replace("\n", " ")
        return text if len(text) <= limit else text[: limit - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(f)] + [len(r[i]) for r in cells]) for i, f in enumerate(fields)]
    out.write("  ".join(f.ljust(w) for f, w in zip(fields, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} rows)\n")
