"""The mission-return workbook contract (template version 1) as data.

The template writer lays sheets out from this; the reader matches headers
against it. One description, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_VERSION = 1
META_SHEET = "_mhdesk"  # hidden, protected: mission, year, template version
INSTRUCTIONS_SHEET = "Instructions"


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False
    width: int = 14
    note: str = ""


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: tuple[Column, ...]
    required: bool = False

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)


# The Return sheet is key/value (column A/B), not a table.
RETURN_KEYS = (
    Column("Mission", required=True, note="country name, alias or ISO code"),
    Column("Year", required=True, note="the reporting year"),
    Column("Submitted by"),
    Column("E-mail"),
    Column("Date submitted"),
    Column("Template version"),
)

RETURN = SheetLayout("Return", RETURN_KEYS, required=True)

PROJECTS = SheetLayout("Projects", (
    Column("Code", True, 10, "MA.0467"),
    Column("Title", True, 48),
    Column("Programme area", False, 12, "MH/H1, MA/H2, MP/H3; defaults from the code"),
    Column("Donor", False, 28, "several separated by ;"),
    Column("Budget", False, 14, "a number, or USD 85,000"),
    Column("Currency", False, 9, "USD, EUR, CHF"),
    Column("Health budget", False, 14, "health share of a larger budget"),
    Column("Start", False, 12, "a date, 1 June 2019 or June 2019"),
    Column("End", False, 12),
    Column("Duration", False, 30, "instead of Start/End: September 2017 – August 2019"),
    Column("Extended to", False, 12, "no-cost extension"),
    Column("Countries", False, 24, "separated by ;"),
    Column("Managing mission", False, 18),
    Column("Thematic areas", False, 30, "separated by ;"),
    Column("Status", False, 11, "pipeline, active, completed"),
    Column("Summary", False, 50),
    Column("Achievements", False, 50, "one per line"),
))

INDICATORS = SheetLayout("Indicators", (
    Column("Indicator", True, 44, "catalogue code or name"),
    Column("Value", True, 12, "a number >= 0"),
    Column("Country", False, 18, "defaults to the mission"),
    Column("Project code", False, 12),
    Column("Sex", False, 9, "female / male; empty = all"),
    Column("Age group", False, 11, "children / adults; empty = all"),
    Column("Year", False, 8, "defaults to the return's year"),
    Column("Note", False, 30),
))

FOCAL_POINTS = SheetLayout("Focal points", (
    Column("Country", False, 18, "defaults to the mission"),
    Column("Role", True, 14, "COM, HOO, OIC, Focal point"),
    Column("Programme area", False, 12, "H1/H2/H3 for focal points"),
    Column("Family name", True, 20),
    Column("Given name", False, 18),
    Column("E-mail", False, 28),
    Column("Phone", False, 18),
))

EVENTS = SheetLayout("Events", (
    Column("Date", True, 14, "a date or a month"),
    Column("Title", True, 44),
    Column("Place", False, 18),
    Column("Participants", False, 12, "a count"),
    Column("Description", False, 50),
))

TABLE_SHEETS = (PROJECTS, INDICATORS, FOCAL_POINTS, EVENTS)
ALL_SHEETS = (RETURN, *TABLE_SHEETS)
