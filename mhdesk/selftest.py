"""`mhdesk --selftest`: the whole app exercised headless on a temporary database, each result checked.

It is what an installed bundle runs to prove that it carries everything it needs (forms, fonts, migrations,
demo data, the libraries behind each export): load the demo, write a return template and import it back,
then export a newsletter, a directory and an indicator report. Each check is printed; the exit code is 0
only when every one passed.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

MISSION, TEMPLATE_YEAR, REPORT_YEAR = "Ukraine", 2024, 2023
DIRECTORY_YEAR = 2018
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class CheckFailed(Exception):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def pdf_pages(path: Path) -> int:
    """Pages of a PDF, counted from its page objects; the file must start and end as a PDF does."""
    data = path.read_bytes()
    require(data.startswith(b"%PDF-"), f"{path.name} does not start with a PDF header")
    require(b"%%EOF" in data[-1024:], f"{path.name} has no end-of-file marker: it was cut short")
    pages = len(PDF_PAGE.findall(data))
    require(pages > 0, f"{path.name} has no page")
    return pages


class SelfTest:
    """The steps share one temporary folder and database; a step that fails leaves the later ones to try."""

    def __init__(self, folder: Path, out: TextIO):
        self.folder = folder
        self.out = out
        self.db = None
        self.results: list[tuple[str, bool, str]] = []

    def step(self, name: str, action: Callable[[], str]) -> bool:
        try:
            detail = action()
            passed = True
        except CheckFailed as exc:
            detail, passed = str(exc), False
        except Exception as exc:  # noqa: BLE001 - a self-test reports every failure and goes on
            detail, passed = f"{type(exc).__name__}: {exc}", False
            traceback.print_exc(file=sys.stderr)
        self.results.append((name, passed, detail))
        print(f"{'ok  ' if passed else 'FAIL'}  {name}: {detail}", file=self.out, flush=True)
        return passed

    # -- the steps -------------------------------------------------------------------------------------

    def bundled_files(self) -> str:
        from .bundled import demo_file, fonts_folder, form_names, resource_path
        from .core.migrate import MIGRATIONS, head_revision

        forms = form_names()
        require(len(forms) > 0, "no form (.ui) is shipped")
        fonts = sorted(fonts_folder().glob("*.ttf"))
        require(len(fonts) > 0, f"no font in {fonts_folder()}")
        require(demo_file().is_file(), "the demo data is missing")
        require(resource_path("icons", "mhdesk.svg").is_file(), "the application icon is missing")
        revisions = sorted((MIGRATIONS / "versions").glob("*.py"))
        require(len(revisions) > 0, "no schema migration is shipped")
        return (f"{len(forms)} forms, {len(fonts)} fonts, demo data, icon, {len(revisions)} migrations "
                f"up to {head_revision()}")

    def database_and_demo(self) -> str:
        from .bundled import demo_file
        from .core.connect import open_database
        from .core.demo import load_demo
        from .core.migrate import current_revision, head_revision

        self.db = open_database(self.folder / "selftest.sqlite")
        require(current_revision(self.db) == head_revision(), "the new database is not at the newest schema")
        counts = load_demo(self.db, demo_file())
        require(counts.projects > 0 and counts.values > 0 and counts.roles > 0, f"the demo loaded only {counts}")
        return (f"new database at schema {head_revision()}; demo: {counts.projects} projects, "
                f"{counts.roles} directory roles, {counts.values} indicator values")

    def template_round_trip(self) -> str:
        from openpyxl import load_workbook

        from .core.returns.importer import ReturnImporter
        from .core.returns.template.writer import write_template
        from .core.services import Services

        services = Services(self.db)
        path = write_template(services, MISSION, TEMPLATE_YEAR, self.folder / "return.xlsx", prefill=True)
        sheets = load_workbook(path, read_only=True).sheetnames
        require(len(sheets) > 1, f"the template has only the sheets {sheets}")
        importer = ReturnImporter(self.db)
        before = len(services.directory.rows(TEMPLATE_YEAR))
        preview = importer.dry_run(path)
        if preview.plan.errors:
            raise CheckFailed(f"the template read back with errors: {preview.plan.errors[0]}")
        require(preview.plan.has_changes, "the pre-filled template planned no change for a new year")
        importer.apply(preview)
        after = len(services.directory.rows(TEMPLATE_YEAR))
        require(after > before, f"the import wrote no focal point for {TEMPLATE_YEAR}")
        again = importer.dry_run(path).plan
        require(not again.has_changes, "the same return imported twice would change the database again")
        return (f"template of {MISSION} {TEMPLATE_YEAR} ({len(sheets)} sheets) read back without errors, "
                f"applied ({after - before} focal points added), a second import changes nothing")

    def directory_exports(self) -> str:
        from openpyxl import load_workbook

        from .bundled import fonts_folder
        from .core.exports.directory_pdf import write_directory_pdf
        from .core.exports.directory_xlsx import write_directory_xlsx
        from .core.services import Services

        grid = Services(self.db).directory.grid(DIRECTORY_YEAR)
        require(grid.people_count() > 0, f"the demo has nobody in the {DIRECTORY_YEAR} directory")
        pdf = self.folder / "directory.pdf"
        write_directory_pdf(grid, pdf, fonts=fonts_folder(), contacts=True)
        xlsx = self.folder / "directory.xlsx"
        write_directory_xlsx(grid, xlsx, contacts=True)
        book = load_workbook(xlsx, read_only=True)
        rows = sum(sheet.max_row or 0 for sheet in book.worksheets)
        require(rows > 1, "the directory workbook is empty")
        return f"PDF of {pdf_pages(pdf)} pages, workbook of {len(book.sheetnames)} sheets and {rows} rows"

    def indicator_report(self) -> str:
        from openpyxl import load_workbook

        from .bundled import fonts_folder
        from .core.exports.indicator_report import has_figures, indicator_report
        from .core.exports.indicators_pdf import write_indicators_pdf
        from .core.exports.indicators_xlsx import write_indicators_xlsx
        from .core.services import Services

        report = indicator_report(Services(self.db), REPORT_YEAR)
        require(has_figures(report), f"the demo has no indicator figure for {REPORT_YEAR}")
        pdf = self.folder / "indicators.pdf"
        write_indicators_pdf(report, pdf, fonts=fonts_folder())
        xlsx = self.folder / "indicators.xlsx"
        write_indicators_xlsx(report, xlsx)
        book = load_workbook(xlsx)
        formulas = sum(1 for sheet in book.worksheets for row in sheet.iter_rows()
                       for cell in row if isinstance(cell.value, str) and cell.value.startswith("="))
        require(formulas > 0, "the indicator workbook has no totals formula")
        return (f"PDF of {pdf_pages(pdf)} pages, workbook of {len(book.sheetnames)} sheets with "
                f"{formulas} totals formulas")

    def newsletter(self) -> str:
        from .bundled import fonts_folder
        from .core.exports.newsletter_data import newsletter_data
        from .core.exports.newsletter_pdf import write_newsletter_pdf
        from .core.services import Services

        data = newsletter_data(Services(self.db), REPORT_YEAR)
        require(bool(data.contents.rows), f"the demo has no project in the {REPORT_YEAR} edition")
        pdf = self.folder / "newsletter.pdf"
        write_newsletter_pdf(data, pdf, fonts=fonts_folder())
        pages = pdf_pages(pdf)
        require(pages >= 4, f"the newsletter has only {pages} pages")
        return f"{REPORT_YEAR} edition of {len(data.contents.rows)} projects, PDF of {pages} pages"

    def database_sound(self) -> str:
        with self.db.engine.connect() as connection:
            verdict = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
        require(verdict == "ok", f"integrity check: {verdict}")
        require(broken is None, f"a record refers to a missing one: {tuple(broken or ())}")
        return "integrity check ok, every reference found"

    def window(self) -> str:
        """The window, its views and dialogs and every form, built offscreen when there is no screen."""
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform == "linux":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from .ui.check_forms import check_forms

        app = QApplication.instance() or QApplication(sys.argv[:1])
        folder = self.folder / "window"
        folder.mkdir()
        try:
            built = check_forms(folder)
        finally:
            app.processEvents()
        forms = sum(1 for line in built if line.startswith("form "))
        return f"main window, {len(built) - forms - 1} views and dialogs, {forms} forms built"

    def run(self) -> bool:
        try:
            self.step("bundled files", self.bundled_files)
            if self.step("database and demo", self.database_and_demo):
                self.step("return template round trip", self.template_round_trip)
                self.step("directory export", self.directory_exports)
                self.step("indicator report export", self.indicator_report)
                self.step("newsletter export", self.newsletter)
                self.step("database after all", self.database_sound)
            self.step("window and forms", self.window)
        finally:
            if self.db is not None:
                self.db.dispose()
        failed = [name for name, passed, _ in self.results if not passed]
        summary = (f"self-test passed: {len(self.results)} checks" if not failed
                   else f"self-test FAILED: {', '.join(failed)}")
        print(summary, file=self.out, flush=True)
        return not failed


def run_selftest(out: TextIO | None = None) -> int:
    """Run every check in a temporary folder removed afterwards; 0 when all passed, else 1."""
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="mhdesk-selftest-") as folder:
        return 0 if SelfTest(Path(folder), out).run() else 1
