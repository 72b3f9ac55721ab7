"""For the start-up benchmark: report when the main window first paints, then quit.

Only when MHDESK_REPORT_FIRST_PAINT is set: the window prints `first-paint <epoch seconds>` on its first
paint and the application quits, so `mhdesk bench` can time a real start from launch to first paint.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_VAR = "MHDESK_REPORT_FIRST_PAINT"


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def report_first_paint(window: QWidget) -> None:
    """Watch `window` for its first paint when the benchmark asked for it; otherwise do nothing."""
    if not os.environ.get(ENV_VAR):
        return
    probe = _FirstPaint(window)
    window.installEventFilter(probe)
    print(f"window-built {time.time():.6f}", file=sys.stderr, flush=True)
