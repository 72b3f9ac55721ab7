"""The editor of a flat record (an event, a publication): one field per spec, read by the core parsers.

A field that cannot be read, or a record the service refuses, is named under the fields and nothing is
saved; the dialog stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget

from ...core.errors import Issue, MhdeskError, ValidationFailed
from ...core.parsing.errors import ParseError
from ..shared.form_loader import load_form


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the attribute of the record's data class
    label: str
    kind: str = "text"  # text, long, number, choice
    choices: tuple[str, ...] = ()  # for "choice": offered, not enforced (the service checks)
    placeholder: str = ""
    # for a field whose text is not the attribute as it is (a date typed as "March 2019"):
    show: Callable[[Any], str] | None = None
    read: Callable[[str, Any], dict] | None = None  # (text, record) -> attributes to set


class RecordDialog(QDialog):
    """Edit `record` (a dataclass instance); `save(record) -> record` writes it and may raise MhdeskError."""

    def __init__(self, parent: QWidget | None, title: str, specs: list[FieldSpec], record,
                 save: Callable[[Any], Any]):
        super().__init__(parent)
        self.ui = load_form(self, "publications/record_dialog.ui")
        self.setWindowTitle(title)
        self._specs, self._record, self._save = specs, record, save
        self.saved = None
        self.editors: dict[str, QWidget] = {}
        for spec in specs:
            editor = self._editor_for(spec)
            self.editors[spec.name] = editor
            self.ui.fieldsLayout.addRow(f"{spec.label}:", editor)
        self.ui.problemsLabel.hide()
        self.ui.buttonBox.accepted.connect(self._accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setDefault(True)

    def _editor_for(self, spec: FieldSpec) -> QWidget:
        value = getattr(self._record, spec.name)
        text = spec.show(self._record) if spec.show else ("" if value is None else str(value))
        if spec.kind == "long":
            editor = QPlainTextEdit(text)
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(96)
        elif spec.kind == "choice":
            editor = QComboBox()
            editor.setEditable(True)
            editor.addItems(["", *spec.choices])
            editor.setCurrentText(text)
        else:
            editor = QLineEdit(text)
        if spec.placeholder and hasattr(editor, "setPlaceholderText"):
            editor.setPlaceholderText(spec.placeholder)
        return editor

    def text_of(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        return editor.text()

    def set_text(self, name: str, text: str) -> None:
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(text)
        else:
            editor.setText(text)

    def read(self):
        """The record as typed; ValidationFailed names the field that cannot be read."""
        changes: dict[str, Any] = {}
        names = {f.name for f in fields(self._record)}
        for spec in self._specs:
            text = self.text_of(spec.name).strip()
            try:
                if spec.read:
                    changes.update(spec.read(text, self._record))
                elif spec.kind == "number":
                    changes[spec.name] = int(text.replace(",", "").replace(" ", "")) if text else None
                else:
                    changes[spec.name] = text or None
            except ParseError as exc:
                raise ValidationFailed([Issue(spec.label, str(exc))]) from exc
            except ValueError as exc:
                raise ValidationFailed([Issue(spec.label, f'"{text}" is not a whole number')]) from exc
        return replace(self._record, **{k: v for k, v in changes.items() if k in names})

    def _accept(self) -> None:
        try:
            self.saved = self._save(self.read())
        except MhdeskError as exc:
            self.ui.problemsLabel.setText(str(exc))
            self.ui.problemsLabel.show()
            return
        self.accept()
