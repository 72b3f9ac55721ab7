"""Writing into a folder that does not exist, and restoring a backup that is not there: one sentence, exit 2."""

from __future__ import annotations

import io

import pytest

from mhdesk.cli.common import EXIT_FILE
from mhdesk.cli.main import main


def test_an_export_into_a_missing_folder_names_the_folder(demo, tmp_path, capsys):
    target = tmp_path / "no such folder" / "directory.pdf"
    assert main(["--database", demo.location, "export", "directory", "--year", "2018", "-o", str(target)]) == EXIT_FILE
    err = capsys.readouterr().err
    assert err.strip() == f"mhdesk: The folder does not exist: {target.parent}."
    assert not target.parent.exists()


@pytest.mark.sqlite_only("backups are kept for SQLite files")
def test_restoring_a_missing_backup_is_refused_before_asking(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # a yes that must never be asked for
    assert main(["--database", db.location, "db", "restore", str(tmp_path / "missing.sqlite")]) == EXIT_FILE
    out, err = capsys.readouterr()
    assert "[y/N]" not in out
    assert err.strip() == f"mhdesk: There is no backup at {tmp_path / 'missing.sqlite'}; nothing was changed."
