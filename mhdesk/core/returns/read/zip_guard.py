"""A workbook's package checked before any parser sees it: bounded sizes, no DTD, cells within bounds.

A workbook arrives by e-mail, so its zip directory and XML are not trusted.
The directory's declared sizes are checked first (any part over
MAX_PART_BYTES, the parts together over MAX_TOTAL_BYTES, a compression ratio
over MAX_RATIO, more than MAX_PARTS parts). Then every part is inflated once
here, in bounded chunks, from its raw deflate stream: a part that inflates to
more than its directory says is refused (python-calamine trusts the stream,
not the directory), and each XML part is scanned for a DTD or entity
declaration, which Excel never writes and which is how an entity expansion
("billion laughs") starts. The scan of each worksheet also finds how far its
cells holding something reach, so a sheet padded to millions of rows or
thousands of columns is refused before python-calamine lays it out in memory;
cells holding only a format are not counted (they are not read at all).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from operator import itemgetter

MB = 1024 * 1024
MAX_PART_BYTES = 200 * MB
MAX_TOTAL_BYTES = 400 * MB
MAX_RATIO = 100
MAX_PARTS = 2000
# A return has hundreds of rows (a large generated one 100,000) and a few dozen columns.
MAX_ROWS = 250_000
MAX_COLUMNS = 200
# python-calamine holds a sheet as a dense rectangle; this bounds its memory.
MAX_CELLS = 5_000_000
# Parts this small inflate from a few bytes to kilobytes of zeros or spaces legitimately.
RATIO_FLOOR_BYTES = 1 * MB
CHUNK = 1 * MB
XML_SUFFIXES = (".xml", ".rels", ".vml")

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# A cell element that is not self-closing holds a value, a formula or inline text (it has a closing tag);
# `<c r="A5" s="2"/>` is only a format. Cells written without a reference (Excel always writes one) are placed by
# their row's reference and their order, as readers do.
_CONTENT_MARKS = (b"</c>", b":c>")
_REFERENCED_CELL = re.compile(rb'<(?:\w+:)?c\s[^>/]*?\br="([A-Za-z]{1,3})(\d+)"[^>/]*>')
_BARE_CELL = re.compile(rb'<(?:\w+:)?c(?:\s(?:(?!\br=)[^>/])*)?>')
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)(\s[^>]*?)?(/?)>")
# What Excel and openpyxl write: every cell tag opens with its reference. A chunk whose cell tags all do
# is measured by this simpler pattern (a content cell is the tag that does not close itself).
_PLAIN_CELL_START = b'<c r="'
_PLAIN_CONTENT_CELL = re.compile(rb'<c r="([A-Za-z]{1,3})(\d+)"[^>/]*>')
# A cell tag not opening with its reference; other tags starting "<c" (<cols>, <cfRule>) go on with a letter.
_OTHER_CELL = re.compile(rb'<c(?! r=")[\s>/]')
_CELL_CLOSE = b"</c>"
LOOK_BACK_CELLS = 64  # format-only cell tags stepped over, back from a chunk's end, to its last cell holding something
_ROW_END = b"</row>"
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
_LETTERS_OF, _ROW_OF = itemgetter(0), itemgetter(1)  # of a (letters, row) reference
_REFERENCE = re.compile(rb'\br\s*=\s*["\']([A-Za-z]{0,3})(\d*)["\']')
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
# As formula_cells looks for them: an error value, a formula tag inside <sheetData>, a prefixed formula tag.
_ERROR_VALUE = b't="e"'
_FORMULA_TAG = b"<f"
_PREFIXED_FORMULA_MARKS = (b":f>", b":f ", b":f/")
_SHEET_DATA_END = b"</sheetData>"


class UnsafeWorkbook(Exception):
    """The package breaks a bound; the message is the end of a sentence naming the file."""


@dataclass
class SheetExtent:
    """How far a worksheet part's cells that hold something reach (1-based; 0 when none), and whether it may
    hold a formula or an error value (which formula_cells then looks at closely)."""

    rows: int = 0
    columns: int = 0
    may_hold_formulas: bool = False


@dataclass
class PackageScan:
    extents: dict[str, SheetExtent] = field(default_factory=dict)  # worksheet part -> extent


def check_directory(archive: zipfile.ZipFile) -> None:
    """Refuse a package whose zip directory declares too many or too large parts."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise UnsafeWorkbook(f"has {len(infos):,} parts inside (a workbook has tens, at most {MAX_PARTS:,})")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise UnsafeWorkbook(f'has a part ("{info.filename}") that unpacks to {_megabytes(info.file_size)}, '
                                 f"more than the {_megabytes(MAX_PART_BYTES)} a workbook may hold")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeWorkbook(f'has a part ("{info.filename}") compressed more than {MAX_RATIO}:1, '
                                 "as no spreadsheet writes it (a zip bomb)")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise UnsafeWorkbook(f"unpacks to {_megabytes(total)} in all, more than the "
                             f"{_megabytes(MAX_TOTAL_BYTES)} a workbook may hold")


