"""One signal the whole window listens to when records change outside a view."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class RecordsBus(QObject):
    """An import, a rollback or another view changed records: views reload what they show.

    `changed` carries what changed ("projects", "indicators", "directory",
    "events", "returns", "rates"), or "all".
    """

    changed = Signal(str)

    def announce(self, what: str = "all") -> None:
        self.changed.emit(what)


def concerns(what: str, *topics: str) -> bool:
    return what == "all" or what in topics
