"""Looks shared by the template sheets: header cells, notes, cell formats."""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from ..layout import Column

REQUIRED_FILL = PatternFill("solid", fgColor="9BC2E6")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_BORDER = Border(bottom=Side(style="thin", color="5B9BD5"))
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
WRAP = Alignment(wrap_text=True, vertical="top")
COMMENT_AUTHOR = "mhdesk"

DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "#,##0.00"

# Cell formats by column header; dates show in ISO form, whatever the locale.
CELL_FORMATS = {
    "Start": DATE_FORMAT, "End": DATE_FORMAT, "Extended to": DATE_FORMAT, "Date": DATE_FORMAT,
    "Date submitted": DATE_FORMAT, "Budget": AMOUNT_FORMAT, "Health budget": AMOUNT_FORMAT,
}
# Columns whose text runs over several lines.
WRAPPED = {"Title", "Summary", "Achievements", "Description", "Note"}


def style_header(cell: Cell, column: Column) -> None:
    """Bold on a fill (darker when required), with the column's note as a cell comment."""
    cell.font = HEADER_FONT
    cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
    cell.border = HEADER_BORDER
    cell.alignment = HEADER_ALIGNMENT
    text = "Required." if column.required else "Optional."
    if column.note:
        text = f"{text} {column.note[:1].upper()}{column.note[1:]}."
    cell.comment = note_comment(text)


def note_comment(text: str) -> Comment:
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width, comment.height = 240, 60
    return comment


def style_value(cell: Cell, header: str) -> None:
    number_format = CELL_FORMATS.get(header)
    if number_format:
        cell.number_format = number_format
    if header in WRAPPED:
        cell.alignment = WRAP
