"""Recovery of a SQLite database: checking it, listing its backups, taking one, putting one back.

A damaged file is found when it is opened (`PRAGMA quick_check`, cheap) or on demand (`integrity_check`,
thorough); the message names the latest backup that passes the check. Restoring copies the backup's pages
into the live database through SQLite's backup API, in one transaction: a process killed half-way leaves
the database as it was. The state being replaced is backed up first; a file too damaged to be written
into is moved aside into `backups/` and the backup is copied into a new file in its place.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .database import (
    BACKUP_FOLDER,
    BACKUP_STAMP,
    STAMP_FORMAT,
    CopyProgress,
    Database,
    DatabaseError,
    backup_connection,
    copy_pages,
)
from .files import make_owner_only, owner_only_folder
from .sqlite_check import sqlite_problems

DAILY = "daily"
BY_HAND = "by-hand"
BEFORE_RESTORE = "before-restore"
DAMAGED = "damaged"
SIDE_FILES = ("-wal", "-shm", "-journal")
REASON_LABELS = {
    "before-import": "before an import",
    "before-upgrade": "before a schema upgrade",
    "before-restore": "before a restore",
    DAILY: "daily, on opening",
    BY_HAND: "made by hand",
    DAMAGED: "the damaged file, moved aside",
}


class DamagedDatabase(DatabaseError):
    """The SQLite file fails its check; `backup` is the latest good backup, if there is one."""

    def __init__(self, message: str, file: Path, backup: BackupCopy | None):
        super().__init__(message)
        self.file = file
        self.backup = backup


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    reason: str
    taken: datetime
    size: int

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


@dataclass(frozen=True)
class RestoreResult:
    file: Path
    restored_from: Path
    previous_state: Path | None  # the backup of what was replaced (or the damaged file moved aside)
    replaced_damaged: bool


def list_backups(database_file: Path) -> list[BackupCopy]:
    """The backups of `database_file` in its `backups/` folder, newest first."""
    folder = Path(database_file).parent / BACKUP_FOLDER
    stem = Path(database_file).stem
    found = []
    for path in folder.glob(f"{stem}.*.sqlite"):
        reason, _, stamp = path.name[len(stem) + 1:-len(".sqlite")].rpartition(".")
        if not reason or not BACKUP_STAMP.fullmatch(stamp):
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupCopy(path, reason, datetime.strptime(stamp, STAMP_FORMAT), size))
    return sorted(found, key=lambda copy: copy.taken, reverse=True)


def check_file(path: Path, thorough: bool = False) -> list[str]:
    """What SQLite finds wrong with the file at `path` ([] when sound), read without changing anything."""
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return sqlite_problems(connection, thorough)
    finally:
        connection.close()


def check_database(db: Database, thorough: bool = True) -> list[str]:
    """What SQLite finds wrong with the open database ([] when sound): Tools > Check database, `db check`."""
    if not db.is_sqlite:
        return []
    raw = db.engine.raw_connection()
    try:
        return sqlite_problems(raw.driver_connection, thorough)
    finally:
        raw.close()


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLite's own word that the file is not a database or is corrupt (not: locked, missing, no access)."""
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def check_on_open(connection: sqlite3.Connection, file: Path) -> None:
    """The cheap check run on every open: DamagedDatabase naming the latest good backup if it fails."""
    problems = sqlite_problems(connection, thorough=False)
    if problems:
        raise damaged(file, problems[0])


def damaged(file: Path, problem: str) -> DamagedDatabase:
    backup = latest_good_backup(file)
    where = f"The database {file} is damaged ({problem.rstrip('.')})"
    if backup is None:
        message = (f"{where}, and there is no sound backup of it in {file.parent / BACKUP_FOLDER}; "
                   "nothing was changed.")
    else:
        message = (f"{where}; the latest good backup is {backup.path} ({backup.reason_label}, "
                   f"{backup.taken:%d %b %Y %H:%M}): `mhdesk --database {file} db restore {backup.path}` "
                   "puts it back, and File > Backups… offers the same.")
    return DamagedDatabase(message, file, backup)


