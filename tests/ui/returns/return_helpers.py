"""Real mission returns for the window tests: mhdesk's own template, filled with openpyxl, imported."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QSettings

from mhdesk.core.returns.apply.applier import ImportSummary
from mhdesk.core.returns.importer import ReturnImporter
from mhdesk.core.returns.layout import PROJECTS
from mhdesk.core.returns.template.writer import write_template
from mhdesk.core.services import Services
from mhdesk.ui.main_window import MainWindow


def filled_return(services: Services, folder: Path, mission: str, year: int, values: Mapping[str, object], *,
                  file_name: str | None = None, submitted_by: str = "Rukhshona Qurbonova",
                  projects: list[Mapping[str, object]] = ()) -> Path:
    """The pre-filled template of `mission` for `year`, with indicator values typed in (by catalogue name)
    and project rows added, as a mission would send it back."""
    path = write_template(services, mission, year, folder / (file_name or f"return-{mission[:2].upper()}-{year}.xlsx"),
                          prefill=True)
    book = load_workbook(path)
    for key, value in book["Return"].iter_rows(min_row=1, max_col=2):
        if key.value == "Submitted by":
            value.value = submitted_by
    missing = dict(values)
    for row in book["Indicators"].iter_rows(min_row=2):
        if row[0].value in missing and row[2].value in (None, mission) and row[3].value is None \
                and row[4].value is None and row[5].value is None:
            row[1].value = missing.pop(row[0].value)
    for name, value in missing.items():  # not on the pre-filled sheet: typed on a row of their own
        book["Indicators"].append([name, value])
    headers = [c.header for c in PROJECTS.columns]
    for project in projects:
        book["Projects"].append([project.get(h) for h in headers])
    book.save(path)
    return path


def apply_return(db, path: Path) -> ImportSummary:
    importer = ReturnImporter(db)
    preview = importer.dry_run(path)
    assert preview.can_apply, [str(p) for p in preview.problems]
    return importer.apply(preview)


def open_window(qtbot, db, tmp_path: Path) -> MainWindow:
    window = MainWindow(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat), db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
