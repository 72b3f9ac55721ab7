"""The main window's first paint: what waits for it, and the report the start-up benchmark times.

`after_first_paint(window, work)` runs `work` once the window has painted, so that slow start-up work (opening
the database, reading the records) never keeps the window from showing.

Only when MHDESK_REPORT_FIRST_PAINT is set: the window prints `first-paint <epoch seconds>` on its first paint,
then `records-shown <epoch seconds>` once the database is open and the view's records painted, with
`first-paint-modules <names>` (the packages imported before the first paint), and the application quits, so
`mhdesk bench` can time a real start from launch.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_VAR = "MHDESK_REPORT_FIRST_PAINT"
# A window that is never painted (shown minimised, say) still gets its start-up work done after this long.
FALLBACK_MS = 1000


class _PaintWatch(QObject):
    """Calls `on_paint` once, right after the first paint of the widget it watches (`at_once`: as it paints)."""

    def __init__(self, widget: QWidget, on_paint: Callable[[], None], at_once: bool = False):
        super().__init__(widget)
        self._on_paint: Callable[[], None] | None = on_paint
        self._at_once = at_once
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._on_paint is not None:
            watched.removeEventFilter(self)
            if self._at_once:
                self.fire()
            else:
                QTimer.singleShot(0, self.fire)  # once this paint has reached the screen
        return False

    def fire(self) -> None:
        on_paint, self._on_paint = self._on_paint, None
        if on_paint is not None:
            on_paint()


def after_first_paint(window: QWidget, work: Callable[[], None], fallback_ms: int = FALLBACK_MS) -> None:
    """Run `work` once, right after `window` first paints (or after `fallback_ms` if it never does)."""
    watch = _PaintWatch(window, work)
    QTimer.singleShot(fallback_ms, watch, watch.fire)


def report_first_paint(window: QWidget) -> None:
    """Print when `window` first paints, when the benchmark asked for it; otherwise do nothing."""
    if not os.environ.get(ENV_VAR):
        return
    print(f"window-built {time.time():.6f}", file=sys.stderr, flush=True)
    _PaintWatch(window, lambda: _report("first-paint", with_modules=True), at_once=True)


def report_records_shown(window: QWidget) -> None:
    """Print when `window` next paints (its records shown), then quit, when the benchmark asked for it."""
    if not os.environ.get(ENV_VAR):
        return

    def shown() -> None:
        _report("records-shown")
        QTimer.singleShot(0, QApplication.quit)

    _PaintWatch(window, shown, at_once=True)
    window.update()


def _report(what: str, with_modules: bool = False) -> None:
    print(f"{what} {time.time():.6f}", flush=True)
    if with_modules:
        packages = sorted({name.partition(".")[0] for name in list(sys.modules)})
        print(f"first-paint-modules {' '.join(packages)}", flush=True)
