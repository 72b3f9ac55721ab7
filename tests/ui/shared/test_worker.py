"""The background helper: work runs off the GUI thread, everything comes back to the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from mhdesk.ui.shared.worker import BackgroundJob, Progress, database_pool


@pytest.fixture(autouse=True)
def database_thread_idle_after():
    yield
    database_pool().waitForDone(5000)


def run_to_end(qtbot, job: BackgroundJob) -> list[str]:
    """Start a wired job and wait for its finish; the outcomes it reported, in order."""
    outcomes = []
    job.on_success(lambda value: outcomes.append(f"succeeded: {value}"))
    job.on_cancel(lambda: outcomes.append("cancelled"))
    job.on_finish(lambda: outcomes.append("finished"))
    job.start()
    qtbot.waitUntil(lambda: "finished" in outcomes, timeout=5000)
    return outcomes


def test_a_job_that_does_nothing_reports_its_result_every_time(qtbot):
    for run in range(200):
        results = []
        BackgroundJob(None, lambda _progress, run=run: run).on_success(results.append).start()
        qtbot.waitUntil(lambda: bool(results), timeout=5000)
        assert results == [run]


def test_jobs_started_back_to_back_each_report_once_in_order(qtbot):
    results, finished = [], []
    for run in range(200):
        (BackgroundJob(None, lambda _progress, run=run: run)
         .on_success(results.append).on_finish(lambda: finished.append(True)).start())
    qtbot.waitUntil(lambda: len(finished) == 200, timeout=10000)
    assert results == list(range(200))  # the database thread runs them one after another


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    work_thread, callback_threads, progress = [], set(), []

    def work(p: Progress) -> str:
        work_thread.append(threading.get_ident())
        for i in range(3):
            p.report(i + 1, 3, f"step {i + 1}")
        return "done"

    job = BackgroundJob(None, work).on_progress(
        lambda *args: (progress.append(args), callback_threads.add(threading.get_ident())))
    job.on_success(lambda _: callback_threads.add(threading.get_ident()))
    assert run_to_end(qtbot, job) == ["succeeded: done", "finished"]
    assert progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert work_thread[0] != gui and callback_threads == {gui}


def test_many_reports_of_one_step_are_merged_but_the_last_arrives(qtbot):
    progress = []

    def work(p: Progress) -> None:
        for done in range(1, 10001):
            p.report(done, 10000, "Importing values")

    run_to_end(qtbot, BackgroundJob(None, work).on_progress(lambda *args: progress.append(args)))
    assert 1 <= len(progress) < 10000 and progress[-1] == (10000, 10000, "Importing values")


def test_cancel_stops_the_work(qtbot):
    started = threading.Event()

    def work(p: Progress) -> None:
        started.set()
        while True:
            p.check()
            time.sleep(0.005)

    job = BackgroundJob(None, work)
    job.on_finish(lambda: None)
    outcomes = []
    job.on_cancel(lambda: outcomes.append("cancelled")).on_success(lambda _: outcomes.append("succeeded"))
    job.start()
    assert started.wait(5) and job.is_running
    job.cancel()
    qtbot.waitUntil(lambda: not job.is_running, timeout=5000)
    assert outcomes == ["cancelled"]


def test_work_that_ends_after_a_late_cancel_still_succeeds(qtbot):
    """Cancel pressed once the work can no longer stop (an import already committed): it stands."""
    release = threading.Event()
    job = BackgroundJob(None, lambda p: release.wait(5) and "committed")
    outcomes = []
    job.on_success(outcomes.append).on_cancel(lambda: outcomes.append("cancelled")).start()
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: not job.is_running, timeout=5000)
    assert outcomes == ["committed"]


def test_a_failure_goes_to_the_handler_of_its_kind(qtbot):
    failures, finished = [], []

    def work(p: Progress) -> None:
        raise ValueError("the workbook has no Projects sheet")

    (BackgroundJob(None, work)
     .on_failure(lambda exc: failures.append(("file", exc)), OSError)
     .on_failure(lambda exc: failures.append(("value", exc)), ValueError)
     .on_finish(lambda: finished.append(True)).start())
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    (kind, exc), = failures
    assert kind == "value" and isinstance(exc, ValueError) and str(exc) == "the workbook has no Projects sheet"


def test_a_failure_nobody_handles_goes_to_the_crash_dialog(qtbot):
    finished = []
    with qtbot.capture_exceptions() as raised:  # what sys.excepthook, the crash dialog's entry, receives
        (BackgroundJob(None, lambda p: {}["no such key"])
         .on_failure(lambda exc: pytest.fail("an OSError handler took a KeyError"), OSError)
         .on_finish(lambda: finished.append(True)).start())
        qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    (kind, exc, tb), = raised
    assert kind is KeyError and tb is not None


def test_progress_dialog_cancel_button_cancels(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()

    def work(p: Progress) -> None:
        started.set()
        while True:
            p.check()
            time.sleep(0.005)

    job = BackgroundJob(parent, work, title="Importing", label="Reading…")
    outcomes = []
    job.on_cancel(lambda: outcomes.append("cancelled")).on_success(lambda _: outcomes.append("succeeded")).start()
    assert started.wait(5)
    dialog, closed = job.progress_dialog, []
    dialog.destroyed.connect(lambda: closed.append(True))
    assert dialog.windowTitle() == "Importing" and dialog.labelText() == "Reading…"
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel").click()
    assert dialog.labelText() == "Stopping…"
    qtbot.waitUntil(lambda: outcomes == ["cancelled"] and closed == [True], timeout=5000)


def test_a_job_that_cannot_stop_offers_no_cancel(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    job = BackgroundJob(parent, lambda p: release.wait(5), title="Roll back import", cancellable=False)
    outcomes = []
    job.on_success(outcomes.append).start()
    assert not [b for b in job.progress_dialog.findChildren(QPushButton) if b.text() == "Cancel"]
    release.set()
    qtbot.waitUntil(lambda: outcomes == [True], timeout=5000)


def test_no_callback_reaches_a_parent_deleted_meanwhile(qtbot):
    parent = QWidget()
    release, reached = threading.Event(), []
    job = BackgroundJob(parent, lambda p: release.wait(5))
    job.on_success(lambda _: reached.append("success")).on_finish(lambda: reached.append("finish")).start()
    parent.deleteLater()
    qtbot.waitUntil(lambda: job.parent_gone, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not job.is_running, timeout=5000)
    assert reached == []


def test_a_job_is_wired_before_it_starts_and_starts_once(qtbot):
    release = threading.Event()
    job = BackgroundJob(None, lambda p: release.wait(5)).start()
    with pytest.raises(RuntimeError, match="wired before it is started"):
        job.on_success(print)
    with pytest.raises(RuntimeError, match="started once"):
        job.start()
    release.set()
    qtbot.waitUntil(lambda: not job.is_running, timeout=5000)
