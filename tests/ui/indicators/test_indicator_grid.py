"""The Indicators grid on the demo: typing, Enter, pasting a block, figures that do not parse, undo, the
breakdown, findings, the year before, the sub-region filter, completeness and printing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from mhdesk.core.indicators.exact import shown
from mhdesk.core.services.indicator_cells import TOTAL
from mhdesk.ui.indicators.grid_model import ERROR_BACKGROUND, PartsRole

YEAR = 2023


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def view(window):
    return window.show_view("indicators")


def total_shown(view, code: str) -> str:
    model = view.grid.model
    column = [i.code for i in model.grid.indicators].index(code)
    return model.index(model.rowCount() - 1, column).data()


def regional_total(services, code: str) -> Decimal | None:
    return next(t.value for t in services.indicators.totals(YEAR) if t.indicator_code == code)


def go_to(view, code: str, country: str):
    index = view.grid.model.index_of(code, country)
    view.ui.gridView.setCurrentIndex(index)
    view.ui.gridView.setFocus()
    return index


def test_typing_into_a_cell_changes_the_total_and_undo_puts_it_back(window, view, services, qtbot):
    assert view.grid_year() == YEAR and total_shown(view, "PHC_CONSULT") == "273,284"  # the published total
    index = go_to(view, "PHC_CONSULT", "Serbia")
    QTest.keyClick(view.ui.gridView, "1")  # typing starts the edit, in an editor that takes the focus
    editor = QApplication.focusWidget()
    assert editor is not view.ui.gridView and editor.text() == "1"
    QTest.keyClicks(editor, ".500")  # read as in returns: 1500
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the edit ends once the event loop turns
    qtbot.waitUntil(lambda: view.ui.gridView.state() == QAbstractItemView.State.NoState)
    assert services.indicator_cells.read("PHC_CONSULT", "Serbia", YEAR).values == {TOTAL: Decimal(1500)}
    assert total_shown(view, "PHC_CONSULT") == "274,784" == shown(regional_total(services, "PHC_CONSULT"))
    assert view.grid.model.index(index.row(), index.column()).data() == "1,500"
    assert view.ui.gridView.currentIndex().row() == index.row() + 1  # Enter moved down, as in a spreadsheet
    assert window.ui.actionUndo.text() == "&Undo Enter a figure (Serbia, 2023)"
    window.undo_stack.undo()
    assert services.indicator_cells.read("PHC_CONSULT", "Serbia", YEAR).values == {}
    assert total_shown(view, "PHC_CONSULT") == "273,284"
    window.undo_stack.redo()
    assert total_shown(view, "PHC_CONSULT") == "274,784"


def test_a_3x4_block_pastes_as_one_undo_step(window, view, services):
    codes = ["REFERRALS", "HEALTH_ASSESS", "VACCINE_DOSES", "MED_ESCORTS"]
    countries = ["Albania", "Armenia", "Azerbaijan"]
    before = {(c, k): services.indicator_cells.read(c, k, YEAR).values for c in codes for k in countries}
    go_to(view, codes[0], countries[0])
    steps = window.undo_stack.count()
    QGuiApplication.clipboard().setText("1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t1,200\r\n")  # as Excel copies it
    QTest.keySequence(view.ui.gridView, "Ctrl+V")
    assert window.undo_stack.count() == steps + 1
    pasted = [[services.indicator_cells.read(c, k, YEAR).values.get(TOTAL) for c in codes] for k in countries]
    assert pasted == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 1200]]
    for code in codes:
        assert total_shown(view, code) == shown(regional_total(services, code))
    selected = view.ui.gridView.selectionModel().selectedIndexes()
    assert len(selected) == 12  # the pasted block is selected
    window.undo_stack.undo()
    assert {(c, k): services.indicator_cells.read(c, k, YEAR).values for c in codes for k in countries} == before


def test_a_cell_that_does_not_parse_is_named_and_nothing_is_written(window, view, services):
    rows = services.indicators.rows(YEAR)
    go_to(view, "PHC_CONSULT", "Serbia")
    steps = window.undo_stack.count()
    assert not view.grid.paste("12\tabout 50\r\n7\t-3\r\n")
    text = view.grid.message.text()
    assert text.startswith("Nothing was written: 2 figures cannot be stored.")
    assert ('Specialised medical consultations, Serbia 2023 (row 1, column 2 of the pasted block): "about 50" is '
            "not a number") in text
    assert "Specialised medical consultations, Tajikistan 2023 (row 2, column 2 of the pasted block)" in text
    assert services.indicators.rows(YEAR) == rows and window.undo_stack.count() == steps
    view.grid.message.close()


def test_a_selection_copies_out_as_a_block(view):
    model = view.grid.model
    first = go_to(view, "FACILITIES", "Türkiye")
    last = model.index(first.row() + 1, first.column() + 1)
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view.ui.gridView.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.Select)
    assert view.copy_selection() == 4
    assert QGuiApplication.clipboard().text() == "120\t15\r\n\t1\r\n"  # Türkiye, Turkmenistan; plain numbers


def test_the_breakdown_opens_on_a_marked_cell_and_a_disagreement_is_found(window, view, services, qtbot):
    index = view.grid.model.index_of("PHC_CONSULT", "Ukraine")
    assert index.data(PartsRole)  # the demo gives Ukraine's consultations by sex
    view.ui.gridView.scrollTo(index)
    rect = view.ui.gridView.visualRect(index)
    QTest.mouseClick(view.ui.gridView.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click
    QTest.mouseDClick(view.ui.gridView.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # starts as one
    dialog = view.grid.breakdown
    assert dialog is not None and dialog.part("", "").text() == "83219"
    assert (dialog.part("male", "").text(), dialog.part("female", "").text()) == ("24175", "59044")
    dialog.part("female", "").setText("59,000")
    dialog.accept()
    assert services.indicator_cells.read("PHC_CONSULT", "Ukraine", YEAR).values[("female", "")] == Decimal(59000)
    findings = [view.ui.findingsList.item(i).text() for i in range(view.ui.findingsList.count())]
    assert any(f.startswith("Ukraine · Primary health-care consultations: the total 83,219 is not the sum")
               for f in findings)
    assert view.grid.model.index_of("PHC_CONSULT", "Ukraine").data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    view.ui.findingsList.setCurrentRow(0)
    window.undo_stack.undo()
    assert services.indicator_cells.read("PHC_CONSULT", "Ukraine", YEAR).values[("female", "")] == Decimal(59044)


def test_the_year_before_the_subregion_filter_and_the_totals_of_all(view):
    view.ui.previousCheck.setChecked(True)
    text = view.grid.model.index_of("PHC_CONSULT", "Türkiye").data()
    assert text.startswith("133,927\n2022: ")
    assert total_shown(view, "PHC_CONSULT").startswith("273,284\n2022: ")
    combo = view.ui.subregionCombo
    combo.setCurrentIndex(combo.findData("Central Asia"))
    countries = view.grid.model.grid.countries
    assert "Tajikistan" in countries and "Türkiye" not in countries
    assert total_shown(view, "PHC_CONSULT").startswith("273,284")  # the regional total stays that of all


def test_completeness_names_the_missions_without_figures_and_writes_their_templates(view, qtbot, tmp_path):
    view.ui.tabs.setCurrentWidget(view.ui.completenessPage)
    completeness = view.completeness.model.completeness
    missing = completeness.missing_missions()
    assert missing and view.ui.completenessLabel.text().endswith(f"nothing yet from {', '.join(missing)}.")
    row = completeness.missions.index(missing[0])
    assert view.completeness.model.index(row, len(completeness.indicators)).data() == \
        f"0 of {len(completeness.indicators)}"
    dialog = view.completeness.write_missing_templates()
    dialog.ui.folderEdit.setText(str(tmp_path / "templates"))
    missions = dialog.choice().missions
    dialog.accept()
    qtbot.waitUntil(lambda: view.completeness.job is None, timeout=20000)
    assert len(list((tmp_path / "templates").glob("*.xlsx"))) == len(missions) > 0


def test_print_renders_the_indicator_report(view, tmp_path):
    path = view.write_pdf(tmp_path / "report.pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Indicator report 2023" in text and "273,284" in text
