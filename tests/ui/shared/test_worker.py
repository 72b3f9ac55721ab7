"""The background helper: work runs off the GUI thread, everything comes back as signals."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QPushButton, QWidget

from mhdesk.ui.shared.worker import Progress, Task, run_with_progress


@pytest.fixture
def pool():
    own = QThreadPool()
    yield own
    own.waitForDone(5000)


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, pool):
    gui = threading.get_ident()
    seen_threads, progress, results = [], [], []

    def work(p: Progress) -> str:
        seen_threads.append(threading.get_ident())
        for i in range(3):
            p.report(i + 1, 3, f"step {i + 1}")
        return "done"

    task = Task(work)
    task.progressed.connect(lambda *args: (progress.append(args), seen_threads.append(threading.get_ident())))
    task.succeeded.connect(lambda value: (results.append(value), seen_threads.append(threading.get_ident())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(pool)
    assert results == ["done"]
    assert progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert seen_threads[0] != gui and set(seen_threads[1:]) == {gui}


def test_cancel_stops_the_work(qtbot, pool):
    started = threading.Event()
    outcome = []

    def work(p: Progress) -> None:
        started.set()
        while True:
            p.check()
            time.sleep(0.005)

    task = Task(work)
    task.cancelled.connect(lambda: outcome.append("cancelled"))
    task.succeeded.connect(lambda _: outcome.append("succeeded"))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(pool)
        assert started.wait(5)
        task.cancel()
    assert outcome == ["cancelled"]


def test_work_that_ends_after_a_late_cancel_still_succeeds(qtbot, pool):
    """Cancel pressed once the work can no longer stop (an import already committed): it stands."""
    release = threading.Event()
    outcome = []
    task = Task(lambda p: release.wait(5) and "committed")
    task.succeeded.connect(outcome.append)
    task.cancelled.connect(lambda: outcome.append("cancelled"))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(pool)
        task.cancel()
        release.set()
    assert outcome == ["committed"]


def test_a_failure_is_reported_with_its_traceback(qtbot, pool):
    failures = []

    def work(p: Progress) -> None:
        raise ValueError("the workbook has no Projects sheet")

    task = Task(work)
    task.failed.connect(lambda exc, details: failures.append((exc, details)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start(pool)
    (exc, details), = failures
    assert isinstance(exc, ValueError) and "Traceback" in details and "no Projects sheet" in details


def test_progress_dialog_cancel_button_cancels(qtbot, pool):
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    outcome = []

    def work(p: Progress) -> None:
        started.set()
        while True:
            p.check()
            time.sleep(0.005)

    task = run_with_progress(parent, work, title="Importing", label="Reading…",
                             on_cancel=lambda: outcome.append("cancelled"),
                             on_success=lambda _: outcome.append("succeeded"), pool=pool)
    assert started.wait(5)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.dialog.findChild(QPushButton).click()
    assert outcome == ["cancelled"]

