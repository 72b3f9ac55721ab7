"""The throw-away folder of `mhdesk --demo`, gone however the run ends.

Its name starts with PREFIX in the system's temporary folder. A normal end, Ctrl+C or SIGTERM
removes it (run_app); a crash or a kill leaves it behind, and the next start removes every such
folder whose owner is gone. On POSIX the owner holds an exclusive lock on the folder's
`owner.lock`, which the system releases when the process ends however it ends, so a reused
process id never keeps a stale folder alive. A folder without a lock file (elsewhere, or made
by a process that died before taking it) is stale once it is a day old.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "mhdesk-demo-"
LOCK_NAME = "owner.lock"
UNLOCKED_STALE_AFTER = 24 * 3600  # seconds

try:
    import fcntl
except ImportError:  # not POSIX: only the age rule applies
    fcntl = None


class DemoFolder:
    """A new private temporary folder, held by this process until `remove()`."""

    def __init__(self, parent: str | os.PathLike | None = None):
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        self._lock: int | None = None
        if fcntl is not None:
            self._lock = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(self._lock, f"{os.getpid()}\n".encode())  # for a person looking; the lock decides

    def remove(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        shutil.rmtree(self.path, ignore_errors=True)


def remove_stale_demo_folders(parent: str | os.PathLike | None = None) -> list[Path]:
    """Remove the demo folders of runs that ended without cleaning up; return what was removed."""
    removed = []
    try:
        candidates = list(Path(parent or tempfile.gettempdir()).glob(f"{PREFIX}*"))
    except OSError:
        return removed
    for folder in candidates:
        if folder.is_dir() and not folder.is_symlink() and _is_ours(folder) and _is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _is_ours(folder: Path) -> bool:
    # other users' folders in a shared temporary folder are theirs to clean
    return not hasattr(os, "getuid") or folder.stat().st_uid == os.getuid()


def _is_stale(folder: Path) -> bool:
    lock = folder / LOCK_NAME
    if fcntl is not None and lock.is_file():
        try:
            handle = os.open(lock, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # its owner is running
        finally:
            os.close(handle)
        return True
    try:
        return time.time() - folder.stat().st_mtime > UNLOCKED_STALE_AFTER
    except OSError:
        return False
