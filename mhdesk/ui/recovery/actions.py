"""File > Backups… and Tools > Check database, added to the main window."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from ..shared.worker import BackgroundJob


class RecoveryActions:
    def __init__(self, window):
        self.window = window
        self.backups = QAction("&Backups…", window)
        self.backups.setObjectName("actionBackups")
        self.backups.setStatusTip("List the database's backups, make one now or put one back")
        self.check = QAction("&Check database", window)
        self.check.setObjectName("actionCheckDatabase")
        self.check.setStatusTip("Run SQLite's full integrity check on the open database")
        self.backups.triggered.connect(self.open_backups)
        self.check.triggered.connect(self.check_database)
        file_menu = window.ui.menuFile
        file_menu.insertAction(window.ui.actionQuit, self.backups)
        file_menu.insertSeparator(window.ui.actionQuit)
        file_menu.aboutToShow.connect(self._enable)
        self.tools_menu = QMenu("&Tools", window)
        self.tools_menu.setObjectName("menuTools")
        self.tools_menu.addAction(self.check)
        self.tools_menu.aboutToShow.connect(self._enable)
        window.ui.menuBar.insertMenu(window.ui.menuHelp.menuAction(), self.tools_menu)
        self.dialog = None
        self.job: BackgroundJob | None = None
        self._enable()

    def _sqlite(self) -> bool:
        database = self.window.database
        return database is not None and database.is_sqlite and database.file is not None

    def _enable(self) -> None:
        self.backups.setEnabled(self._sqlite())
        self.check.setEnabled(self._sqlite())

    def open_backups(self):
        from .backups_dialog import BackupsDialog

        if not self._sqlite():
            return None
        self.dialog = BackupsDialog(self.window.database, self.window.show_status, self.window)
        self.dialog.restored.connect(lambda result: self.window.switch_to(result.file, create=False))
        self.dialog.open()
        return self.dialog

    def check_database(self) -> BackgroundJob | None:
        if not self._sqlite():
            return None
        from ...core.recovery import check_database

        database = self.window.database
        self.job = (BackgroundJob(self.window, lambda _progress: check_database(database, thorough=True),
                                  title="Check database", label=f"Checking {database.file.name}…", cancellable=False)
                    .on_success(lambda problems: self._checked(database, problems)).start())
        return self.job

    def _checked(self, database, problems: list[str]) -> None:
        from ...core.recovery import damaged

        if not problems:
            QMessageBox.information(self.window, "Check database",
                                    f"{database.file.name} passes SQLite's integrity check.")
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Check database", f"{database.file.name} is damaged.",
                          QMessageBox.StandardButton.Close, self.window)
        box.setInformativeText(str(damaged(database.file, problems[0])))
        box.setDetailedText("\n".join(problems))
        backups = box.addButton("Backups…", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is backups:
            self.open_backups()


def install_recovery_actions(window) -> RecoveryActions:
    return RecoveryActions(window)
