"""The whole import command on every bad workbook of the corpus: a located message or one
sentence, the documented exit code, no traceback, and the database files byte for byte as before."""

from __future__ import annotations

import hashlib

import pytest
from test_bad_workbooks import CASES, Refused

from mhdesk.cli.common import EXIT_FILE, EXIT_INPUT
from mhdesk.cli.main import main

pytestmark = pytest.mark.sqlite_only("compares the database file and the files beside it")

def database_fingerprint(db) -> str:
    """The SQLite file and its write-ahead log: a write would show in either."""
    digest = hashlib.sha256()
    for path in (db.file, db.file.with_name(db.file.name + "-wal")):
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


@pytest.mark.parametrize("name", list(CASES))
def test_import_of_a_bad_workbook_writes_nothing(name, tmp_path, db, capsys):
    build, expected = CASES[name]
    path = build(tmp_path / "return.xlsx")
    db.dispose()  # every connection closed: the file alone holds the records
    before = database_fingerprint(db)
    siblings_before = sorted(p.name for p in db.file.parent.iterdir())

    code = main(["--database", str(db.file), "import", str(path), "--yes"])
    out, err = capsys.readouterr()

    assert "Traceback" not in out + err
    if isinstance(expected, Refused):
        assert code == EXIT_FILE
        assert expected.phrase in err and len(err.strip().splitlines()) == 1
    else:
        assert expected.phrase in out + err
    if getattr(expected, "severity", "error") == "warning":
        return  # a return with warnings only is imported: that is its purpose
    assert code == EXIT_INPUT or isinstance(expected, Refused)
    assert database_fingerprint(db) == before
    # no backup copy either: nothing was about to be written
    assert sorted(p.name for p in db.file.parent.iterdir()) == siblings_before
