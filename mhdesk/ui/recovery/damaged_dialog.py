"""A database that fails its check on opening: say so once and offer to restore its latest good backup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ...core.database import DatabaseError
from ...core.recovery import DamagedDatabase, RestoreResult, restore


def offer_restore(parent: QWidget | None, damaged: DamagedDatabase) -> RestoreResult | None:
    """Ask whether to restore the latest good backup; restore it if so. None when nothing was restored."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Database damaged", f"The database {damaged.file.name} is damaged.",
                      QMessageBox.StandardButton.Cancel, parent)
    box.setDetailedText(str(damaged))
    backup = damaged.backup
    if backup is None:
        box.setInformativeText("There is no sound backup of it in its backups folder. Nothing was changed; "
                               "keep the file for whoever can repair it.")
        box.exec()
        return None
    box.setInformativeText(
        f"The latest good backup is from {backup.taken:%d %b %Y %H:%M} ({backup.reason_label}). Restore it? "
        "Changes made after it are lost; the damaged file is kept in the backups folder.")
    restore_button = box.addButton("Restore backup", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(restore_button)
    box.exec()
    if box.clickedButton() is not restore_button:
        return None
    # Opening a database is itself done here, before any view exists; a restore is one quick page copy.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return restore(damaged.file, backup.path)
    except (DatabaseError, OSError) as exc:
        problem = str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    QMessageBox.warning(parent, "Database damaged", f"The backup could not be restored: {problem}")
    return None
