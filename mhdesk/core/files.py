"""Writing files: whole or not at all, and readable by their owner only.

Everything mhdesk writes for the user (templates, problem reports, exports, backups, the
database itself) may hold personal data of focal points, so on POSIX it is created 0600
(folders 0700) whatever the umask. Other platforms keep their own access rules.

`atomic_output(path)` is the one way to write such a file: it yields a temporary path
beside the target for the writer to fill (by name, as openpyxl and reportlab do), then makes
it owner-only and puts it in place in one step; if the writer fails, the file already there
is untouched and no temporary file is left behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported by whoever builds a workbook, not by every start
    from openpyxl import Workbook

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_FOLDER = 0o700


def make_owner_only(path: str | os.PathLike, mode: int = OWNER_ONLY_FILE) -> None:
    """Restrict an existing file (or folder, with OWNER_ONLY_FOLDER) to its owner; a no-op off POSIX."""
    if os.name == "posix":
        os.chmod(path, mode)


def owner_only_folder(path: str | os.PathLike) -> Path:
    """The folder `path`, created if missing (with its parents), readable by its owner only."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    make_owner_only(folder, OWNER_ONLY_FOLDER)
    return folder


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path` to write; on success it replaces `path`, 0600."""
    target = Path(path)
    if not target.parent.is_dir():  # named here: mkstemp's error would name a temporary file
        raise FileNotFoundError(errno.ENOENT, "The folder does not exist", str(target.parent))
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        make_owner_only(temporary)  # a writer may have replaced the file mkstemp made private
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def save_workbook(book: Workbook, path: str | os.PathLike) -> Path:
    """Save a workbook whole or not at all, owner-only."""
    with atomic_output(path) as temporary:
        book.save(temporary)
    return Path(path)


def save_bytes(data: bytes, path: str | os.PathLike) -> Path:
    """Write `data` whole or not at all, owner-only."""
    with atomic_output(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)
