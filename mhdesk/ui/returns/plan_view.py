"""An import plan to read through: filter buttons, a search box and the plan tree, grouped by sheet.

    view = PlanView(parent)
    view.set_plan(plan)                # a dry run's plan, or one read back from an import record
    view.set_plan(plan, problems)      # with other problems than the plan's own

Used by the import review and by the dialog of a stored import record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.returns.plan.model import Plan
from ...core.returns.problems import Problem
from ..shared.empty_state import EmptyState
from .plan_tree import SHOW_ALL, SHOW_CHANGES, SHOW_CHOICES, SHOW_ERRORS, SHOW_WARNINGS, PlanColumn, PlanTreeModel

FILTER_TITLES = {SHOW_ALL: "All", SHOW_ERRORS: "Errors", SHOW_WARNINGS: "Warnings", SHOW_CHANGES: "Changes"}
FILTER_TIPS = {
    SHOW_ALL: "Every record of the return and every problem found in it",
    SHOW_ERRORS: "Problems that must be corrected in the workbook before it can be imported",
    SHOW_WARNINGS: "Problems worth a look that do not stop the import",
    SHOW_CHANGES: "Records the import would add, change or remove",
}
# Starting widths from a typical value; the record and its changes share what is left.
COLUMN_SAMPLES = {PlanColumn.ROW: "Row 00", PlanColumn.PREVIOUS: "Last year's value",
                  PlanColumn.CHANGE: "Change on last year"}
TREE_STYLE = "QTreeView#planTree::item { padding: 2px 0; }"
SEARCH_DELAY_MS = 150
AUTO_EXPAND_ROWS = 5000


class SearchEdit(QLineEdit):
    """A search box whose Enter searches at once and goes no further: in a dialog, it would
    otherwise press the default button (Apply, Roll back...)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class PlanView(QWidget):
    filter_changed = Signal(str)  # one of SHOW_CHOICES

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = PlanTreeModel(self)
        self._show = SHOW_ALL
        self._has_plan = False
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._refilter)
        self.search_edit.textChanged.connect(lambda _: self._search_timer.start())
        self.search_edit.returnPressed.connect(lambda: self.set_search(self.search_edit.text()))
        self._update_counts()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, QPushButton] = {}
        for show in SHOW_CHOICES:
            button = QPushButton(FILTER_TITLES[show], self)
            button.setObjectName(f"planFilter_{show}")
            button.setCheckable(True)
            button.setToolTip(FILTER_TIPS[show])
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.filter_group.addButton(button)
            self.filter_buttons[show] = button
            button.clicked.connect(lambda _=False, chosen=show: self.set_filter(chosen))
            bar.addWidget(button)
        self.filter_buttons[SHOW_ALL].setChecked(True)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.count_label)
        self.search_edit = SearchEdit(self)
        self.search_edit.setPlaceholderText("Search records and problems")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the plan")
        self.search_edit.setMinimumWidth(240)
        bar.addWidget(self.search_edit)
        layout.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("planTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # lets a plan of 100,000 rows scroll smoothly
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAccessibleName("Import plan")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (PlanColumn.RECORD, PlanColumn.FIELDS):  # the long texts share the width left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        metrics = self.tree.fontMetrics()
        for column, sample in COLUMN_SAMPLES.items():
            self.tree.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        # A record's status sits one level in, after the branch mark and its icon.
        status_text = max(metrics.horizontalAdvance(word) for word in ("Unchanged", "Focal points"))
        self.tree.setColumnWidth(PlanColumn.STATUS, status_text + 2 * self.tree.indentation() + 16 + 24)
        self.tree.setStyleSheet(TREE_STYLE)
        self.stack.addWidget(self.tree)
        self.no_match = EmptyState("Nothing to show", "No record or problem of this return fits the filter.", self)
        self.no_match.add_button("Show everything", self.clear_filter)
        self.stack.addWidget(self.no_match)
        self.empty = EmptyState("No records", "The workbook holds no records to import.", self)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    # ---- what is shown ---------------------------------------------------------------

    def set_plan(self, plan: Plan | None, problems: list[Problem] | None = None) -> None:
        """Show `plan` with `problems` (by default the plan's own); the filter and search stay as they are."""
        self.model.set_plan(plan, problems)
        self._has_plan = plan is not None
        if self._show != SHOW_ALL and not self.model.count_of(self._show):
            self._show = SHOW_ALL  # a filter that would show nothing of this plan
            self.filter_buttons[SHOW_ALL].setChecked(True)
        self.model.set_filter(self._show, self.search_edit.text())
        self._after_reset()
        self._update_counts()

    def set_filter(self, show: str) -> None:
        """Show everything, errors, warnings or changes (one of SHOW_CHOICES)."""
        if show not in SHOW_CHOICES:
            raise ValueError(f"unknown filter {show!r}")
        self._show = show
        self.filter_buttons[show].setChecked(True)
        self._refilter()
        self.filter_changed.emit(show)

    @property
    def current_filter(self) -> str:
        return self._show

    def set_search(self, text: str) -> None:
        """Search at once (typing waits a moment for the next key)."""
        self.search_edit.setText(text)
        self._search_timer.stop()
        self._refilter()

    def clear_filter(self) -> None:
        self.search_edit.clear()
        self.set_filter(SHOW_ALL)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _refilter(self) -> None:
        self.model.set_filter(self._show, self.search_edit.text())
        self._after_reset()
        self._update_counts(counts_only=True)

    def _after_reset(self) -> None:
        # Sheets open, to be read; a very long one stays closed until asked for (laying out
        # 100,000 rows takes a while), or until the filter or search leaves fewer rows.
        for row, shown in enumerate(self.model.shown_per_sheet()):
            if shown <= AUTO_EXPAND_ROWS:
                self.tree.expand(self.model.index(row, 0))
        model = self.model
        self.stack.setCurrentWidget(self.tree if model.shown_count or not self._has_plan
                                    else self.no_match if model.total_count else self.empty)

    def _update_counts(self, counts_only: bool = False) -> None:
        if not counts_only:
            for show, button in self.filter_buttons.items():
                count = self.model.count_of(show)
                button.setText(f"{FILTER_TITLES[show]}  {count:,}")
                button.setEnabled(bool(count) or show == SHOW_ALL)
        shown, total = self.model.shown_count, self.model.total_count
        self.count_label.setText("" if shown == total else f"{shown:,} of {total:,} shown")
