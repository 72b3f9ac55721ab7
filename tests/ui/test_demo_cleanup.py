"""`mhdesk --demo` leaves no temporary folder behind: closed, interrupted, terminated, or killed and restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mhdesk.ui.app import run_app
from mhdesk.ui.demo_folder import LOCK_NAME, PREFIX, DemoFolder, remove_stale_demo_folders
from mhdesk.ui.main_window import MainWindow

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and locks as POSIX has them")


def start_demo(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """`python -m mhdesk --demo` offscreen, with its own temporary and home folders; waits for its database."""
    temp, home = tmp_path / "tmp", tmp_path / "home"
    temp.mkdir(exist_ok=True)
    home.mkdir(exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temp), "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share")}
    process = subprocess.Popen([sys.executable, "-m", "mhdesk", "--demo"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(temp.glob(f"{PREFIX}*/demo.sqlite-wal")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the demo database never appeared"
        time.sleep(0.05)
    return process, temp


def wait_for_window(process: subprocess.Popen) -> None:
    """Past loading the demo records: the process idles in the window's event loop."""
    time.sleep(3)
    assert process.poll() is None, process.communicate()


@posix_only
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_a_signal_ends_the_demo_and_removes_its_folder(tmp_path, sent):
    process, temp = start_demo(tmp_path)
    folder = next(temp.glob(f"{PREFIX}*"))
    assert (folder / LOCK_NAME).is_file()
    wait_for_window(process)

    process.send_signal(sent)
    _, err = process.communicate(timeout=60)

    assert process.returncode == 128 + sent, err
    assert "Traceback" not in err
    assert not folder.exists()
    assert list(temp.iterdir()) == []


@posix_only
def test_a_folder_left_by_a_killed_demo_is_removed_at_the_next_start(tmp_path):
    process, temp = start_demo(tmp_path)
    left = next(temp.glob(f"{PREFIX}*"))
    process.kill()  # no clean-up can run
    process.communicate(timeout=30)
    assert (left / "demo.sqlite").exists()

    assert remove_stale_demo_folders(temp) == [left]
    assert not left.exists()


@posix_only
def test_only_stale_demo_folders_are_removed(tmp_path):
    running = DemoFolder(tmp_path)  # its owner (this process) is alive
    crashed = DemoFolder(tmp_path)
    os.close(crashed._lock)  # as a dead process's lock is released: the lock file stays
    crashed._lock = None
    unlocked_young = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp_path))  # just made, lock not yet taken
    unlocked_old = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp_path))  # an older mhdesk's, long ago
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(unlocked_old, (two_days_ago, two_days_ago))
    someone_elses = tmp_path / "mhdesk-notes"
    someone_elses.mkdir()
    try:
        removed = remove_stale_demo_folders(tmp_path)
        assert sorted(removed) == sorted([crashed.path, unlocked_old])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [running.path.name, unlocked_young.name, "mhdesk-notes"])
    finally:
        running.remove()
    assert not running.path.exists()


def test_closing_the_demo_window_removes_its_folder_and_a_stale_one(qapp, private_settings, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    stale = DemoFolder(temp)
    if stale._lock is not None:  # as a crashed run leaves it: the lock file, no lock
        os.close(stale._lock)
        stale._lock = None
    else:  # no locks on this platform: only age makes a folder stale
        os.utime(stale.path, (0, 0))
    seen = {}

    def look():
        # the window shows first, saying the database is opening; the demo's database follows
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible() and w.database is not None]
        if not windows:
            if "run over" not in seen:  # a poll outliving its run would close a later test's window
                QTimer.singleShot(25, look)
            return
        seen["folder"] = windows[0].database.file.parent
        seen["present"] = sorted(p.name for p in temp.iterdir())
        windows[0].close()

    QTimer.singleShot(0, look)
    try:
        assert run_app(database=None, demo=True) == 0
    finally:
        seen["run over"] = True
    assert seen["present"] == [seen["folder"].name]  # the stale folder was gone before the window showed
    assert list(temp.iterdir()) == []
