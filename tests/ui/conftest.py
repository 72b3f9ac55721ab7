"""Fixtures for the window tests: settings in the test's folder, a few real projects, the window."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings

from mhdesk.core.services.project_records import ProjectData
from mhdesk.ui.main_window import MainWindow


def _known_bad_qt_binding() -> str | None:
    """PySide6 6.12 built for the stable ABI drops a reference to None (and True/False) on many calls.

    Python 3.12+ makes those objects immortal, so nothing shows there; on 3.11 the count runs out
    and the interpreter aborts ("deallocating None"), at the latest when the test run ends.
    """
    import PySide6

    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12) and (major, minor) >= (6, 12):
        return (f"PySide6 {PySide6.__version__} corrupts reference counts on Python "
                f"{sys.version_info.major}.{sys.version_info.minor}: install PySide6-Essentials<6.12")
    return None


@pytest.fixture(scope="session", autouse=True)
def usable_qt_binding():
    problem = _known_bad_qt_binding()
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    """Even a stray QSettings() writes under the test's folder, never to the user's settings."""
    folder = str(tmp_path / "qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)
    yield folder


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


SAMPLE = [
    ProjectData(code="MA.0400", title="Health promotion for labour migrants and their families",
                programme_area="MA", donors=["IOM Development Fund"], budget=Decimal("170000.00"), currency="USD",
                start=date(2017, 1, 1), end=date(2018, 12, 31), countries=["Tajikistan", "Kyrgyzstan"],
                managing_mission="Tajikistan", thematic_areas=["Tuberculosis"], status="completed"),
    ProjectData(code="MP.0280", title="Mental health and psychosocial support for people fleeing the war",
                programme_area="MP", donors=["European Union"], budget=Decimal("3000000.00"), currency="EUR",
                health_budget=Decimal("290500.00"), start=date(2022, 3, 1), end=date(2023, 2, 28),
                extended_to=date(2023, 12, 31), countries=["Republic of Moldova", "Ukraine"],
                thematic_areas=["Mental health and psychosocial support"], status="active"),
    ProjectData(code="CS.0887", title="Border health at points of entry", donors=["Project HOPE/USAID"],
                budget=Decimal("500000.50"), currency="USD", start=date(2019, 6, 1), end=date(2021, 5, 31),
                countries=["Serbia"], status="completed"),
    ProjectData(code="MH.0101", title="Pre-departure health assessments", programme_area="MH",
                donors=["Kingdom of Norway", "Kingdom of Denmark"], countries=["Türkiye"], status="pipeline"),
]


@pytest.fixture
def sample_projects(services) -> dict[str, ProjectData]:
    """Four projects written through the service, by code."""
    return {p.code: services.projects.create(p.copy()) for p in SAMPLE}


@pytest.fixture
def window(qtbot, db, settings, sample_projects):
    win = MainWindow(settings, db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_database()


@pytest.fixture
def projects_view(window):
    return window.show_view("projects")


@pytest.fixture
def demo_window(qtbot, demo, tmp_path):
    """The main window on a copy of the demo database, closed at the end."""
    from return_helpers import open_window

    win = open_window(qtbot, demo, tmp_path)
    yield win
    win.close_database()
