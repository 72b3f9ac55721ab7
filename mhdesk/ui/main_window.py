"""The main window (forms/main_window.ui): navigation, the views, menus, the open database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMainWindow, QMessageBox, QWidget

from .. import __version__
from . import database_dialogs
from .recovery.actions import install_recovery_actions
from .returns.workbook_drops import WorkbookDropTarget
from .shared.empty_state import EmptyState
from .shared.form_loader import load_form
from .shared.icons import icon
from .shared.print_actions import install_print_actions
from .shared.records_bus import RecordsBus
from .shared.view_place import reload_keeping_place
from .shared.worker import BackgroundJob
from .view_context import ViewContext
from .view_stack import LazyViews
from .views import VIEWS, ViewSpec

if TYPE_CHECKING:  # the database library loads with the database, after the window's first paint
    from ..core.change_watch import ChangeWatch
    from ..core.database import Database
    from .returns.import_flow import ImportFlow

# How often the window asks whether the database was changed elsewhere (also whenever it gets focus).
CHANGE_CHECK_MS = 3000


def with_access_key(title: str, taken: set[str]) -> str:
    """`title` with an access key on its first letter no other item of the menu uses (`Dash&board`)."""
    for position, letter in enumerate(title):
        if letter.isalpha() and letter.lower() not in taken:
            taken.add(letter.lower())
            return f"{title[:position]}&{title[position:]}"
    return title


class MainWindow(WorkbookDropTarget, QMainWindow):
    def __init__(self, settings: QSettings, database: Database | None = None, parent: QWidget | None = None, *,
                 opening: bool = False):
        """`opening`: the database is opened once the window shows (`set_database`); it says so meanwhile."""
        super().__init__(parent)
        self._opening = False
        self.ui = load_form(self, "main_window.ui")
        self.settings = settings
        self.database: Database | None = None
        self.undo_stack = QUndoStack(self)
        self.records_bus = RecordsBus(self)
        self._context: ViewContext | None = None
        self.views = LazyViews(self.ui.viewStack, self._create_view)  # each built when first shown
        self.import_flow: ImportFlow | None = None  # the review of returns being imported, while open
        self.template_dialog: QWidget | None = None
        self._change_watch: ChangeWatch | None = None
        self._change_timer = QTimer(self, interval=CHANGE_CHECK_MS)
        self._change_timer.timeout.connect(self.check_for_changes)
        self.setAcceptDrops(True)  # .xlsx returns dropped on the window are imported
        self.setWindowIcon(icon("mhdesk.svg"))
        self._database_label = QLabel(self)
        self._database_label.setObjectName("databaseLabel")
        self.ui.statusBar.addPermanentWidget(self._database_label)
        self._build_navigation()
        self._connect_actions()
        self.set_database(database, opening=opening)
        self._restore_settings()
        self._change_timer.start()

    # ---- navigation ---------------------------------------------------------------

    def _build_navigation(self) -> None:
        group = QActionGroup(self)
        taken = {a.text().partition("&")[2][:1].lower() for a in self.ui.menuView.actions() if "&" in a.text()}
        for number, spec in enumerate(VIEWS, start=1):
            item = QListWidgetItem(icon(spec.icon), spec.title, self.ui.navList)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            action = QAction(with_access_key(spec.title, taken), group, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_view(key))
            self.ui.menuView.addAction(action)
        self._view_actions = group.actions()
        # the remembered place is chosen before any view exists, so that only it is built
        keys = [spec.key for spec in VIEWS]
        last = self.settings.value("window/view", keys[0])
        self.ui.navList.setCurrentRow(keys.index(last) if last in keys else 0)
        self.ui.navList.currentRowChanged.connect(self._view_chosen)

    def show_view(self, key: str) -> QWidget:
        self.ui.navList.setCurrentRow([spec.key for spec in VIEWS].index(key))
        return self.views[key]

    def navigate(self, key: str, **filters) -> QWidget:
        """Show the view `key` narrowed to the records `filters` name (a chart's bar opens what it counts)."""
        view = self.show_view(key)
        show_records = getattr(view, "show_records", None)
        if show_records is not None:
            show_records(**filters)
        return view

    def current_key(self) -> str:
        return VIEWS[max(self.ui.navList.currentRow(), 0)].key

    def current_view(self) -> QWidget | None:
        return self.views.get(self.current_key())

    def _view_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.ui.viewStack.setCurrentWidget(self.views[VIEWS[row].key])
        self._view_actions[row].setChecked(True)
        self._update_actions()

    # ---- the database -------------------------------------------------------------

    def set_database(self, database: Database | None, *, opening: bool = False) -> None:
        """Show `database` (or none, or one about to open): every view is built again over it; the old one is
        closed."""
        self.undo_stack.clear()  # the history belongs to the database it changed
        self._save_view_settings()
        previous, self.database, self._opening = self.database, database, opening and database is None
        if self._change_watch is not None:
            self._change_watch.close()
        if previous is not None and previous is not database:
            previous.dispose()
        self._change_watch = self._context = None
        if database is not None:
            from ..core.change_watch import watch_changes
            from ..core.services import Services

            self._change_watch = watch_changes(database)
            self._context = ViewContext(Services(database), self.undo_stack, self.show_status, self.records_bus,
                                        self, navigate=self.navigate)
        self.views.reset(self._create_view)
        self._view_chosen(max(self.ui.navList.currentRow(), 0))  # builds the view shown; the others wait
        described = (database.describe() if database else "Opening the database…" if self._opening
                     else "No database open")
        self._database_label.setText(f"Database: {described}" if database else described)
        self._database_label.setToolTip(described)
        name = database.file.name if database and database.file else described
        self.setWindowTitle(f"{name} — mhdesk" if database else "mhdesk")
        self._update_actions()

    def _create_view(self, spec: ViewSpec) -> QWidget:
        view = (spec.create(self._context) if self._context else self._opening_page() if self._opening
                else self._no_database_page())
        if hasattr(view, "selection_changed"):
            view.selection_changed.connect(self._update_actions)
        if hasattr(view, "restore_settings"):
            view.restore_settings(self.settings)
        return view

    def back_up_daily_later(self) -> None:
        """The day's first open of a file keeps a copy: a whole copy, so off the GUI thread once the window shows."""
        database = self.database

        def back_up() -> None:
            from ..core.recovery import backup_daily

            if database is not None and database is self.database:
                self.daily_backup = BackgroundJob(self, lambda _progress: backup_daily(database)).start()

        QTimer.singleShot(0, back_up)

    def _opening_page(self) -> QWidget:
        return EmptyState("Opening the database…", "The records show in a moment.", self)

    def _no_database_page(self) -> QWidget:
        page = EmptyState("No database open", "Open an existing database file, or start a new empty one.", self)
        page.add_button("Open database…", self.open_database)
        page.add_button("New database…", self.new_database)
        return page

    def open_database(self) -> None:
        path = database_dialogs.ask_open_database_path(self, self._database_file())
        if path:
            self.switch_to(path, create=False)  # a name typed in the dialog that names no file is refused

    def new_database(self) -> None:
        path = database_dialogs.ask_new_database_path(self, self._database_file())
        if path:
            self.switch_to(path)

    def switch_to(self, target, create: bool = True) -> bool:
        database = database_dialogs.open_or_explain(self, target, create=create)
        if database is None:
            return False
        self.set_database(database)
        self.back_up_daily_later()
        self.show_status(f"Opened {database.describe()}.")
        return True

    def _database_file(self) -> Path | None:
        return self.database.file if self.database else None

    def close_database(self) -> None:
        self.set_database(None)

    # ---- changes made elsewhere -----------------------------------------------------

    def check_for_changes(self) -> bool:
        """Show what another window or the command line changed since the last look; True if anything."""
        if self._change_watch is None or not self._change_watch.changed_elsewhere():
            return False
        self.reload_views()
        self.show_status("The database was changed elsewhere: the views show it now.")
        return True

    def reload_views(self) -> None:
        """Every view reads its records again, keeping the selection and the scroll position."""
        for view in self.views.built().values():  # a view not built yet reads its records when it is
            reload_keeping_place(view)

    def _reload_by_hand(self) -> None:
        if self._change_watch is not None:
            self._change_watch.changed_elsewhere()  # what is read now is up to date
        self.reload_views()
        self.show_status("Read the records again.")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_for_changes()

    # ---- menus --------------------------------------------------------------------

    def _connect_actions(self) -> None:
        ui, stack = self.ui, self.undo_stack
        ui.actionNewDatabase.triggered.connect(self.new_database)
        ui.actionOpenDatabase.triggered.connect(self.open_database)
        ui.actionImportReturns.triggered.connect(lambda: self.import_returns())
        ui.actionNewReturnTemplate.triggered.connect(self.new_return_template)
        ui.actionExportProjects.triggered.connect(lambda: self._call_projects("export_projects"))
        ui.actionQuit.triggered.connect(self.close)
        ui.actionUndo.triggered.connect(stack.undo)
        ui.actionRedo.triggered.connect(stack.redo)
        ui.actionRedo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack.canUndoChanged.connect(ui.actionUndo.setEnabled)
        stack.canRedoChanged.connect(ui.actionRedo.setEnabled)
        stack.undoTextChanged.connect(lambda text: ui.actionUndo.setText(f"&Undo {text}" if text else "&Undo"))
        stack.redoTextChanged.connect(lambda text: ui.actionRedo.setText(f"&Redo {text}" if text else "&Redo"))
        ui.actionUndo.setEnabled(False)
        ui.actionRedo.setEnabled(False)
        ui.actionCopy.triggered.connect(lambda: self._call_view("copy_selection"))
        ui.actionFind.triggered.connect(lambda: self._call_view("focus_search"))
        # Enter opens the selected project as double-click does; Ctrl+E is the one the menu shows.
        ui.actionEditProject.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence(Qt.Key.Key_Return),
                                           QKeySequence(Qt.Key.Key_Enter)])
        ui.actionNewProject.triggered.connect(lambda: self._call_projects("new_project"))
        ui.actionEditProject.triggered.connect(lambda: self._call_projects("edit_selected"))
        ui.actionDuplicateProject.triggered.connect(lambda: self._call_projects("duplicate_selected"))
        ui.actionDeleteProject.triggered.connect(lambda: self._call_projects("delete_selected"))
        ui.actionAbout.triggered.connect(self._about)
        ui.actionReload.triggered.connect(self._reload_by_hand)
        self.print_actions = install_print_actions(self)
        self.recovery_actions = install_recovery_actions(self)

    def _call_view(self, method: str):
        handler = getattr(self.current_view(), method, None)
        return handler() if handler else None

    def _call_projects(self, method: str):
        view = self.views["projects"]
        handler = getattr(view, method, None)
        if handler is None:
            return None
        self.show_view("projects")
        return handler()

    def _update_actions(self, *_args) -> None:
        ui, view = self.ui, self.current_view()
        on_projects = self.current_key() == "projects" and hasattr(view, "selected_ids")
        selected = len(view.selected_ids()) if on_projects else 0
        # the projects view offers its actions whenever a database is open, built yet or not
        ui.actionNewProject.setEnabled(self.database is not None)
        for action in (ui.actionEditProject, ui.actionDuplicateProject, ui.actionDeleteProject):
            action.setEnabled(selected > 0)
        ui.actionImportReturns.setEnabled(self.database is not None)
        ui.actionNewReturnTemplate.setEnabled(self.database is not None)
        ui.actionExportProjects.setEnabled(self.database is not None)
        ui.actionCopy.setEnabled(hasattr(view, "copy_selection"))
        ui.actionFind.setEnabled(hasattr(view, "focus_search"))

    # ---- mission returns ---------------------------------------------------------

    def import_returns(self, paths: list | None = None) -> ImportFlow | None:
        """Review and import returns (asking which when `paths` is None); files join an open review."""
        if self.database is None:
            return None
        if paths is None:
            from .returns.import_flow import choose_returns

            paths = choose_returns(self, self._database_file())
        if not paths:
            return None
        if self.import_flow is None:
            from .returns.import_flow import ImportFlow

            self.import_flow = ImportFlow(self, self.database, self.records_bus, self.show_status)
            self.import_flow.closed.connect(self._import_closed)
        self.import_flow.add_files(paths)
        return self.import_flow

    def _import_closed(self) -> None:
        flow, self.import_flow = self.import_flow, None
        if flow is not None:
            flow.dialog.deleteLater()
            flow.deleteLater()

    def new_return_template(self) -> None:
        from .returns.template_dialog import TemplateDialog

        if self.database is None:
            return
        from ..core.services import Services

        self.template_dialog = TemplateDialog(Services(self.database), self.settings, self.show_status, self)
        self.template_dialog.open()

    def accepts_workbooks(self) -> bool:
        return self.database is not None

    def workbooks_dropped(self, paths: list, others: int) -> None:
        self.import_returns(paths)
        if others:
            self.show_status(f"Left out {others} dropped item{'s' if others != 1 else ''}: only .xlsx workbooks "
                             "are imported.")

    def show_status(self, message: str) -> None:
        self.ui.statusBar.showMessage(message, 6000)

    def _about(self) -> None:
        QMessageBox.about(
            self, "About mhdesk",
            f"<h3>mhdesk {__version__}</h3><p>Records of a regional migration-health programme: projects, "
            "focal points, indicators, mission returns and publications.</p>"
            f"<p>Database: {self.database.describe() if self.database else 'none'}</p>")

    # ---- remembered between runs ------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.settings
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 760)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if splitter is None or not self.ui.splitter.restoreState(splitter):
            self.ui.splitter.setSizes([170, 1110])

    def save_settings(self) -> None:
        settings = self.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.ui.splitter.saveState())
        settings.setValue("window/view", self.current_key())
        self._save_view_settings()
        settings.sync()

    def _save_view_settings(self) -> None:
        for view in self.views.built().values():
            if hasattr(view, "save_settings"):
                view.save_settings(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
