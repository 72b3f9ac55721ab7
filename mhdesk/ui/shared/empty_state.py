"""A calm page that says what a place will hold, or why it is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from .icons import icon


class EmptyState(QWidget):
    def __init__(self, heading: str, text: str, parent: QWidget | None = None, icon_name: str | None = None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(10)
        if icon_name:
            picture = QLabel(self)
            picture.setPixmap(icon(icon_name).pixmap(48, 48))
            picture.setEnabled(False)  # drawn greyed: a quiet hint, not a button
            layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("emptyHeading")
        self.text = QLabel(text, self)
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setFixedWidth(440)  # a readable measure; a wrapped label would otherwise shrink to a column
        for label in (self.heading, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)

    def add_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.layout().addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        return button
