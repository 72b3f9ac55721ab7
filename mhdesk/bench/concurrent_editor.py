"""A separate process that saves one project at the same moment as another, for the concurrency bench and tests:
`python -m mhdesk.bench.concurrent_editor DATABASE CODE TITLE FOLDER`. It reads the project, says it is ready
(a file `ready-TITLE` in FOLDER), waits for `go` there, saves the new title and prints one JSON line."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mhdesk.core.connect import open_database
from mhdesk.core.errors import StaleRecord
from mhdesk.core.services import Services


def main(location: str, code: str, title: str, signals: str) -> None:
    db = open_database(location)
    services = Services(db)
    mine = services.projects.find(code)
    folder = Path(signals)
    (folder / f"ready-{title}").touch()
    deadline = time.monotonic() + 60
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    try:
        saved = services.projects.update(mine.copy(title=title))
        outcome = {"saved": True, "version": saved.version}
    except StaleRecord as exc:
        outcome = {"saved": False, "message": str(exc)}
    db.dispose()
    print(json.dumps(outcome))


if __name__ == "__main__":
    main(*sys.argv[1:5])
