"""File > New return template…: a workbook for the chosen mission and year, written off the GUI thread."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from mhdesk.core.returns.template.naming import template_file_name
from tests.ui.ui_helpers import click_button


def return_sheet(path) -> dict:
    book = load_workbook(path, read_only=True)
    try:
        return {row[0]: row[1] for row in book["Return"].iter_rows(values_only=True) if row and row[0]}
    finally:
        book.close()


def open_template_dialog(window):
    window.ui.actionNewReturnTemplate.trigger()
    dialog = window.template_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_dialog_suggests_last_year_and_a_file_named_after_the_mission(window, tmp_path):
    dialog = open_template_dialog(window)
    assert dialog.ui.yearSpin.value() == date.today().year - 1
    assert dialog.ui.missionCombo.findText("Tajikistan") >= 0
    assert dialog.ui.missionCombo.findText("Afghanistan") < 0  # not a mission of the region
    dialog.ui.missionCombo.setCurrentText("Serbia")
    dialog.ui.yearSpin.setValue(2019)
    assert dialog.ui.pathEdit.text().endswith("Serbia return 2019.xlsx")
    assert template_file_name("Kosovo (UNSCR 1244)", 2019) == "Kosovo (UNSCR 1244) return 2019.xlsx"
    assert template_file_name("Bosnia/Herzegovina", 2019) == "Bosnia Herzegovina return 2019.xlsx"
    dialog.reject()


def test_the_template_is_written_with_the_chosen_mission(qtbot, window, tmp_path):
    dialog = open_template_dialog(window)
    target = tmp_path / "serbia.xlsx"
    dialog.set_choices("Serbia", 2019, target, prefill=True)
    click_button(dialog, "Write template")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert dialog.result() == dialog.DialogCode.Accepted
    sheet = return_sheet(target)
    assert sheet["Mission"] == "Serbia" and sheet["Year"] == 2019
    assert "serbia.xlsx" in window.ui.statusBar.currentMessage()
    book = load_workbook(target, read_only=True)
    codes = [row[0] for row in book["Projects"].iter_rows(min_row=2, values_only=True) if row and row[0]]
    book.close()
    assert codes == ["CS.0887"]  # pre-filled with the mission's project


def test_an_unknown_mission_or_a_bad_path_is_said_in_the_dialog(qtbot, window, tmp_path):
    dialog = open_template_dialog(window)
    dialog.set_choices("Atlantis", 2019, tmp_path / "a.xlsx")
    click_button(dialog, "Write template")
    assert dialog.isVisible() and "not a known mission" in dialog.ui.errorLabel.text()
    dialog.set_choices("Serbia", 2019, tmp_path / "no such folder" / "a.xlsx")
    click_button(dialog, "Write template")
    assert dialog.isVisible() and "does not exist" in dialog.ui.errorLabel.text()
    dialog.set_choices("Serbia", 2019, tmp_path / "a.csv")
    click_button(dialog, "Write template")
    assert "must be saved as an .xlsx workbook" in dialog.ui.errorLabel.text()
    assert not list(tmp_path.glob("*.xlsx"))
    dialog.reject()
