"""A person's place in a view (selected rows or cells, current cell, scroll position), kept across a reload.

    place = ViewPlace.of(view)
    view.reload()
    place.restore()      # at once, or when a view that reads in the background says `loaded`

Rows are recognised by the record they show (its database id), not by their
position, so a row added or removed above the selection moves nothing the
person chose. A table that is not a record table recognises a row by the text
of its first column (the mission of the Returns grid, the number of an import).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView, QWidget

from .record_table import RecordRole


def row_key(model: QAbstractItemModel, row: int) -> object:
    record = model.index(row, 0).data(RecordRole)
    identity = getattr(record, "id", None)
    if identity is not None:
        return ("id", identity)
    return ("text", model.index(row, 0).data(Qt.ItemDataRole.DisplayRole))


@dataclass
class TablePlace:
    table: QTableView
    rows: list[object] = field(default_factory=list)  # keys of the rows selected whole
    cells: list[tuple[object, int]] = field(default_factory=list)  # (row key, column) of other selected cells
    current: tuple[object, int] | None = None
    scroll: tuple[int, int] = (0, 0)

    @classmethod
    def of(cls, table: QTableView) -> TablePlace:
        model, selection = table.model(), table.selectionModel()
        place = cls(table, scroll=(table.horizontalScrollBar().value(), table.verticalScrollBar().value()))
        if model is None or selection is None:
            return place
        whole = {index.row() for index in selection.selectedRows()}
        place.rows = [row_key(model, row) for row in sorted(whole)]
        place.cells = [(row_key(model, index.row()), index.column()) for index in selection.selectedIndexes()
                       if index.row() not in whole]
        current = table.currentIndex()
        if current.isValid():
            place.current = (row_key(model, current.row()), current.column())
        return place

    def restore(self) -> None:
        table, model = self.table, self.table.model()
        if model is None or table.selectionModel() is None:
            return
        if self.rows or self.cells or self.current:
            rows = {row_key(model, row): row for row in range(model.rowCount())}
            selection, last = QItemSelection(), model.columnCount() - 1
            for key in self.rows:
                if key in rows:
                    selection.select(model.index(rows[key], 0), model.index(rows[key], last))
            for key, column in self.cells:
                if key in rows:
                    index = model.index(rows[key], column)
                    selection.select(index, index)
            flags = QItemSelectionModel.SelectionFlag
            table.selectionModel().select(selection, flags.ClearAndSelect)
            if self.current and self.current[0] in rows:
                current = model.index(rows[self.current[0]], self.current[1])
                table.selectionModel().setCurrentIndex(current, flags.NoUpdate)
        table.doItemsLayout()  # the scroll ranges of the new rows, before the old position is set again
        table.horizontalScrollBar().setValue(self.scroll[0])
        table.verticalScrollBar().setValue(self.scroll[1])


@dataclass
class ViewPlace:
    view: QWidget
    tables: list[TablePlace]

    @classmethod
    def of(cls, view: QWidget) -> ViewPlace:
        return cls(view, [TablePlace.of(table) for table in view.findChildren(QTableView)])

    def restore(self) -> None:
        """Now, or once the view has finished reading (views that read in the background say `loaded`)."""
        if not (getattr(self.view, "is_loading", False) and hasattr(self.view, "loaded")):
            self._restore_now()
            return

        def once() -> None:
            self.view.loaded.disconnect(once)
            self._restore_now()

        # A function, not a bound method: the signal then holds this place until the view has loaded.
        self.view.loaded.connect(once)

    def _restore_now(self) -> None:
        for table in self.tables:
            table.restore()


def reload_keeping_place(view: QWidget) -> bool:
    """Read the view's records again where it can (`reload()`), keeping the person's place; False if it cannot."""
    reload = getattr(view, "reload", None)
    if reload is None:
        return False
    place = ViewPlace.of(view)
    reload()
    place.restore()
    return True