def scan_parts(data: bytes, archive: zipfile.ZipFile) -> PackageScan:
    """Inflate every part once in bounded chunks: honest sizes, no DTD, and each worksheet's extent."""
    scan = PackageScan()
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename
        is_xml = name.lower().endswith(XML_SUFFIXES)
        extent = SheetExtent() if is_xml and "worksheets/" in name else None
        reader = _PartReader(name, extent) if is_xml else None
        for chunk in _inflate(data, info):
            if reader is not None:
                reader.feed(chunk)
        if reader is not None:
            reader.finish()
        if extent is not None:
            scan.extents[name] = extent
    return scan


def check_extent(sheet: str, extent: SheetExtent) -> None:
    """Refuse a sheet whose cells holding something reach beyond the bounds."""
    where = f'holds something on its sheet "{sheet}"'
    advice = "delete the rows and columns beyond the tables and save it again"
    if extent.rows > MAX_ROWS:
        raise UnsafeWorkbook(f"{where} down to row {extent.rows:,}, and a return has at most {MAX_ROWS:,} rows; "
                             f"{advice}")
    if extent.columns > MAX_COLUMNS:
        raise UnsafeWorkbook(f"{where} across to column {column_name(extent.columns)}, and a return has at most "
                             f"{MAX_COLUMNS} columns; {advice}")
    if extent.rows * extent.columns > MAX_CELLS:
        raise UnsafeWorkbook(f"{where} down to row {extent.rows:,} and across to column "
                             f"{column_name(extent.columns)}, more cells than a return can have; {advice}")


def column_name(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f} MB"


