"""Reading and filling the kinds of field a record editor has.

Typed values (amounts, dates) are read by the core parsers, the same that read
a mission's return, so a form accepts every form a return does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem

T = TypeVar("T")


def read_typed(edit: QLineEdit, parse: Callable[[str], T]) -> T | None:
    """The value typed in `edit`, None when empty; ParseError (quoting the text) when it cannot be read."""
    text = edit.text().strip()
    return parse(text) if text else None


def show_understood(label: QLabel, edit: QLineEdit, understood: str | None) -> None:
    """Say beside a typed field what it was read as; nothing while the field is empty or unreadable."""
    label.setText(understood if understood and edit.text().strip() else "")
    label.setVisible(bool(label.text()))


def split_names(text: str) -> list[str]:
    """Names one per line or separated by semicolons, trimmed, each once, in order."""
    names = (part.strip() for part in re.split(r"[;\n]", text))
    return list(dict.fromkeys(name for name in names if name))


# ---- combo boxes whose items carry a value ---------------------------------------------


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)


def select_value(combo: QComboBox, value: object) -> None:
    """Select the item carrying `value`; an unknown value is added so that nothing is lost."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


# ---- lists with a check box per name ----------------------------------------------------


def fill_checklist(widget: QListWidget, names: Iterable[str]) -> None:
    widget.clear()
    for name in names:
        item = QListWidgetItem(name, widget)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)


def set_checked(widget: QListWidget, names: Iterable[str]) -> None:
    wanted = set(names)
    present = {widget.item(i).text() for i in range(widget.count())}
    for name in sorted(wanted - present):  # a name the catalogue lacks stays visible and ticked
        fill_item = QListWidgetItem(name, widget)
        fill_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
    for i in range(widget.count()):
        item = widget.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)


def checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).text() for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]
