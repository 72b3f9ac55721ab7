"""Build mission-return workbooks for tests, with openpyxl.

    path = return_workbook(tmp_path / "r.xlsx", projects=[{"Code": "MA.0467", "Title": "..."}])

Table sheets take rows as dicts keyed by the contract's headers; the columns
written are the contract's (in contract order) unless `headers` gives a
sheet's header row explicitly (shuffled, extra, misspelt or missing
columns). Rows given as lists are written as they are; `None` in the rows
list leaves a blank row.

openpyxl writes a formula with an empty ``<v/>`` (no saved value), as a
program that never calculated it would. `set_cached_values` rewrites the
sheet's XML inside the zip so that chosen formula cells carry a saved value,
as Excel and LibreOffice write them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from mhdesk.core.returns import layout

Row = Mapping[str, Any] | Sequence[Any] | None

CONTRACT_HEADERS = {sheet.name: [c.header for c in sheet.columns] for sheet in layout.TABLE_SHEETS}
FORMATTED_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_workbook(path: str | Path, sheets: Mapping[str, Sequence[Sequence[Any] | None]], *,
                   hidden: Iterable[str] = (), merged: Mapping[str, Iterable[str]] | None = None,
                   formatted_empty_rows: Mapping[str, int] | None = None) -> Path:
    """Write `sheets` (title -> rows of values, `None` for a blank row) in order.

    `hidden` sheets get state hidden; `merged` lists ranges ("D2:D4") to merge
    per sheet; `formatted_empty_rows` adds that many rows of styled, empty
    cells below a sheet's last row, as a spreadsheet leaves after data is
    deleted: each holds a space, so that a reader sees the rows (cells
    with a style only are dropped by python-calamine itself).
    """
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([] if row is None else list(row))
    for title in hidden:
        book[title].sheet_state = "hidden"
    for title, ranges in (merged or {}).items():
        for cell_range in ranges:
            book[title].merge_cells(cell_range)
    for title, count in (formatted_empty_rows or {}).items():
        sheet = book[title]
        first = sheet.max_row + 1
        width = max(sheet.max_column, 3)
        for row in range(first, first + count):
            for column in range(1, width + 1):
                cell = sheet.cell(row=row, column=column, value=" ")
                cell.fill = FORMATTED_FILL
                cell.number_format = "#,##0"
    target = Path(path)
    book.save(target)
    return target


def table_rows(headers: Sequence[str], rows: Iterable[Row]) -> list[list[Any] | None]:
    """Header row, then each row: a dict laid out under `headers`, a list as is."""
    out: list[list[Any] | None] = [list(headers)]
    for row in rows:
        if row is None:
            out.append(None)
        elif isinstance(row, Mapping):
            unknown = set(row) - set(headers)
            if unknown:
                raise ValueError(f"no column for {sorted(unknown)} in {list(headers)}")
            out.append([row.get(h) for h in headers])
        else:
            out.append(list(row))
    return out


def return_workbook(path: str | Path, *, mission: Any = "Tajikistan", year: Any = 2019,
                    return_rows: Sequence[Sequence[Any]] | None = None,
                    projects: Iterable[Row] | None = None,
                    indicators: Iterable[Row] | None = None,
                    focal_points: Iterable[Row] | None = None,
                    events: Iterable[Row] | None = None,
                    meta: Mapping[str, Any] | None = None,
                    headers: Mapping[str, Sequence[str]] | None = None,
                    sheet_names: Mapping[str, str] | None = None,
                    extra_sheets: Mapping[str, Sequence[Sequence[Any] | None]] | None = None,
                    hidden: Iterable[str] = (), merged: Mapping[str, Iterable[str]] | None = None,
                    formatted_empty_rows: Mapping[str, int] | None = None) -> Path:
    """A mission return. The Return sheet holds Mission and Year (or
    `return_rows`, key/value pairs, if given; pass `return_rows=None` and
    `mission=None` to leave a key out). Table sheets are written only when
    their rows are given (`[]` writes the header row alone). `meta` writes
    the template's hidden META_SHEET (key/value). `sheet_names` renames
    sheets (contract name -> title written; None leaves the Return sheet
    out); `hidden`, `merged` and
    `formatted_empty_rows` use the titles written."""
    names = dict(sheet_names or {})
    sheets: dict[str, list[list[Any] | None]] = {}
    if return_rows is None:
        return_rows = [(k, v) for k, v in (("Mission", mission), ("Year", year)) if v is not None]
    if names.get(layout.RETURN.name, layout.RETURN.name) is not None:
        sheets[names.get(layout.RETURN.name, layout.RETURN.name)] = [list(r) for r in return_rows]
    for sheet, rows in ((layout.PROJECTS, projects), (layout.INDICATORS, indicators),
                        (layout.FOCAL_POINTS, focal_points), (layout.EVENTS, events)):
        if rows is None:
            continue
        header = (headers or {}).get(sheet.name, CONTRACT_HEADERS[sheet.name])
        sheets[names.get(sheet.name, sheet.name)] = table_rows(header, rows)
    for title, rows in (extra_sheets or {}).items():
        sheets[title] = list(rows)
    if meta is not None:
        sheets[layout.META_SHEET] = [[k, v] for k, v in meta.items()]
        hidden = [*hidden, layout.META_SHEET]
    return write_workbook(path, sheets, hidden=hidden, merged=merged, formatted_empty_rows=formatted_empty_rows)


def set_cached_values(path: str | Path, sheet_title: str, values: Mapping[str, Any]) -> None:
    """Give formula cells (by reference, "E2") a saved value, rewriting the zip in place.

    A number is saved as a number, text as a formula string (t="str"), and a
    text starting with "#" (e.g. "#DIV/0!") as an error value (t="e").
    """
    path = Path(path)
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    part = _sheet_part(dict((i.filename, d) for i, d in members), sheet_title)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == part:
                data = _with_values(data.decode("utf-8"), values).encode("utf-8")
            archive.writestr(info, data)
    path.write_bytes(out.getvalue())


def _sheet_part(files: Mapping[str, bytes], title: str) -> str:
    workbook = files["xl/workbook.xml"].decode("utf-8")
    rels = files["xl/_rels/workbook.xml.rels"].decode("utf-8")
    sheet = re.search(rf'<sheet [^>]*name="{re.escape(escape(title))}"[^>]*/>', workbook)
    if not sheet:
        raise KeyError(title)
    rel_id = re.search(r'r:id="([^"]+)"', sheet[0])[1]
    target = re.search(rf'<Relationship [^>]*Id="{rel_id}"[^>]*/>', rels)[0]
    target = re.search(r'Target="([^"]+)"', target)[1]
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _with_values(xml: str, values: Mapping[str, Any]) -> str:
    for reference, value in values.items():
        pattern = re.compile(
            rf'<c r="{reference}"(?P<attrs>[^>]*?)(?: t="\w+")?>(?P<f><f>.*?</f>|<f[^>]*/>)(?:<v\s*/>|<v>.*?</v>)?</c>'
        )
        if isinstance(value, str) and value.startswith("#"):
            kind, text = ' t="e"', escape(value)
        elif isinstance(value, str):
            kind, text = ' t="str"', escape(value)
        else:
            kind, text = "", repr(value)
        xml, count = pattern.subn(lambda m: f'<c r="{reference}"{m["attrs"]}{kind}>{m["f"]}<v>{text}</v></c>', xml)
        if count != 1:
            raise ValueError(f"no formula cell {reference} to give a value")
    return xml


# Files that are not readable workbooks.

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole2_bytes(*stream_names: str) -> bytes:
    """An OLE2 compound file's start, with directory entries named `stream_names`
    (an old .xls has "Workbook"; an encrypted .xlsx "EncryptionInfo" and
    "EncryptedPackage"). Enough for a format check, not a real document."""
    header = OLE2_SIGNATURE + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + bytes(512 - 32)
    directory = b""
    for name in stream_names:
        encoded = (name + "\0").encode("utf-16-le")
        directory += encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + bytes(62)
    return header + directory.ljust(1024, b"\0")


def write_bytes(path: str | Path, data: bytes) -> Path:
    target = Path(path)
    target.write_bytes(data)
    return target


def zip_of(path: str | Path, members: Mapping[str, str | bytes]) -> Path:
    """A zip archive holding `members` (name -> content)."""
    target = Path(path)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return target


def replace_member(path: str | Path, member: str, content: bytes) -> Path:
    """Rewrite one member of a zip (e.g. to damage a sheet's XML)."""
    path = Path(path)
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, content if info.filename == member else data)
    path.write_bytes(out.getvalue())
    return path
