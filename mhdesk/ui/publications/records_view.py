"""A register of flat records (forms/publications/records_view.ui): search, year, table, add/edit/delete.

Events and publications are kept the same way, so one view serves both; what differs (the model, the
fields of the editor, the names) comes in a `RecordKind`. Every change is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...core.errors import MhdeskError
from ..shared import record_commands
from ..shared.confirm import ask_destructive
from ..shared.form_loader import load_form
from ..shared.history_dialog import HistoryDialog, add_history_action, open_history
from ..shared.record_commands import FlatRecordStore
from ..shared.record_table import RecordTableModel
from ..shared.record_views import copy_records, offer_years, select_records, selected_records, setup_table
from ..shared.records_bus import concerns
from ..view_context import ViewContext
from .record_dialog import RecordDialog
from .table_models import RecordFilter


@dataclass(frozen=True)
class RecordKind:
    topic: str  # what the records bus names ("events", "publications")
    singular: str  # "event"
    plural: str  # "events"
    service: Callable  # services -> the record service
    model: type[RecordTableModel]
    specs: Callable  # services -> the editor's FieldSpec list
    new_record: Callable  # () -> a blank record
    label: Callable  # record -> how an undo step names it
    year_of: Callable  # record -> its year or None
    samples: dict[int, str]
    stretch: int
    history: Callable  # services -> (record id -> its audit trail)


class RecordsView(QWidget):
    selection_changed = Signal(int)

    def __init__(self, context: ViewContext, kind: RecordKind):
        super().__init__(context.parent)
        self.ui = load_form(self, "publications/records_view.ui")
        self._context, self.kind = context, kind
        self.store = FlatRecordStore(kind.service(context.services), self)
        self.model = kind.model(self)
        setup_table(self.ui.table, self.model, kind.samples, kind.stretch)
        self.ui.headingLabel.setText(kind.plural.capitalize())
        self.ui.searchEdit.setPlaceholderText(f"Search the {kind.plural}…")
        self.dialog: RecordDialog | None = None
        self._focus: int | None = None
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)
        self.store.changed.connect(self._schedule_reload)
        self.store.failed.connect(context.show_status)
        context.bus.changed.connect(lambda what: concerns(what, kind.topic) and self.reload())
        self.ui.searchEdit.textChanged.connect(self._apply_filter)
        self.ui.yearCombo.currentIndexChanged.connect(self._apply_filter)
        self.ui.addButton.clicked.connect(self.add)
        self.ui.editButton.clicked.connect(self.edit_selected)
        self.ui.deleteButton.clicked.connect(self.delete_selected)
        self.ui.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.ui.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.history_action = add_history_action(self.ui.table, self.show_history)
        self.reload()

    # ---- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        records = self.store.service.list()
        self.model.set_rows(records)
        offer_years(self.ui.yearCombo, (y for y in map(self.kind.year_of, records) if y),
                    self.ui.yearCombo.currentData(), "All years")
        self._apply_filter()
        if self._focus is not None:
            self.select_record(self._focus)
            self._focus = None

    def _schedule_reload(self, focus: int | None) -> None:
        self._focus = focus
        self._reload_timer.start()

    def _apply_filter(self, *_args) -> None:
        self.model.set_filter(RecordFilter(self.ui.searchEdit.text().strip(), self.ui.yearCombo.currentData()))
        shown, total = self.model.shown_count, self.model.total_count
        self.ui.countLabel.setText(f"{shown:,} of {total:,} {self.kind.plural}" if shown != total else
                                   f"{total:,} {self.kind.singular if total == 1 else self.kind.plural}")
        self._selection_changed()

    def select_record(self, record_id: int) -> None:
        select_records(self.ui.table, self.model, [record_id])

    def selected(self) -> list:
        return selected_records(self.ui.table, self.model)

    def _selection_changed(self, *_args) -> None:
        count = len(self.ui.table.selectionModel().selectedRows())
        self.ui.editButton.setEnabled(count == 1)
        self.ui.deleteButton.setEnabled(count > 0)
        self.selection_changed.emit(count)

    # ---- what the window offers ---------------------------------------------------------

    def copy_selection(self) -> None:
        copy_records(self.ui.table, self.model, self._context.show_status)

    def show_history(self) -> HistoryDialog | None:
        """The selected record's changes: who, when, by an edit, an import or a rollback, field by field."""
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        try:
            entries = self.kind.history(self._context.services)(chosen[0].id)
        except MhdeskError as exc:
            self._context.show_status(str(exc))
            return None
        return open_history(self, f"the {self.kind.singular} {self.kind.label(chosen[0])}", entries)

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    # ---- writing ---------------------------------------------------------------------------

    def add(self) -> RecordDialog:
        return self._open_editor(f"New {self.kind.singular}", self.kind.new_record(), None)

    def edit_selected(self) -> RecordDialog | None:
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        return self._open_editor(f"Edit {self.kind.singular}", chosen[0], chosen[0])

    def _open_editor(self, title: str, record, before) -> RecordDialog:
        stack, store, kind = self._context.undo_stack, self.store, self.kind

        def save(data):
            if before is None:
                return record_commands.add_record(stack, store, data, f"Add {kind.singular} {kind.label(data)}")
            return record_commands.edit_record(stack, store, before, data, f"Edit {kind.singular} {kind.label(data)}")

        self.dialog = RecordDialog(self, title, kind.specs(self._context.services), before or self.kind.new_record(),
                                   save)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None

    def delete_selected(self, confirm: bool = True) -> None:
        """Delete the selected records as one undo step, after asking (Cancel is the default answer)."""
        chosen = self.selected()
        if not chosen:
            return
        what = (f"the {self.kind.singular} {self.kind.label(chosen[0])}" if len(chosen) == 1 else
                f"{len(chosen)} {self.kind.plural}")

        def delete() -> None:
            try:
                record_commands.delete_records(self._context.undo_stack, self.store, chosen, f"Delete {what}")
            except MhdeskError as exc:
                self._context.show_status(str(exc))
            self.reload()

        if not confirm:
            delete()
            return
        self.confirmation = ask_destructive(self, "Delete", f"Delete {what}?", "Edit > Undo brings it back.",
                                            "Delete", delete)
