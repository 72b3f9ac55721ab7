"""Formula cells that carry no saved (cached) value.

python-calamine reads a formula cell by the value Excel saved with it and
reports a formula without one as an empty cell; its API does not expose the
formulas. So the sheet's XML is scanned here: a quick byte search first (most
returns hold no formula at all), and only if a formula tag or an error value
is present, an incremental parse that lists the formula cells without a saved
value and the cells holding an error value (which calamine also reads as
empty).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib

from defusedxml import ElementTree

# Plain substring tests are much faster than a regular expression over tens of
# megabytes; a false alarm only costs the exact scan. Inside <sheetData> the
# only element whose name starts with "f" is a cell's formula <f>; elsewhere
# (data validations, filters, headers) others do. Prefixed XML (<x:f>) is
# searched for its formula marks over the whole part.
_SHEET_DATA = (b"<sheetData", b"</sheetData>")
_FORMULA_START = b"<f"
_PREFIXED_FORMULA_MARKS = (b":f>", b":f ", b":f/")
_CHUNK = 1024 * 1024
_OVERLAP = 16  # longer than any mark searched, so none is missed across two chunks
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d+)")
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sheet_parts(archive: zipfile.ZipFile, main_part: str) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML (empty if it cannot be told)."""
    folder = posixpath.dirname(main_part)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main_part) + ".rels")
    try:
        workbook = ElementTree.fromstring(archive.read(main_part))
        rels = ElementTree.fromstring(archive.read(rels_name))
    except Exception:  # missing or damaged: calamine will have its say
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets[rel.get("Id")] = posixpath.normpath(path)
    parts = {}
    for element in workbook.iter():
        if _local(element.tag) == "sheet":
            part = targets.get(element.get(_RELATIONSHIP_ID))
            if part:
                parts[element.get("name", "")] = part
    return parts


def unreadable_cells(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, column), 0-based, of every cell whose value python-calamine reads
    as empty although it is not: a formula without a saved value, or an error
    value (``#N/A``, ``#DIV/0!``); each with the message that says so."""
    try:
        with archive.open(part) as stream:
            if not _may_need_scan(stream):
                return {}
        with archive.open(part) as stream:
            return _scan(stream)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return {}


def _may_need_scan(stream) -> bool:
    """An error value anywhere, or a formula tag inside <sheetData> (nothing before it starts with "f"), read
    in chunks so that a large sheet is never held whole."""
    tail = b""
    in_data = True
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        text = tail + chunk
        if _ERROR_TYPE in text or any(mark in text for mark in _PREFIXED_FORMULA_MARKS):
            return True
        if in_data:
            end = text.find(_SHEET_DATA[1])
            if text.find(_FORMULA_START, 0, len(text) if end == -1 else end) != -1:
                return True
            in_data = end == -1
        tail = text[-_OVERLAP:]
    return False


NO_SAVED_VALUE = (
    "the formula in this cell has no saved value; open the file in Excel or LibreOffice, "
    "let it calculate and save it again"
)
_ERROR_TYPE = b't="e"'
_TEXT_TYPES = frozenset({"str", "s", "inlineStr"})


def _scan(stream) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    row = column = -1
    cell_type = value = None
    has_formula = has_value = False
    try:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    row = int(element.get("r", row + 2)) - 1
                    column = -1
                elif tag == "c":
                    position = _position(element.get("r"))
                    row, column = position if position is not None else (row, column + 1)
                    cell_type = element.get("t", "n")
                    has_formula = has_value = False
                    value = None
                continue
            if tag == "f":
                has_formula = True
            elif tag == "v":
                has_value = True
                value = element.text or ""
            elif tag == "c":
                message = _problem(cell_type, has_formula, has_value, value)
                if message:
                    found[(row, column)] = message
                element.clear()
            elif tag == "row":
                element.clear()
    except Exception:  # a damaged sheet: calamine reports it, or reads what it can
        return found
    return found


def _problem(cell_type: str | None, has_formula: bool, has_value: bool, value: str | None) -> str | None:
    if cell_type == "e":
        shown = (value or "").strip() or "#VALUE!"
        what = "the formula gives" if has_formula else "the cell holds"
        return f'{what} the error "{shown}" instead of a value'
    if not has_formula:
        return None
    # An empty <v/> is a saved empty text for a text formula, but no value for a number.
    if not has_value or (not value and cell_type not in _TEXT_TYPES):
        return NO_SAVED_VALUE
    return None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _position(reference: str | None) -> tuple[int, int] | None:
    if not reference:
        return None
    match = _CELL_REF.fullmatch(reference)
    if not match:
        return None
    return int(match[2]) - 1, column_index(match[1])


def column_index(letters: str) -> int:
    """0-based column of a column name (``A`` -> 0, ``AA`` -> 26)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def column_letter(index: int) -> str:
    """Column name of a 0-based column (0 -> ``A``)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
