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


FAR_AMID_ROWS = [
    (b'<row r="9"><c r="A300000"><v>5</v></c></row>', 300_000, 3),  # far down
    (b'<row r="9"><c r="AB9"><v>5</v></c></row>', 60_000, 28),  # far right
    (b'<row r="9"><c r="A000300000"><v>5</v></c></row>', 300_000, 3),  # leading zeros
    (b'<row r="9"><c r="ab9"><v>5</v></c></row>', 60_000, 28),  # lower case
    (b'<row r="9"><c r="D9"><v>5</v></c></row>', 60_000, 4),  # one column further
    (b'<row r="9"><c r="C60001"><v>5</v></c></row>', 60_001, 3),  # one row further
    (b'<row r="9"><c><v>5</v></c><c><v>6</v></c><c><v>6</v></c><c><v>6</v></c></row>', 60_000, 4),  # no reference
    (b'<row r="9"><c r="Z300000" s="1"/></row>', 60_000, 3),  # a format only: not counted
]


@pytest.mark.parametrize("far_cell, rows, columns", FAR_AMID_ROWS)
@pytest.mark.parametrize("where", [0.5, 2.5], ids=["first chunk", "third chunk"])
def test_a_far_cell_amid_the_chunks_is_measured(far_cell, rows, columns, where):
    """After the first row holding something, each chunk is checked against its last cell by one search: a
    cell beyond it anywhere in the chunk (here the middle of the first or of the third) is still measured."""
    body = plain_rows(60_000)
    middle = body.index(b"<row ", int(where * CHUNK))
    extent = extent_of(body[:middle] + far_cell + body[middle:])
    assert (extent.rows, extent.columns) == (rows, columns)


def inline_rows(count: int) -> bytes:
    """Rows as openpyxl writes them in write-only mode: inline text, and format-only cells at the end."""
    return b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>HIV tests</t></is></c><c r="B%d" t="n"><v>7</v>'
                    b'</c><c r="C%d" t="inlineStr" /><c r="D%d" s="1" /></row>' % ((r,) * 5)
                    for r in range(1, count + 1))


@pytest.mark.parametrize("last_rows, rows, columns", [
    (b"", 40_000, 2),
    (b'<row r="40001"><c r="F40001" s="1"/><c r="G40001" s="1"/></row>', 40_000, 2),  # formats only at the end
    (b'<row r="40001"><c r="F40001" t="inlineStr"><is><t>late</t></is></c></row>', 40_001, 6),
])
def test_chunks_ending_inside_a_cell_or_in_formats_reach_the_last_cell_holding_something(last_rows, rows, columns):
    """A chunk mostly ends inside a cell whose text comes in the next one, or amid cells holding a format only;
    the extent is that of the cells holding something all the same."""
    body = inline_rows(40_000) + last_rows
    assert len(body) > 2 * CHUNK
    extent = extent_of(body)
    assert (extent.rows, extent.columns) == (rows, columns)


def test_a_first_row_of_formats_only_is_not_counted():
    extent = extent_of(b'<row r="1"><c r="K1" s="3"/></row>' + plain_rows(30_000))
    assert (extent.rows, extent.columns) == (30_000, 3)
