"""mhdesk killed (SIGKILL) in the middle of an import, a backup and a restore: the database opens, passes
integrity_check and holds the state before or after the command, never a mix; no cut copy is ever listed."""

from __future__ import annotations

import pytest

from mhdesk.bench.crash_points import SCENARIOS, integrity, prepare_database, run_scenario
from mhdesk.core.connect import open_database
from mhdesk.core.recovery import list_backups


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return prepare_database(tmp_path_factory.mktemp("crash") / "template.sqlite")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_a_command_killed_half_way_leaves_a_sound_database_in_one_state(scenario, template, tmp_path):
    outcome = run_scenario(scenario, tmp_path, template)
    assert outcome.survived, outcome.detail
    assert outcome.state == "before"  # killed inside the transaction: none of it was written
    killed = tmp_path / f"{scenario.name}-killed" / "office.sqlite"
    db = open_database(killed)
    db.dispose()
    assert integrity(killed) == "ok"


def test_a_backup_cut_short_is_never_listed_nor_offered(template, tmp_path):
    backup = next(s for s in SCENARIOS if s.name == "backup")
    run_scenario(backup, tmp_path, template)
    folder = tmp_path / "backup-killed" / "backups"
    assert list(folder.glob(".*.partial"))  # what the killed process was writing is still there...
    assert list_backups(folder.parent / "office.sqlite") == []  # ...but it is no backup
