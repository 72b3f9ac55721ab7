"""Benchmark of the directory: a year's grid printed to PDF (25 and 60 countries), and the grid opening in the
window (read from the database, put in its model, rows sized to their people)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

PDF_TARGETS = {25: 1.0, 60: 2.0}  # seconds
GRID_TARGET = 0.2
YEAR = 2030


def fill_directory(db, countries: int, per_cell: int) -> None:
    """`countries` generated countries, each with a head of mission and `per_cell` focal points per area."""
    from ..core.models import Country, DirectoryRole, Person, ProgrammeArea

    with db.session() as session, session.begin():
        areas = [a.id for a in session.query(ProgrammeArea).order_by(ProgrammeArea.h_code)]
        for n in range(countries):
            country = Country(name=f"Bench country {n:02d}", subregion="Central Asia")
            session.add(country)
            session.flush()
            head = Person(family_name=f"Head{n:02d}", given_name="Ștefan", email=f"head{n}@example.org",
                          phone="+43 1 581 22 22")
            session.add(head)
            session.flush()
            session.add(DirectoryRole(person_id=head.id, country_id=country.id, year=YEAR, role="COM"))
            for area in areas:
                for k in range(per_cell):
                    person = Person(family_name=f"Focal{n:02d}{area}{k}", given_name="Olga Иванова",
                                    email=f"f{n}.{area}.{k}@example.org", phone="+992 00 000 0000")
                    session.add(person)
                    session.flush()
                    session.add(DirectoryRole(person_id=person.id, country_id=country.id, year=YEAR, role="FP",
                                              programme_area_id=area, position=k))


def _best_of(times: int, action) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def run_directory_bench(out: TextIO | None = None, repeats: int = 3) -> dict[str, float]:
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..bundled import fonts_folder
    from ..core.connect import open_database
    from ..core.exports.directory_pdf import write_directory_pdf
    from ..core.exports.pdf_style import register_fonts
    from ..core.services import Services

    figures: dict[str, float] = {}
    register_fonts(fonts_folder())  # once per process, as in the window
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as folder:
        for countries, per_cell in ((25, 3), (60, 5)):
            db = open_database(Path(folder) / f"directory-{countries}.sqlite")
            try:
                fill_directory(db, countries, per_cell)
                services = Services(db)
                target = Path(folder) / f"directory-{countries}.pdf"
                figures[f"pdf {countries} countries"] = _best_of(repeats, lambda: write_directory_pdf(
                    services.directory.grid(YEAR), target, fonts=fonts_folder()))
                if countries == 25:
                    figures["grid opens (25 countries)"] = _best_of(repeats, lambda: _open_grid(services))
            finally:
                db.dispose()

    print("\nDirectory", file=out)
    for name, seconds in figures.items():
        target = GRID_TARGET if name.startswith("grid") else PDF_TARGETS[int(name.split()[1])]
        print(f"  {name:<28}{seconds:>8.3f} s  (target < {target} s: {'met' if seconds < target else 'missed'})",
              file=out)
    return figures


def _open_grid(services) -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    from ..ui.directory.grid_model import DirectoryGridModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 - views need an application
    model = DirectoryGridModel()
    view = QTableView()
    view.setWordWrap(True)
    view.setModel(model)
    model.set_grid(services.directory.grid(YEAR))
    view.resizeRowsToContents()
