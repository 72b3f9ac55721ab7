"""A calm page that says what a place will hold, or why it is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, heading: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(10)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("emptyHeading")
        self.text = QLabel(text, self)
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(460)
        for label in (self.heading, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)

    def add_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.layout().addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        return button
