"""Noticing changes made elsewhere: another connection, another process; not this process's own."""

from __future__ import annotations

import subprocess
import sys
import time

from sqlalchemy import text

from mhdesk.core.change_watch import ChangeWatch, watch_changes
from mhdesk.core.connect import open_database
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import ProjectData


def project(code: str) -> ProjectData:
    return ProjectData(code=code, title=f"Project {code}", countries=["Serbia"])


def noticed(watch: ChangeWatch, seconds: float = 10.0) -> bool:
    """Whether the watch reports a change within `seconds`: PostgreSQL's notifications arrive a moment later."""
    deadline = time.monotonic() + seconds
    while True:
        if watch.changed_elsewhere():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def test_a_commit_from_another_connection_is_noticed_once(db):
    watch = watch_changes(db)
    try:
        assert not watch.changed_elsewhere()
        other = open_database(db.location)
        try:
            Services(other).projects.create(project("MA.0701"))
        finally:
            other.dispose()
        assert noticed(watch)
        if not db.is_sqlite:  # the other client's commits can arrive as notifications a moment apart
            time.sleep(0.5)
            watch.changed_elsewhere()
        assert not watch.changed_elsewhere()  # reported once
    finally:
        watch.close()


def test_a_commit_from_another_process_is_noticed(db, tmp_path):
    watch = watch_changes(db)
    try:
        script = ("import sys; from mhdesk.core.connect import open_database; from mhdesk.core.services import "
                  "Services; from mhdesk.core.services.project_records import ProjectData; "
                  "db = open_database(sys.argv[1]); Services(db).projects.create(ProjectData(code='MA.0702', "
                  "title='From elsewhere')); db.dispose()")
        subprocess.run([sys.executable, "-c", script, db.location], check=True, timeout=120)
        assert noticed(watch)
    finally:
        watch.close()


def test_own_writes_and_reads_are_not_changes_elsewhere(db, services):
    watch = watch_changes(db)
    try:
        created = services.projects.create(project("MA.0703"))
        services.projects.update(created.copy(title="Renamed"))
        services.projects.rows()
        assert not watch.changed_elsewhere()
        assert services.projects.find("MA.0703").title == "Renamed"
    finally:
        watch.close()


def test_a_change_elsewhere_is_not_hidden_by_an_own_write_after_it(db, services):
    watch = watch_changes(db)
    try:
        other = open_database(db.location)
        try:
            Services(other).projects.create(project("MA.0704"))
        finally:
            other.dispose()
        services.projects.create(project("MA.0705"))
        assert noticed(watch)
        if not db.is_sqlite:
            time.sleep(0.5)
            watch.changed_elsewhere()
        assert not watch.changed_elsewhere()
    finally:
        watch.close()


def test_a_closed_watch_no_longer_follows_commits(db, services):
    watch = watch_changes(db)
    watch.close()
    services.projects.create(project("MA.0706"))  # no listener left to call the closed connection
    assert services.projects.find("MA.0706") is not None


def test_a_backend_without_a_signal_reports_nothing():
    assert ChangeWatch().changed_elsewhere() is False


def test_reads_and_rolled_back_writes_elsewhere_are_not_changes(db, services):
    """Only a committed change set is announced: another client's reads and rolled-back writes are not."""
    services.projects.create(project("MA.0707"))
    watch = watch_changes(db)
    try:
        other = open_database(db.location)
        try:
            elsewhere = Services(other).projects
            elsewhere.rows()
            with other.engine.connect() as connection:
                connection.execute(text("UPDATE project SET title = 'Not kept'"))
                connection.rollback()
        finally:
            other.dispose()
        assert not watch.changed_elsewhere()
    finally:
        watch.close()
