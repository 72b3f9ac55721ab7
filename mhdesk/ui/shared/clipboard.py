"""Rows as tab-separated text with a header row, which pastes into a spreadsheet as a table.

Values are written the way a spreadsheet reads them (plain amounts, ISO
dates, lists joined with "; " as in the command line's CSV), not as shown on
screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...core.services.project_records import ProjectRow
from .formatting import iso, plain_amount

PROJECT_COLUMNS = (
    ("Code", lambda r: r.code),
    ("Title", lambda r: r.title),
    ("Programme area", lambda r: r.programme_area or ""),
    ("Donors", lambda r: "; ".join(r.donors)),
    ("Budget", lambda r: plain_amount(r.budget)),
    ("Currency", lambda r: r.currency or ""),
    ("Health budget", lambda r: plain_amount(r.health_budget)),
    ("Start", lambda r: iso(r.start)),
    ("End", lambda r: iso(r.end)),
    ("Extended to", lambda r: iso(r.extended_to)),
    ("Countries", lambda r: "; ".join(r.countries)),
    ("Managing mission", lambda r: r.managing_mission or ""),
    ("Thematic areas", lambda r: "; ".join(r.thematic_areas)),
    ("Status", lambda r: r.status),
)


def _cell(value: object) -> str:
    # A tab or line break inside a value would split it across cells or rows.
    return " ".join(str(value).split()) if value is not None else ""


def to_tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["\t".join(_cell(h) for h in header)]
    lines.extend("\t".join(_cell(v) for v in row) for row in rows)
    return "\r\n".join(lines) + "\r\n"  # CRLF: what spreadsheets on every platform expect


def projects_tsv(rows: Iterable[ProjectRow]) -> str:
    return to_tsv([name for name, _ in PROJECT_COLUMNS], ([get(r) for _, get in PROJECT_COLUMNS] for r in rows))