def _inflate(data: bytes, info: zipfile.ZipInfo):
    """The part's bytes in chunks, from its raw stream; never more than the directory declares."""
    offset = info.header_offset
    header = data[offset:offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_SIGNATURE):
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise zipfile.BadZipFile(f"{info.filename} is cut short")
    if info.compress_type == zipfile.ZIP_STORED:
        produced = memoryview(raw)
        if len(produced) != info.file_size:
            raise UnsafeWorkbook(f'has a part ("{info.filename}") larger than its zip directory says')
        for position in range(0, len(produced), CHUNK):
            yield bytes(produced[position:position + CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise UnsafeWorkbook(f'has a part ("{info.filename}") packed in a way Excel does not use')
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    left = info.file_size
    position = 0
    while not inflater.eof:
        if inflater.unconsumed_tail:
            pending = inflater.unconsumed_tail
        elif position < len(raw):
            pending = raw[position:position + CHUNK]
            position += len(pending)
        else:
            break
        chunk = inflater.decompress(pending, CHUNK)
        left -= len(chunk)
        if left < 0:
            raise UnsafeWorkbook(f'has a part ("{info.filename}") that unpacks to more than its zip directory '
                                 "says (a zip bomb)")
        if chunk:
            yield chunk


def _other_or_beyond(rows: int, columns: int) -> re.Pattern:
    """A cell tag not opening with its reference, or a plain content cell whose reference reaches beyond row
    `rows` or column `columns` (leading zeros allowed, as a reader reads them): one pass finds either."""
    row_digits = str(rows)
    greater_rows = [rf"[1-9]\d{{{len(row_digits)},}}"] + [
        rf"{row_digits[:at]}[{int(digit) + 1}-9]\d{{{len(row_digits) - at - 1}}}"
        for at, digit in enumerate(row_digits) if digit != "9"]
    letters = column_name(columns)
    greater_columns = [rf"[A-Za-z]{{{len(letters) + 1},3}}"] * (len(letters) < 3) + [
        "".join(f"[{c}{c.lower()}]" for c in letters[:at])
        + f"[{chr(ord(letter) + 1)}-Z{chr(ord(letter) + 1).lower()}-z]" + f"[A-Za-z]{{{len(letters) - at - 1}}}"
        for at, letter in enumerate(letters) if letter != "Z"]
    return re.compile(rb'<c(?:(?! r=")[\s>/]| r="(?:(?:%s)\d+|[A-Za-z]{1,3}0*(?:%s))"[^>/]*>)' % (
        "|".join(greater_columns or ["(?!)"]).encode(), "|".join(greater_rows).encode()))


class _PartReader:
    """Scans one XML part as it is inflated, keeping at most one chunk and an unfinished tag."""

    def __init__(self, name: str, extent: SheetExtent | None):
        self.name = name
        self.extent = extent
        self.tail = b""
        self.started = False
        self.row = 0  # the current row, for cells written without a reference
        self.column = 0
        self.in_sheet_data = True  # nothing before <sheetData> starts with "f"
        self.first_row_apart = False  # whether the first chunk with cells was measured in two parts

    def feed(self, chunk: bytes) -> None:
        if not self.started:
            self.started = True
            if chunk.startswith(_UTF16_MARKS) or b"\x00" in chunk[:4]:
                raise UnsafeWorkbook(f'has a part ("{self.name}") in an encoding Excel does not write')
        text = self.tail + chunk
        cut = text.rfind(b"<")
        if cut < 0 or len(text) - cut > 64 * 1024:  # a tag never runs that long; scan it all
            cut = len(text)
        body, self.tail = text[:cut], text[cut:]
        self._scan(body)

    def finish(self) -> None:
        self._scan(self.tail)
        self.tail = b""

    def _scan(self, body: bytes) -> None:
        # Two-byte marks are looked for only where their rarer byte is: a one-byte search is many times faster,
        # and a sheet as written holds no "!" and, past its first chunk, often no ":".
        if b"!" in body and b"<!" in body and _DECLARATION.search(body):
            raise UnsafeWorkbook(f'declares a DTD or entities in "{self.name}", which Excel never writes '
                                 "and which can make a reader expand text without end")
        if self.extent is not None and body:
            self._measure(body)
            self._look_for_formulas(body)

    def _look_for_formulas(self, body: bytes) -> None:
        extent = self.extent
        if extent.may_hold_formulas:
            return
        if _ERROR_VALUE in body or (b":" in body and b":f" in body
                                    and any(mark in body for mark in _PREFIXED_FORMULA_MARKS)):
            extent.may_hold_formulas = True
        elif self.in_sheet_data:
            end = body.find(_SHEET_DATA_END)
            extent.may_hold_formulas = body.find(_FORMULA_TAG, 0, len(body) if end == -1 else end) != -1
            self.in_sheet_data = end == -1

    def _measure(self, body: bytes) -> None:
        if not any(mark in body for mark in _CONTENT_MARKS):
            return  # only formats (or nothing) in this chunk: the common case for padded sheets
        prefixed = b":" in body and b":c" in body and _PREFIXED_CELL.search(body)
        if not prefixed and not self.extent.columns and not self.first_row_apart:
            # The first row holding something is measured cell by cell, and the rest of its chunk checked against
            # it with one search, like the chunks after it, instead of reading every reference (once a part).
            self.first_row_apart = True
            close = body.find(_CELL_CLOSE)
            end = body.find(_ROW_END, close) if close >= 0 else -1
            if 0 < end < len(body) - len(_ROW_END):
                self._measure(body[:end])
                self._measure(body[end:])
                return
        if not prefixed and self._within_last_cell(body):
            return
        if not prefixed and _OTHER_CELL.search(body) is None:
            references = _PLAIN_CONTENT_CELL.findall(body)
        elif _BARE_CELL.search(body):
            self._measure_in_order(body)
            return
        else:
            references = _REFERENCED_CELL.findall(body)
        if references:
            extent = self.extent
            extent.rows = max(extent.rows, max(map(int, map(_ROW_OF, references))))
            extent.columns = max(extent.columns, max(map(_column_number, set(map(_LETTERS_OF, references)))))

    def _within_last_cell(self, body: bytes) -> bool:
        """Whether the unprefixed cells of `body` are all plain and none holding something reaches beyond the
        last one (in a sheet as written, the lowest and furthest right so far) or the extent so far: one search
        instead of reading every reference. The extent then reaches that last cell."""
        extent = self.extent
        if not extent.columns:
            return False  # the first cells: measured one by one, which gives the columns to compare with
        # The last cell tag holding something, which may still be open where the chunk ends (its value comes
        # in the next chunk); cells holding only a format are stepped over, a few of them.
        start, last = len(body), None
        for _ in range(LOOK_BACK_CELLS):
            start = body.rfind(_PLAIN_CELL_START, 0, start)
            if start < 0:
                return False
            last = _PLAIN_CONTENT_CELL.match(body, start)
            if last is not None:
                break
        if last is None:
            return False
        rows = max(extent.rows, int(last.group(2)))
        columns = max(extent.columns, _column_number(last.group(1)))
        if _other_or_beyond(rows, columns).search(body):
            return False
        extent.rows, extent.columns = rows, columns
        return True

    def _measure_in_order(self, body: bytes) -> None:
        """Follow rows and cells one by one, for cells written without a reference."""
        extent = self.extent
        for match in _ROW_OR_CELL.finditer(body):
            tag, attributes, closed = match.groups()
            reference = _REFERENCE.search(attributes) if attributes else None
            if tag == b"row":
                self.row = int(reference.group(2)) if reference and reference.group(2) else self.row + 1
                self.column = 0
                continue
            if reference and reference.group(1) and reference.group(2):
                self.row = int(reference.group(2))
                self.column = _column_number(reference.group(1))
            else:
                self.column += 1
            if not closed:
                extent.rows = max(extent.rows, self.row)
                extent.columns = max(extent.columns, self.column)
