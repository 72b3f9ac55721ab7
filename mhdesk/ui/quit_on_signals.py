"""Ctrl+C, SIGTERM and SIGHUP end the window as closing it does, so that its clean-up runs."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication

SIGNAL_NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


class Stop:
    """What a signal asked for: the exit code (128 + the signal's number), or None."""

    def __init__(self) -> None:
        self.code: int | None = None


@contextmanager
def quit_on_signals(app: QApplication) -> Iterator[Stop]:
    """While inside, a signal ends the event loop (or, outside one, the start-up) with 128 + its number.

    Check `stop.code` right before entering the event loop: a signal during start-up may have
    ended a dialog's loop, or been swallowed by Qt when it came while Qt was calling Python code.
    """
    stop = Stop()

    def handle(signum, _frame) -> None:
        stop.code = 128 + signum
        if QThread.currentThread().loopLevel() > 0:
            app.exit(stop.code)
        else:
            raise SystemExit(stop.code)

    previous = {}
    for name in SIGNAL_NAMES:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handle)
    # Python runs signal handlers only between its own instructions, never inside Qt's C++ loop:
    # a timer hands it control a few times a second.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    try:
        yield stop
    finally:
        wake.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)
