"""Where the database is: the one given, the environment's, or the default file in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DatabaseError

ENV_VAR = "MHDESK_DATABASE_URL"


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mhdesk", appauthor=False)) / "mhdesk.sqlite"


def database_target(path_or_url: str | os.PathLike | None = None) -> str:
    """The path or URL to open: the one given, else the environment's, else the default file."""
    return os.fspath(path_or_url or os.environ.get(ENV_VAR) or default_database_path())


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_file(target: str) -> Path:
    """The absolute path of the SQLite file a target that is no URL names."""
    try:
        return Path(target).expanduser().resolve()
    except RuntimeError as exc:  # "~someone/..." of a user this computer does not have, or no home folder at all
        raise DatabaseError(f"The database path {target} starts with a home folder this computer does not have.") \
            from exc
