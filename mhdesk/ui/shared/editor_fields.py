"""Reading and filling the kinds of field a record editor has.

Amounts are read from their text straight into Decimal (never through a
float), so "290,500.50" is stored as exactly 290500.50.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QListWidget, QListWidgetItem

# Digits grouped by commas, spaces or apostrophes (3,000,000 / 3 000 000 / 3'000'000), a point for cents.
_AMOUNT = re.compile(r"^(-?)(\d{1,3}(?:[,' \u00a0\u202f]\d{3})+|\d+)(?:\.(\d*))?$")


def parse_amount(text: str) -> Decimal | None:
    """The amount written in `text`, None when empty; ValueError with a readable reason otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _AMOUNT.match(cleaned)
    if match is None:
        raise ValueError(f'"{cleaned}" is not an amount; write it like 3,000,000.00')
    sign, whole, cents = match.groups()
    if cents and len(cents) > 2:
        raise ValueError("has more than two decimal places")
    return Decimal(f"{sign}{re.sub(r'[^0-9]', '', whole)}.{cents or '0'}").quantize(Decimal("0.01"))


def split_names(text: str) -> list[str]:
    """Names one per line or separated by semicolons, trimmed, each once, in order."""
    names = (part.strip() for part in re.split(r"[;\n]", text))
    return list(dict.fromkeys(name for name in names if name))


# ---- optional dates: a check box that says whether the date is known ------------------


def set_optional_date(check: QCheckBox, edit: QDateEdit, value: date | None, fallback: date) -> None:
    check.setChecked(value is not None)
    edit.setEnabled(value is not None)
    shown = value or fallback
    edit.setDate(QDate(shown.year, shown.month, shown.day))


def optional_date(check: QCheckBox, edit: QDateEdit) -> date | None:
    return edit.date().toPython() if check.isChecked() else None


def link_optional_date(check: QCheckBox, edit: QDateEdit) -> None:
    check.toggled.connect(edit.setEnabled)


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
