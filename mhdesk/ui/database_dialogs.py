"""Choosing a database file to open or create, and opening it with a plain message on failure."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.errors import DatabaseError
from .shared import file_dialogs

if TYPE_CHECKING:
    from ..core.database import Database

FILE_FILTER = "mhdesk databases (*.sqlite *.db);;All files (*)"


def ask_new_database_path(parent: QWidget, current: Path | None = None) -> Path | None:
    """A file for a new database (`current`: the open one, whose folder is the fallback)."""
    path = file_dialogs.save_file_name(parent, "New database", file_dialogs.DATABASES, FILE_FILTER,
                                       database=current, fallback=current.parent if current else None,
                                       confirm_overwrite=False)
    if path is None:
        return None
    if not path.suffix:
        path = path.with_suffix(".sqlite")
    if path.exists():
        # Never replace a file here: offer to open it instead.
        answer = QMessageBox.question(
            parent, "New database", f"{path.name} already exists. Open it instead?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Open:
            return None
    return path


def ask_open_database_path(parent: QWidget, current: Path | None = None) -> Path | None:
    """An existing database file (`current`: the open one, whose folder is the fallback)."""
    chosen = file_dialogs.open_file_names(parent, "Open database", file_dialogs.DATABASES, FILE_FILTER,
                                          database=current, fallback=current.parent if current else None,
                                          opens_database=True)
    return chosen[0] if chosen else None


def open_or_explain(parent: QWidget | None, target, create: bool = True) -> Database | None:
    """Open (migrating, and creating a missing file if `create`); on failure say why in one sentence.

    A damaged SQLite file is offered its latest good backup instead.
    """
    from ..core.connect import open_database  # the database library loads here, not with the window

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return open_database(target, create=create)
    except DatabaseError as exc:
        failure = exc
    finally:
        QApplication.restoreOverrideCursor()
    return after_failed_open(parent, target, failure)


def after_failed_open(parent: QWidget | None, target, failure: DatabaseError) -> Database | None:
    """A damaged SQLite file is offered its latest good backup (and opened once it is back); any other failure
    is explained in one sentence."""
    from ..core.recovery import DamagedDatabase
    from .recovery.damaged_dialog import offer_restore

    if isinstance(failure, DamagedDatabase):
        return open_or_explain(parent, target, create=False) if offer_restore(parent, failure) else None
    explain_unopenable(parent, str(failure))
    return None


def unopenable_sentence(target, failure: Exception) -> str:
    """One sentence naming the database `target` for a failed open that is no DatabaseError (which says it all)."""
    name = database_name(target)
    if isinstance(failure, OSError):
        reason = (failure.strerror or str(failure) or type(failure).__name__).rstrip(".")
        place = os.fsdecode(failure.filename) if failure.filename is not None else ""
        where = f" ({place})" if place and place != name else ""
        return f"The database {name} could not be opened: {reason[:1].lower()}{reason[1:]}{where}."
    return f"The database {name} was not opened because of an unexpected error; File > Open database… opens another."


def database_name(target) -> str:
    """What a message calls `target`: the file path, or the URL without its password."""
    from ..core.database import describe, resolve_url

    try:
        return describe(resolve_url(target))
    except Exception:  # noqa: BLE001 - the name itself may be what could not be read; say it as it was given
        return str(target) if target else "the default database"


def explain_unopenable(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Database not opened", message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setInformativeText("Nothing was changed. Choose another file with File > Open database… "
                           "or start an empty one with File > New database….")
    box.exec()
