"""The `Instructions` sheet of a return template, in plain language."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from ...exports.cell_text import write_text
from .. import layout

# What each sheet is for and the forms people most often ask about; the column
# list itself is generated from the layout so that it cannot drift from it.
SHEET_GUIDES: dict[str, list[str]] = {
    "Return": [
        "Who is sending this return. Mission and Year are already filled in: please leave them as they are.",
        "Add your name, your e-mail address and the date you send the file.",
    ],
    "Projects": [
        "One project per row. The projects your mission already runs are listed: correct what changed, "
        "add new projects on new rows.",
        "Budget may be a number or typed with its currency: USD 85,000, 151,232 EUR, 1,315,000.00 CHF, "
        "18 Million USD. If you put the currency in Budget, Currency can stay empty.",
        "Dates may be Excel dates, 2019-06-01, 1 June 2019 or June 2019. Instead of Start and End you may "
        "type a Duration such as 1 June 2019—31 May 2020 or September 2017 – August 2019.",
        "Several donors, countries or thematic areas: separate them with a semicolon (;).",
        "Achievements: one achievement per line (Alt+Enter starts a new line in a cell).",
    ],
    "Indicators": [
        "One figure per row. Every indicator of the regional catalogue has a row ready: type the figure "
        "in Value. Leave Value empty for an indicator you do not report this year; that row is skipped.",
        "Values are counts: 83219, 83,219 or 83 219. A figure for a single project goes on its own row "
        "with the Project code.",
        "A breakdown goes on extra rows of the same indicator with Sex (female/male) or Age group "
        "(children/adults) filled in; the total stays on the row where both are empty, and the parts "
        "should add up to it.",
    ],
    "Focal points": [
        "One row per role held by one person. Role is COM (Chief of Mission), HOO (Head of Office), "
        "OIC (officer in charge) or Focal point.",
        "A focal point needs a Programme area: H1 (Migration Health Assessment & Travel Health Assistance), "
        "H2 (Health Promotion & Assistance for Migrants) or H3 (Migration Health Assistance for Crisis "
        "Affected Populations). The same person may appear on several rows.",
    ],
    "Events": [
        "One event per row: conferences, trainings, campaigns. The Date may be a day or only a month "
        "(November 2019). Participants is a number of people.",
    ],
}

GENERAL = [
    "Fill in the sheets below, save the file as an Excel workbook (.xlsx) and send it back to the regional office.",
    "Empty rows are fine anywhere: they are skipped. You may reorder columns or add your own columns; "
    "extra columns are ignored. Please keep the sheet names and the column headers as they are.",
    "Drop-down lists help you pick countries, programme areas, roles and other values; you may also type "
    "a country's other name or ISO code (TR for Türkiye).",
    "Column headers in bold on a darker background are required. Hover over a header to see what it accepts.",
    "A sheet with nothing to report can stay empty.",
]


def write_instructions(sheet: Worksheet, mission: str, year: int) -> None:
    sheet.column_dimensions["A"].width = 110
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1

    def line(text: str, font: Font | None = None, gap: int = 0) -> None:
        nonlocal row
        row += gap
        cell = write_text(sheet, row, 1, text)
        cell.alignment = wrap
        if font is not None:
            cell.font = font
        row += 1

    line(f"Mission return {year}: {mission}", Font(bold=True, size=14))
    for text in GENERAL:
        line(text)
    for sheet_layout in layout.ALL_SHEETS:
        line(f"Sheet “{sheet_layout.name}”", Font(bold=True, size=12), gap=1)
        for text in SHEET_GUIDES.get(sheet_layout.name, []):
            line(text)
        for column in sheet_layout.columns:
            need = "required" if column.required else "optional"
            line(f"    • {column.header} ({need})" + (f": {column.note}" if column.note else ""))
    sheet.sheet_view.showGridLines = False
