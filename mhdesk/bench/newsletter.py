"""Benchmark of the newsletter: an edition of 60 projects with long texts, its charts and a 25-country
directory, from the records to a finished PDF."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from .directory import YEAR, fill_directory

TARGET = 2.5  # seconds
PROJECTS = 60
COUNTRIES = ("Armenia", "Georgia", "Kyrgyzstan", "Tajikistan", "Türkiye", "Republic of Moldova", "Ukraine")
THEMES = ("Tuberculosis", "HIV/AIDS", "Mental health and psychosocial support", "Emergency health")


def fill_projects(services, count: int) -> None:
    """`count` projects active in the bench year, each with a long summary and four key achievements."""
    from ..core.services.project_records import ProjectData

    themes = [t for t in services.catalog.thematic_areas if t in THEMES] or services.catalog.thematic_areas[:1]
    paragraph = " ".join(["Mobile teams examined migrants and referred those who needed care; health workers "
                          "were trained and community sessions held in the districts."] * 6)
    for n in range(count):
        area = ("MA", "MP", "MH")[n % 3]
        services.projects.create(ProjectData(
            code=f"{area}.{n + 8000:04d}", title=f"Health of migrants and host communities, part {n} "
                                                 "(Şanlıurfa, Priština, Kyzylorda)",
            programme_area=area, donors=["European Union"], budget=Decimal(100_000 + 1_000 * n), currency="EUR",
            health_budget=Decimal(50_000), start=date(YEAR - 1, 3, 1), end=date(YEAR + 1, 2, 28),
            countries=[COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n + 3) % len(COUNTRIES)]],
            managing_mission=COUNTRIES[n % len(COUNTRIES)], thematic_areas=[themes[n % len(themes)]],
            summary=f"{paragraph}\n\n{paragraph}", achievements={YEAR: [paragraph[:220]] * 4}))


def run_newsletter_bench(out: TextIO | None = None, repeats: int = 3) -> dict[str, float]:
    out = out or sys.stdout
    from ..bundled import fonts_folder
    from ..core.connect import open_database
    from ..core.exports.newsletter_data import newsletter_data
    from ..core.exports.newsletter_pdf import write_newsletter_pdf
    from ..core.exports.pdf_style import register_fonts
    from ..core.services import Services

    register_fonts(fonts_folder())
    best = float("inf")
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as folder:
        db = open_database(Path(folder) / "newsletter.sqlite")
        try:
            services = Services(db)
            fill_projects(services, PROJECTS)
            fill_directory(db, 25, 2)
            target = Path(folder) / "newsletter.pdf"
            for _ in range(repeats):
                start = time.perf_counter()
                write_newsletter_pdf(newsletter_data(Services(db), YEAR), target, fonts=fonts_folder())
                best = min(best, time.perf_counter() - start)
            pages = _pages(target)
        finally:
            db.dispose()
    print("\nNewsletter", file=out)
    print(f"  {f'edition of {PROJECTS} projects ({pages} pages)':<36}{best:>8.3f} s  (target < {TARGET} s: "
          f"{'met' if best < TARGET else 'missed'})", file=out)
    return {f"newsletter {PROJECTS} projects": best}


def _pages(path: Path) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(path).pages)
    except Exception:  # noqa: BLE001 - the page count is a courtesy; pypdf is a test tool
        return 0
