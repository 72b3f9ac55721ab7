"""What every view of the main window is given when it is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from .shared.records_bus import RecordsBus

if TYPE_CHECKING:
    from ..core.services import Services


@dataclass(frozen=True)
class ViewContext:
    services: Services
    undo_stack: QUndoStack
    show_status: Callable[[str], None]  # a short note in the status bar
    bus: RecordsBus
    parent: QWidget | None = None
    # Show another view at the records named (`navigate("projects", year=2023, codes=[...])`): a view offering
    # `show_records(**filters)` narrows itself to them. None where there is no window to navigate in.
    navigate: Callable[..., object] | None = None
