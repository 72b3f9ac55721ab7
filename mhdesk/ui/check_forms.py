"""`python -m mhdesk.ui.check_forms`: build the window, its views and dialogs from their forms, then exit.

A start of the window that an installed copy can run without a screen (with
QT_QPA_PLATFORM=offscreen), to prove that the forms, icons and demo records
shipped with it are found and fit the code: it opens the main window on a demo
database in a temporary folder, shows every view, opens the dialogs the window
opens (project editor, return template, templates for missing missions, import
review), and finally loads every form shipped in `mhdesk.forms` on its own.
Prints one line per form and exits 0, or 1 naming what failed. It writes
nothing outside its temporary folder (not even the user's settings).
"""

from __future__ import annotations

import sys
import tempfile
import traceback
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from ..bundled import demo_file, form_names, form_path
from ..core.connect import open_database
from ..core.demo import load_demo
from .shared.form_loader import load_form

TOP_LEVEL_CLASSES = {"QMainWindow": QMainWindow, "QDialog": QDialog, "QWidget": QWidget}


def check_forms(folder: Path) -> list[str]:
    """Build everything in `folder`; return what was built, one line each. Raises on the first failure."""
    from .main_window import MainWindow
    from .returns.import_review import ImportReviewDialog
    from .views import VIEWS

    built = []
    db = open_database(folder / "check.sqlite")
    load_demo(db, demo_file())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, db)
    try:
        window.show()
        built.append("main window")
        for spec in VIEWS:
            window.show_view(spec.key)
            built.append(f"view {spec.key}")
        opened = [window.views["projects"].new_project(), _template_dialog(window),
                  window.views["returns"].write_missing_templates(), ImportReviewDialog(window)]
        for dialog in opened:
            built.append(f"dialog {type(dialog).__name__}")
            dialog.close()
        for name in form_names():
            _load_alone(name).deleteLater()
            built.append(f"form {name}")
    finally:
        window.close_database()
        window.deleteLater()
        db.dispose()
    return built


def _template_dialog(window) -> QDialog:
    window.new_return_template()
    return window.template_dialog


def _load_alone(name: str) -> QWidget:
    """The form loaded into a bare widget of the class its file declares."""
    top = ElementTree.parse(form_path(name)).getroot().find("widget")
    base = TOP_LEVEL_CLASSES.get(top.get("class") if top is not None else "", QWidget)()
    load_form(base, name)
    return base


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="mhdesk-check-forms-") as folder:
        try:
            built = check_forms(Path(folder))
        except Exception:  # noqa: BLE001 - the point is to say what failed, whatever it is
            traceback.print_exc()
            print("mhdesk: the window could not be built from its forms (see above).", file=sys.stderr)
            return 1
        finally:
            app.processEvents()
    for line in built:
        print(f"ok {line}")
    print(f"{len(built)} parts of the window built from their forms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
