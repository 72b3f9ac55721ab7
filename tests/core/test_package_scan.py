"""How far a worksheet's cells reach, as the package scan measures it before any parser sees the sheet:
the plain cell tags Excel writes and every other way of writing a cell give the same extent."""

from __future__ import annotations

import io
import zipfile

import pytest

from mhdesk.core.returns.read.zip_guard import CHUNK, SheetExtent, scan_parts

PART = "xl/worksheets/sheet1.xml"
HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def extent_of(sheet_data: bytes) -> SheetExtent:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PART, HEAD + sheet_data + TAIL)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return scan_parts(data, archive).extents[PART]


def plain_rows(count: int) -> bytes:
    return b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="C%d" t="s"><v>0</v></c></row>' % (r, r, r)
                    for r in range(1, count + 1))


@pytest.mark.parametrize("far_cell, rows, columns", [
    (b'<row r="9"><c r="AB300000"><v>5</v></c></row>', 300_000, 28),  # plain, far down and right
    (b'<row r="300000"><c><v>5</v></c><c><v>6</v></c></row>', 300_000, 3),  # no reference: placed by order
    (b'<row r="9"><x:c r="D300000"><x:v>5</x:v></x:c></row>', 300_000, 4),  # a prefixed cell tag
    (b'<row r="9"><c s="1" r="E300000"><v>5</v></c></row>', 300_000, 5),  # the reference not first
    (b'<row r="9"><c\nr="F300000"><v>5</v></c></row>', 300_000, 6),  # a line break in the tag
    (b'<row r="9"><c r="G300000" s="1"/></row>', 3, 3),  # a format only: not counted
])
def test_a_far_cell_is_measured_however_it_is_written(far_cell, rows, columns):
    extent = extent_of(plain_rows(3) + far_cell)
    assert (extent.rows, extent.columns) == (rows, columns)


def test_plain_cells_over_many_chunks_reach_their_last_row():
    extent = extent_of(plain_rows(60_000))
    assert len(plain_rows(60_000)) > 2 * CHUNK  # measured chunk by chunk
    assert (extent.rows, extent.columns) == (60_000, 3)


@pytest.mark.parametrize("far_cell, rows, columns", [
    (b'<row r="9"><c r="A300000"><v>5</v></c></row>', 300_000, 3),  # far down
    (b'<row r="9"><c r="AB9"><v>5</v></c></row>', 60_000, 28),  # far right
    (b'<row r="9"><c r="A000300000"><v>5</v></c></row>', 300_000, 3),  # leading zeros
    (b'<row r="9"><c r="ab9"><v>5</v></c></row>', 60_000, 28),  # lower case
    (b'<row r="9"><c r="D9"><v>5</v></c></row>', 60_000, 4),  # one column further
    (b'<row r="9"><c r="C60001"><v>5</v></c></row>', 60_001, 3),  # one row further
    (b'<row r="9"><c><v>5</v></c><c><v>6</v></c><c><v>6</v></c><c><v>6</v></c></row>', 60_000, 4),  # no reference
    (b'<row r="9"><c r="Z300000" s="1"/></row>', 60_000, 3),  # a format only: not counted
])
def test_a_far_cell_amid_later_chunks_is_measured(far_cell, rows, columns):
    """Chunks after the first are checked against their last cell by one search: a cell beyond it anywhere
    in the chunk (here the middle of the third) is still measured."""
    body = plain_rows(60_000)
    middle = body.index(b"<row ", int(2.5 * CHUNK))
    extent = extent_of(body[:middle] + far_cell + body[middle:])
    assert (extent.rows, extent.columns) == (rows, columns)
