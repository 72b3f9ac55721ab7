"""Every file dialog of the window: where it opens, what it lists, and what it never touches.

SQLite's locks on POSIX are advisory locks that a process loses on every
descriptor of a file as soon as it opens and closes that file any other way.
A file dialog that reads files to guess their type or icon (a native one, or
Qt's own with the default icon provider and its MIME sniffing) would do
exactly that to the open database and its -wal/-shm files, and a command run
elsewhere would then believe it is alone and delete them under the window.
So the window uses only the dialog built here: Qt's own, with an icon
provider that looks at names alone, without file watching, never listing
SQLite's companion files (nor the database's backups, except where a
database is opened), and refusing a chosen path that is an open database or
one of its companions.

Each dialog opens where the user last was for its purpose (databases,
returns, templates, reports), remembered in the user's settings; at first,
or when that folder is gone or temporary, in Documents.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QFileInfo, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel, QMessageBox, QWidget

from .settings import user_settings

DATABASES = "databases"
RETURNS = "returns"
TEMPLATES = "templates"
REPORTS = "reports"
PHOTOS = "photos"

# What SQLite keeps beside a database while it is open, and the copies mhdesk makes of it.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
BACKUP_NAME = re.compile(r".+\.[a-z-]+\.\d{8}-\d{6}-\d{6}\.sqlite(-wal|-shm|-journal)?")


def temporary_roots() -> list[Path]:
    """Folders whose contents do not last: a dialog never opens in them nor remembers them."""
    roots = {Path(tempfile.gettempdir())}
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    if location:
        roots.add(Path(location))
    return [root.resolve() for root in roots]


def is_temporary(folder: Path) -> bool:
    folder = folder.resolve()
    return any(folder == root or root in folder.parents for root in temporary_roots())


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    documents = Path(location) if location else Path.home()
    return documents if documents.is_dir() else Path.home()


def _usable(folder: str | Path | None) -> Path | None:
    if not folder:
        return None
    path = Path(folder).expanduser()
    return path if path.is_dir() and not is_temporary(path) else None


def remembered_folder(purpose: str, fallback: str | Path | None = None) -> Path:
    """Where the last dialog for `purpose` was left; else `fallback`; else Documents."""
    return (_usable(user_settings().value(f"folders/{purpose}")) or _usable(fallback)
            or documents_folder())


def remember_folder(purpose: str, folder: Path) -> None:
    if _usable(folder) is not None:
        user_settings().setValue(f"folders/{purpose}", str(folder.resolve()))


def is_companion_file(name: str, *, backups_too: bool = True) -> bool:
    """SQLite's -wal/-shm/-journal files (never shown, never chosen) and mhdesk's database backups (shown
    only where a database is opened: a backup is a database that opens)."""
    return name.endswith(COMPANION_SUFFIXES) or (backups_too and bool(BACKUP_NAME.fullmatch(name)))


def held_open_here(path: Path) -> bool:
    """Whether this process holds `path` open already (as SQLite holds a database): compared by device and
    inode against this process's descriptors, which looks at no file's contents."""
    folder = Path("/proc/self/fd") if Path("/proc/self/fd").is_dir() else Path("/dev/fd")
    try:
        wanted = path.stat()
        descriptors = [int(name) for name in os.listdir(folder) if name.isdigit()]
    except OSError:
        return False
    for descriptor in descriptors:
        try:
            held = os.fstat(descriptor)
        except OSError:  # closed meanwhile
            continue
        if (held.st_dev, held.st_ino) == (wanted.st_dev, wanted.st_ino):
            return True
    return False


def touches_database(path: Path, database: Path | None, *, opens_database: bool = False) -> bool:
    """Whether `path` is an open database (the window's `database`, or any file SQLite holds open in this
    process) or one of their companion files; a dialog that `opens_database` may choose a database itself."""
    if is_companion_file(path.name, backups_too=not opens_database):
        return True
    if opens_database:
        return False
    return (database is not None and path.expanduser().resolve() == database.resolve()) or held_open_here(path)


class NameOnlyIconProvider(QFileIconProvider):
    """A folder or a file icon, and a type named after the suffix: never reads what a file holds.

    Qt's default provider asks the MIME database, which opens files whose names do not settle their
    type (a database's -wal and -shm among them) to sniff their contents.
    """

    def __init__(self):
        super().__init__()
        self.setOptions(QFileIconProvider.Option.DontUseCustomDirectoryIcons)

    def icon(self, what):
        if isinstance(what, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


class CompanionFilesHidden(QSortFilterProxyModel):
    """The folder as listed, less SQLite's companion files (and the database's backups unless `backups_shown`)."""

    def __init__(self, parent=None, backups_shown: bool = False):
        super().__init__(parent)
        self.backups_shown = backups_shown

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        return model.isDir(index) or not is_companion_file(model.fileName(index), backups_too=not self.backups_shown)


def file_dialog(parent: QWidget | None, caption: str, folder: Path, filters: str,
                backups_shown: bool = False) -> QFileDialog:
    """The one kind of file dialog the window shows (see the module's docstring)."""
    dialog = QFileDialog(parent, caption, str(folder), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    dialog.setIconProvider(NameOnlyIconProvider())
    dialog.setProxyModel(CompanionFilesHidden(dialog, backups_shown))
    for model in dialog.findChildren(QFileSystemModel):
        # A watcher opens each watched file on some systems (kqueue): the listing is read once instead.
        model.setOption(QFileSystemModel.Option.DontWatchForChanges, True)
        model.setOption(QFileSystemModel.Option.DontUseCustomDirectoryIcons, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    return dialog


def _refused(parent: QWidget | None, caption: str, path: Path) -> None:
    QMessageBox.warning(parent, caption, f"{path.name} belongs to the open database (or is one of its backups); "
                        "mhdesk reads and writes it only as a database. Choose another file.")


def _chosen(dialog: QFileDialog, caption: str, purpose: str, database: Path | None,
            allow_database: bool) -> list[Path]:
    """Show `dialog` until a usable choice or Cancel; remember its folder for `purpose`."""
    while dialog.exec() == QFileDialog.DialogCode.Accepted:
        paths = [Path(name) for name in dialog.selectedFiles()]
        refused = next((p for p in paths if touches_database(p, database, opens_database=allow_database)), None)
        if refused is None:
            remember_folder(purpose, paths[0] if paths[0].is_dir() else paths[0].parent)
            return paths
        _refused(dialog.parentWidget(), caption, refused)
    return []


def open_file_names(parent: QWidget | None, caption: str, purpose: str, filters: str, *,
                    database: Path | None = None, several: bool = False, fallback: str | Path | None = None,
                    opens_database: bool = False) -> list[Path]:
    """Existing files to open (one unless `several`); [] on Cancel.

    `database` is the open database file: it is refused unless the dialog `opens_database`.
    """
    dialog = file_dialog(parent, caption, remembered_folder(purpose, fallback), filters, opens_database)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if several else QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog, caption, purpose, database, opens_database)


def save_file_name(parent: QWidget | None, caption: str, purpose: str, filters: str, suggested_name: str = "", *,
                   database: Path | None = None, fallback: str | Path | None = None,
                   confirm_overwrite: bool = True) -> Path | None:
    """A file to write, suggested as `suggested_name` in the folder of `purpose`; None on Cancel."""
    dialog = file_dialog(parent, caption, remembered_folder(purpose, fallback), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if suggested_name:
        dialog.selectFile(suggested_name)
    chosen = _chosen(dialog, caption, purpose, database, False)
    return chosen[0] if chosen else None


def existing_folder(parent: QWidget | None, caption: str, purpose: str,
                    fallback: str | Path | None = None) -> Path | None:
    dialog = file_dialog(parent, caption, remembered_folder(purpose, fallback), "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _chosen(dialog, caption, purpose, None, False)
    return chosen[0] if chosen else None
