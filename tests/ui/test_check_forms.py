"""The offscreen start that CI runs on an installed wheel builds the window and every form shipped."""

from __future__ import annotations

import subprocess
import sys

from mhdesk.bundled import form_names
from mhdesk.ui.check_forms import check_forms


def test_every_view_dialog_and_form_is_built(qapp, tmp_path):
    built = check_forms(tmp_path)
    assert "main window" in built
    assert {"view projects", "view returns", "dialog ProjectEditor", "dialog TemplateDialog"} <= set(built)
    assert [line for line in built if line.startswith("form ")] == [f"form {name}" for name in form_names()]
    assert "projects/editor.ui" in form_names() and "main_window.ui" in form_names()
    assert {p.name for p in tmp_path.iterdir()} <= {"check.sqlite", "settings.ini"}  # all in its folder, closed


def test_the_module_runs_offscreen_and_exits_0(tmp_path):
    env_home = tmp_path / "home"
    result = subprocess.run([sys.executable, "-m", "mhdesk.ui.check_forms"], capture_output=True, text=True,
                            timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(env_home),
                                              "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(env_home)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("parts of the window built from their forms.")
    assert not env_home.exists()  # nothing written for the user
