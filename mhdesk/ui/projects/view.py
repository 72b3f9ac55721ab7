"""The projects register (forms/projects/view.ui): filter bar, table, and the project actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QWidget

from ...core.errors import MhdeskError, NotFound, StaleRecord
from ...core.services.project_records import ProjectData
from ..shared.clipboard import projects_tsv
from ..shared.confirm import ask_destructive
from ..shared.empty_state import EmptyState
from ..shared.file_dialogs import REPORTS, save_file_name
from ..shared.form_loader import load_form
from ..shared.history_dialog import HistoryDialog, open_history
from ..shared.record_views import fit_columns, select_records
from ..shared.records_bus import concerns
from ..shared.table_keys import leave_with_ctrl_tab
from ..shared.worker import BackgroundJob
from ..view_context import ViewContext
from . import commands
from .commands import ProjectStore
from .conflict_dialog import ProjectConflictDialog
from .editor import ProjectEditor
from .filters import ProjectFilterBar
from .table_model import Column, ProjectFilter, ProjectIdRole, ProjectsTableModel

BACKGROUND_LOAD_FROM = 20_000  # projects: a smaller register loads in a blink on the window's thread

# Starting widths, from a typical value of each column; Title takes what is left.
COLUMN_SAMPLES = {Column.CODE: "MA.0000", Column.AREA: "Area", Column.DONORS: "IOM Development",
                  Column.BUDGET: "1,000,000 USD", Column.START: "30 Sep 2000", Column.END: "30 Sep 2000 ⁺",
                  Column.COUNTRIES: "Kazakhstan, Kyrgyz", Column.STATUS: "Completed"}


class ProjectsView(QWidget):
    selection_changed = Signal(int)  # how many projects are selected

    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "projects/view.ui")
        self._context = context
        self._catalog = context.services.catalog
        self._stack = context.undo_stack
        self.store = ProjectStore(context.services.projects, self)
        self.editor: ProjectEditor | None = None  # the open editor, if any
        self.confirmation: QMessageBox | None = None  # the open delete question, if any
        self.conflict: ProjectConflictDialog | None = None  # open when a save found the project changed elsewhere

        area_names = {code: f"{h_code} · {name}" for code, h_code, name in self._catalog.programme_areas}
        self.model = ProjectsTableModel(self, area_names=area_names)
        self._setup_table()
        self._empty = EmptyState("No projects yet", "Add the first project of the register, or open another "
                                 "database from the File menu.", self, "projects.svg")
        self._empty.add_button("New project…", self.new_project)
        self.ui.contentStack.addWidget(self._empty)
        self._no_match = EmptyState("No project matches", "Nothing in the register fits the filter and the "
                                    "choices above.", self)
        self._no_match.add_button("Show all projects", self.clear_filters)
        self.ui.contentStack.addWidget(self._no_match)
        self.filters = ProjectFilterBar(self.ui.searchEdit, self.ui.yearCombo, self.ui.countryCombo,
                                        self.ui.areaCombo, self.ui.statusCombo, self._catalog, self,
                                        only_label=self.ui.onlyLabel)
        self.filters.changed.connect(self._apply_filter)

        # Reloads are coalesced: a multi-project undo asks once per project, the table reloads once.
        # Edits made here re-read only the projects they wrote; changes from elsewhere re-read everything.
        self._pending_focus: int | None = None
        self._full_reload_pending = False
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self._reload_now)
        self.loading: BackgroundJob | None = None  # the read of a large register, while it runs
        self._reload_after_loading = False
        self.store.changed.connect(self._schedule_reload)
        self.store.failed.connect(self._show_failure)
        context.bus.changed.connect(self._records_changed)
        self.reload()

    def _setup_table(self) -> None:
        table = self.ui.tableView
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.CODE, Qt.SortOrder.AscendingOrder)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(table, COLUMN_SAMPLES)
        leave_with_ctrl_tab(table)
        table.doubleClicked.connect(lambda index: self.edit_project(index.data(ProjectIdRole)))
        self.history_action = QAction("&History…", table, shortcut=QKeySequence("Ctrl+H"),
                                      shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.history_action.triggered.connect(self.show_history)
        table.addAction(self.history_action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit(
            len(self.selected_ids())))

    # ---- loading and filtering --------------------------------------------------

    def _records_changed(self, what: str) -> None:
        if concerns(what, "projects"):
            self._full_reload_pending = True
            self._schedule_reload(self.current_id())
        elif what == "rates":  # budgets sort by their value at the rates now on record
            self.model.set_rates(self._context.services.exchange_rates.table())

    def _schedule_reload(self, focus_id: int | None) -> None:
        self._pending_focus = focus_id
        self._reload_timer.start()

    def _reload_now(self) -> None:
        if self._full_reload_pending:
            self.reload(self._pending_focus)
        else:
            self.reload(self._pending_focus, only=self.store.take_touched())

    def reload(self, focus_id: int | None = None, *, only: set[int] | None = None) -> None:
        """Read the register again (or just the projects of `only`), keeping the selection
        (or selecting `focus_id`). A large register is read and prepared off the window's thread."""
        keep = [focus_id] if focus_id is not None else self.selected_ids()
        if self.loading is not None and self.loading.is_running:
            self._reload_after_loading = True  # what the running load read may be older than this change
            return
        if only is None:
            self._full_reload_pending = False
            self.store.take_touched()
            if self.store.service.count() >= BACKGROUND_LOAD_FROM:
                self._load_in_background(keep)
                return
            self.model.set_rows(self.store.service.rows())
            self.model.set_rates(self._context.services.exchange_rates.table())
        else:
            self.model.merge_rows(self.store.service.rows(ids=only), only)
        self._show_loaded(keep)

    def _load_in_background(self, keep: list[int]) -> None:
        service, rates, model = self.store.service, self._context.services.exchange_rates, self.model

        def read(progress) -> tuple:
            table = rates.table()
            return model.prepare_with_rates(service.rows(), table), table

        def loaded(result: tuple) -> None:
            model.load(*result)
            self._show_loaded(keep)

        def finished() -> None:
            if self._reload_after_loading:
                self._reload_after_loading = False
                self.reload()

        self.ui.countLabel.setText("Loading the projects…")
        self.loading = (BackgroundJob(self, read).on_success(loaded)
                        .on_failure(lambda error: self._show_failure(str(error)), MhdeskError)
                        .on_finish(finished).start())

    def _show_loaded(self, keep: list[int]) -> None:
        self.filters.set_years(self.model.years())
        self.model.set_filter(self.filters.current())
        self.select_ids(keep)
        self._update_count()

    def _apply_filter(self, wanted: ProjectFilter) -> None:
        self.model.set_filter(wanted)
        self._update_count()

    def clear_filters(self) -> None:
        self.filters.clear()

    def _update_count(self) -> None:
        total, shown = self.model.total_count, self.model.shown_count
        self.ui.countLabel.setText(f"{shown:,} of {total:,} project{'s' if total != 1 else ''}")
        page = self._empty if total == 0 else self._no_match if shown == 0 else self.ui.tableView
        self.ui.contentStack.setCurrentWidget(page)

    def show_records(self, year: int | None = None, codes: list[str] | None = None, what: str = "") -> list[int]:
        """Exactly the projects of `codes` active in `year` (what a Dashboard bar counts, described by `what`),
        selected; their ids."""
        self.filters.clear()
        if year is not None:
            self.filters.year.setCurrentIndex(max(self.filters.year.findData(year), 0))
        if codes is not None:
            self.filters.show_only(codes, what)
        wanted = set(codes or ())
        ids = [row.id for row in self.model.all_rows() if row.code in wanted]
        self.select_ids(ids)
        self.ui.tableView.setFocus()
        return ids

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    # ---- selection --------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.ui.tableView.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

    def current_id(self) -> int | None:
        index = self.ui.tableView.currentIndex()
        if index.isValid() and self.ui.tableView.selectionModel().isRowSelected(index.row()):
            return index.data(ProjectIdRole)
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_ids(self, ids: list[int]) -> None:
        select_records(self.ui.tableView, self.model, ids)

    def new_project(self) -> ProjectEditor:
        def save(data: ProjectData) -> None:
            created = commands.add_project(self._stack, self.store, data)
            self._context.show_status(f"Added {created.code}.")

        return self._open_editor(ProjectEditor(self._catalog, None, save, self.window()))

    def edit_selected(self) -> ProjectEditor | None:
        project_id = self.current_id()
        return self.edit_project(project_id) if project_id is not None else None

    def edit_project(self, project_id: int) -> ProjectEditor | None:
        try:
            before = self.store.get(project_id)
        except MhdeskError as exc:
            self._show_failure(str(exc))
            self.reload()
            return None

        def save(after: ProjectData) -> None:
            if after != before:  # OK without a change leaves the history alone
                try:
                    commands.edit_project(self._stack, self.store, before, after)
                except StaleRecord:
                    self._offer_conflict(before, after)
                    raise StaleRecord(f"Someone else saved {after.code} meanwhile: choose what to keep.") from None
                self._context.show_status(f"Saved {after.code}.")

        return self._open_editor(ProjectEditor(self._catalog, before, save, self.window()))

    def _open_editor(self, editor: ProjectEditor) -> ProjectEditor:
        # open(), not exec(): no nested event loop, and the window stays responsive behind it.
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def duplicate_selected(self) -> None:
        project_id = self.current_id()
        if project_id is None:
            return
        try:
            copy = commands.duplicate_project(self._stack, self.store, project_id)
        except MhdeskError as exc:
            self._show_failure(str(exc))
            return
        self._context.show_status(f"Duplicated as {copy.code}.")

    def delete_selected(self) -> QMessageBox | None:
        """Ask first (without blocking), then delete every selected project as one undoable step."""
        ids = self.selected_ids()
        if not ids:
            return None
        rows = [self.model.row_at(row) for row in self.model.rows_of(ids)]
        if len(rows) == 1:
            question = f"Delete {rows[0].code} “{rows[0].title}”?"
        else:
            codes = ", ".join(r.code for r in rows[:5]) + (", …" if len(rows) > 5 else "")
            question = f"Delete {len(rows)} projects ({codes})?"
        self.confirmation = ask_destructive(
            self.window(), "Delete", question,
            f"Edit > Undo (Ctrl+Z) brings {'it' if len(rows) == 1 else 'them'} back.",
            "Delete", lambda: self._delete(ids), self._confirmation_closed)
        return self.confirmation

    def _confirmation_closed(self) -> None:
        self.confirmation = None

    def _delete(self, ids: list[int]) -> None:
        try:
            gone = commands.delete_projects(self._stack, self.store, ids)
        except MhdeskError as exc:
            self._show_failure(str(exc))
            self.reload()
            return
        names = gone[0].code if len(gone) == 1 else f"{len(gone)} projects"
        self._context.show_status(f"Deleted {names}. Ctrl+Z brings {'it' if len(gone) == 1 else 'them'} back.")

    def copy_selection(self) -> int:
        rows = [self.model.row_at(index.row())
                for index in sorted(self.ui.tableView.selectionModel().selectedRows(), key=lambda i: i.row())]
        if rows:
            QGuiApplication.clipboard().setText(projects_tsv(rows))
            self._context.show_status(f"Copied {len(rows)} row{'s' if len(rows) != 1 else ''} with a header row.")
        return len(rows)

    def export_projects(self, path: Path | None = None) -> BackgroundJob | None:
        """The rows the filters show, in their order, as a formatted workbook (asking where when `path` is None)."""
        if path is None:
            path = save_file_name(self.window(), "Export projects", REPORTS, "Excel workbooks (*.xlsx)",
                                  "Projects.xlsx")
            if path is None:
                return None
        path = Path(path) if Path(path).suffix.lower() == ".xlsx" else Path(path).with_suffix(".xlsx")
        rows = [self.model.row_at(position) for position in range(self.model.rowCount())]
        count = f"{len(rows):,} project{'s' if len(rows) != 1 else ''}"

        def write(_progress) -> Path:
            from ...core.exports.projects_xlsx import write_projects_xlsx  # openpyxl: not before it is needed

            return write_projects_xlsx(rows, path)

        return (BackgroundJob(self.window(), write,
                              title="Export projects", label=f"Writing {count} to {path.name}…",
                              cancellable=False, database=False)
                .on_success(lambda written: self._context.show_status(f"Exported {count} to {written}."))
                .on_failure(lambda error: self._show_failure(
                    f"The projects could not be written to {path}: {getattr(error, 'strerror', None) or error}."),
                    OSError)
                .start())

    def _offer_conflict(self, base: ProjectData, mine: ProjectData) -> ProjectConflictDialog:
        """Both versions field by field, over the editor that stays open until the user has chosen."""
        try:
            theirs = self.store.get(mine.id)  # the store now writes over this version, and only this one
        except NotFound:
            theirs = None
        dialog = ProjectConflictDialog(base, mine, theirs, self.editor or self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save_resolution(theirs, dialog.resolution))
        dialog.finished.connect(lambda _: setattr(self, "conflict", None) if self.conflict is dialog else None)
        self.conflict = dialog
        dialog.open()
        return dialog

    def _save_resolution(self, theirs: ProjectData | None, resolution: ProjectData | None) -> None:
        editor = self.editor
        try:
            if resolution is None:
                self.reload(theirs.id if theirs else None)
                status = "Kept the version saved elsewhere; your changes were dropped."
            elif theirs is None:
                commands.add_project(self._stack, self.store, resolution, f"Add {resolution.code} again")
                status = f"Saved {resolution.code} again."
            else:
                commands.edit_project(self._stack, self.store, theirs, resolution)
                status = f"Saved {resolution.code}."
        except StaleRecord:  # saved elsewhere once more meanwhile: choose again
            self.conflict = None
            self._offer_conflict(theirs or resolution, resolution)
            return
        except MhdeskError as exc:
            self._show_failure(str(exc))
            return
        if editor is not None:
            QDialog.done(editor, QDialog.DialogCode.Accepted)  # the base class: no second save, no question
        self._context.show_status(status)

    def show_history(self) -> HistoryDialog | None:
        """The selected project's changes: who, when, by an edit, an import or a rollback, field by field."""
        project_id = self.current_id()
        if project_id is None:
            return None
        try:
            code = self.store.get(project_id).code
            entries = self._context.services.project_history.of_id(project_id)
        except MhdeskError as exc:
            self._show_failure(str(exc))
            return None
        return open_history(self, code, entries)

    def _show_failure(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Projects", message, QMessageBox.StandardButton.Ok,
                          self.window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ---- remembered between runs ------------------------------------------------

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("projects/header", self.ui.tableView.horizontalHeader().saveState())

    def restore_settings(self, settings: QSettings) -> None:
        state = settings.value("projects/header")
        if state is not None:
            self.ui.tableView.horizontalHeader().restoreState(state)