def latest_good_backup(database_file: Path) -> BackupCopy | None:
    """The newest backup that passes the quick check (the damaged file moved aside never counts)."""
    for copy in list_backups(database_file):
        if copy.reason != DAMAGED and not check_file(copy.path):
            return copy
    return None


def take_backup(db: Database, reason: str = BY_HAND, progress: CopyProgress | None = None) -> Path:
    """A backup now (File > Backups… > Back up now, `mhdesk db backup`)."""
    if not db.is_sqlite or db.file is None:
        raise DatabaseError("Only a SQLite file is backed up by mhdesk; a PostgreSQL server has its own backups.")
    target = db.backup(reason, progress=progress)
    if target is None:
        raise DatabaseError(f"There is no database at {db.file} to back up.")
    return target


def backup_daily(db: Database, today: date | None = None) -> Path | None:
    """The day's backup, taken on the first open of the day; None when there is one already (or no file).

    A backup that cannot be written (a read-only folder) does not stop the database from opening.
    """
    if not db.is_sqlite or db.file is None or not db.file.exists():
        return None
    today = today or date.today()
    if any(copy.reason == DAILY and copy.taken.date() == today for copy in list_backups(db.file)):
        return None
    try:
        return db.backup(DAILY)
    except (OSError, sqlite3.Error):
        return None


def check_restorable(database_file: Path, backup: Path) -> None:
    """Raise DatabaseError, in one sentence, when `backup` cannot be put back as `database_file`."""
    if not backup.is_file():
        raise DatabaseError(f"There is no backup at {backup}; nothing was changed.")
    problems = check_file(backup)
    if problems:
        raise DatabaseError(f"The backup {backup} is itself damaged ({problems[0]}); nothing was changed.")
    if backup.resolve() == Path(database_file).resolve():
        raise DatabaseError(f"{backup} is the database itself; choose one of its backups.")


def restore(database_file: Path, backup: Path, progress: CopyProgress | None = None) -> RestoreResult:
    """Put `backup` back as the database at `database_file` (see the module's description).

    The caller opens the database again afterwards, which brings an older backup's schema up to date.
    """
    database_file, backup = Path(database_file), Path(backup)
    check_restorable(database_file, backup)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?immutable=1", uri=True)
    try:
        if database_file.exists() and not check_file(database_file):
            previous = _restore_into_live(source, database_file, progress)
            return RestoreResult(database_file, backup, previous, replaced_damaged=False)
        moved = _copy_into_new_file(source, database_file, progress)
        return RestoreResult(database_file, backup, moved, replaced_damaged=moved is not None)
    finally:
        source.close()


def _restore_into_live(source: sqlite3.Connection, file: Path, progress: CopyProgress | None) -> Path:
    live = sqlite3.connect(file, timeout=5)
    try:
        previous = backup_connection(live, file, BEFORE_RESTORE)
        copy_pages(source, live, progress)
    finally:
        live.close()
    return previous


def _move_aside(file: Path) -> Path:
    """Move a damaged file (and its journal files) into backups/, out of the way but kept."""
    folder = owner_only_folder(file.parent / BACKUP_FOLDER)
    target = folder / f"{file.stem}.{DAMAGED}.{datetime.now().strftime(STAMP_FORMAT)}.sqlite"
    for suffix in SIDE_FILES:
        side = file.with_name(file.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(file, target)
    return target


def _copy_into_new_file(source: sqlite3.Connection, file: Path, progress: CopyProgress | None) -> Path | None:
    """Copy into a new file beside `file`; only when it is whole is the damaged one moved aside (returned)."""
    partial = file.with_name(f".{file.name}.restoring")
    try:
        dest = sqlite3.connect(partial)
        try:
            make_owner_only(partial)
            copy_pages(source, dest, progress)
        finally:
            dest.close()
        moved = _move_aside(file) if file.exists() else None
        os.replace(partial, file)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return moved


def describe_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size} bytes"
