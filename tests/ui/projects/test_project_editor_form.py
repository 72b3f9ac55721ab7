"""The project editor as a person meets it: quiet until typed in, reads amounts and dates as a return does and
says what it understood, and asks before a changed form is thrown away."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from ui_helpers import click_button, click_row, replace_text
from workbooks import return_workbook

from mhdesk.core.returns.read.reader import read_return

TYPED_BUDGETS = ["1.808.229,44 USD", "€ 45.500", "USD 85,000", "CHF 1'315'000.-", "2.8 million EUR"]


def type_text(edit: QLineEdit, text: str) -> None:
    """Type `text` key by key, as a keyboard (or an input method, for `€`) does."""
    edit.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def visible_messages(editor) -> list[str]:
    return [label.text() for label in editor.findChildren(QLabel)
            if label.property("role") == "error" and label.isVisible() and label.text()]


def new_editor(window, projects_view, qtbot):
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = projects_view.editor
    qtbot.waitUntil(editor.isVisible)
    return editor


def test_a_new_form_and_an_opened_project_show_no_error_before_anything_is_typed(window, projects_view, qtbot):
    editor = new_editor(window, projects_view, qtbot)
    assert visible_messages(editor) == []
    assert not editor.ok_button.isEnabled()  # nothing to save yet
    assert editor.ui.codeEdit.text() == "" and editor.ui.codeEdit.placeholderText() == "e.g. MA.0467"
    # hints look like hints: examples in the placeholder, never a value in the field
    fields = {edit.objectName(): edit for edit in editor.findChildren(QLineEdit) if edit.objectName()}
    for name in ("budgetEdit", "healthBudgetEdit", "startEdit", "endEdit", "extendedEdit"):
        assert fields[name].text() == "" and "e.g." in fields[name].placeholderText(), name
    assert editor.ui.budgetEdit.placeholderText() == "e.g. USD 85,000"
    qtbot.keyClicks(editor.ui.titleEdit, "A title")
    assert visible_messages(editor) == ['To save: Code: "" is not a project code like MA.0467.']
    editor.done(0)

    click_row(projects_view, "MA.0400")
    editor = projects_view.edit_selected()
    assert visible_messages(editor) == [] and editor.ok_button.isEnabled()
    assert editor.ui.budgetEdit.text() == "170,000" and editor.ui.budgetUnderstood.text() == "USD 170,000.00"
    assert editor.ui.startEdit.text() == "1 Jan 2017" and editor.ui.endUnderstood.text() == "31 Dec 2018"


@pytest.mark.parametrize("typed", TYPED_BUDGETS)
def test_a_budget_typed_as_in_a_return_is_understood_shown_and_saved_as_the_import_reads_it(
        typed, window, projects_view, services, qtbot, tmp_path):
    imported = read_return(return_workbook(tmp_path / "r.xlsx", projects=[
        {"Code": "MA.0467", "Title": "Typed budget", "Budget": typed}]), services.catalog).projects[0].data
    editor = new_editor(window, projects_view, qtbot)
    ui = editor.ui
    qtbot.keyClicks(ui.codeEdit, "MA.0467")
    qtbot.keyClicks(ui.titleEdit, "Typed budget")
    type_text(ui.budgetEdit, typed)
    # what was understood is shown under the field, and the currency the text names is the project's
    expected = f"{imported.currency} {imported.budget:,.2f}"
    assert ui.budgetUnderstood.isVisible() and ui.budgetUnderstood.text() == expected
    assert ui.currencyCombo.currentText() == imported.currency
    click_button(editor, "OK")
    saved = services.projects.find("MA.0467")
    assert (saved.budget, saved.currency) == (imported.budget, imported.currency)


def test_a_share_in_another_currency_is_refused_and_an_unreadable_amount_explained(window, projects_view, qtbot):
    editor = new_editor(window, projects_view, qtbot)
    ui = editor.ui
    qtbot.keyClicks(ui.budgetEdit, "USD 85,000")
    qtbot.keyClicks(ui.healthBudgetEdit, "EUR 5,000")
    assert ui.currencyCombo.currentText() == "USD"
    assert ui.healthBudgetError.text() == ('"EUR 5,000" is in EUR but the currency is USD; '
                                           "give one currency per project.")
    assert not ui.healthBudgetUnderstood.isVisible()
    replace_text(qtbot, ui.healthBudgetEdit, "about 5k")
    assert ui.healthBudgetError.text() == '"about 5k" is not an amount; write it like 85,000 or USD 1,808,229.44.'
    replace_text(qtbot, ui.healthBudgetEdit, "5.000")
    assert not ui.healthBudgetError.isVisible() and ui.healthBudgetUnderstood.text() == "USD 5,000.00"


@pytest.mark.parametrize(("typed_start", "typed_end", "start", "end"), [
    ("June 2019", "May 2020", date(2019, 6, 1), date(2020, 5, 31)),  # a month ends on its last day
    ("1.6.2019", "31.5.2020", date(2019, 6, 1), date(2020, 5, 31)),
    ("2019-06-01", "2020-05-31", date(2019, 6, 1), date(2020, 5, 31)),
])
def test_dates_typed_as_in_a_return_are_understood_and_shown(typed_start, typed_end, start, end,
                                                            window, projects_view, services, qtbot):
    click_row(projects_view, "MP.0280")
    editor = projects_view.edit_selected()
    ui = editor.ui
    replace_text(qtbot, ui.startEdit, typed_start)
    replace_text(qtbot, ui.endEdit, typed_end)
    replace_text(qtbot, ui.extendedEdit, "")
    assert ui.startUnderstood.text() == f"{start.day} {start:%b %Y}" and ui.startUnderstood.isVisible()
    assert ui.endUnderstood.text() == f"{end.day} {end:%b %Y}"
    assert not ui.extendedUnderstood.isVisible()
    click_button(editor, "OK")
    saved = services.projects.find("MP.0280")
    assert (saved.start, saved.end, saved.extended_to) == (start, end, None)


def test_a_date_that_cannot_be_read_says_how_to_write_one(window, projects_view, qtbot):
    editor = new_editor(window, projects_view, qtbot)
    qtbot.keyClicks(editor.ui.startEdit, "soon")
    assert editor.ui.startError.text() == '"soon" is not a date; write it like 2019-06-01, 1.6.2019 or June 2019.'
    assert not editor.ui.startUnderstood.isVisible()


def test_escape_on_a_changed_form_asks_and_keeps_it_open_when_told_to(window, projects_view, services, qtbot):
    click_row(projects_view, "MA.0400")
    editor = projects_view.edit_selected()
    replace_text(qtbot, editor.ui.titleEdit, "A title not saved")
    QTest.keyClick(editor.ui.titleEdit, Qt.Key.Key_Escape)
    question = editor.discard_question
    assert question is not None and question.isVisible() and question.text() == "Discard changes?"
    click_button(question, "Keep editing")
    assert editor.isVisible() and editor.ui.titleEdit.text() == "A title not saved"
    assert editor.discard_question is None

    editor.close()  # the window's close button asks the same
    click_button(editor.discard_question, "Discard")
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert projects_view.editor is None
    assert services.projects.find("MA.0400").title == "Health promotion for labour migrants and their families"
    assert window.undo_stack.count() == 0


def test_an_unchanged_form_closes_at_once(window, projects_view, qtbot):
    click_row(projects_view, "CS.0887")
    editor = projects_view.edit_selected()
    replace_text(qtbot, editor.ui.budgetEdit, "1")
    replace_text(qtbot, editor.ui.budgetEdit, "500,000.50")  # typed back as it was
    QTest.keyClick(editor.ui.budgetEdit, Qt.Key.Key_Escape)
    assert editor.discard_question is None
    qtbot.waitUntil(lambda: not editor.isVisible())

    editor = new_editor(window, projects_view, qtbot)
    QTest.keyClick(editor.ui.codeEdit, Qt.Key.Key_Escape)
    assert editor.discard_question is None
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_the_health_share_keeps_exact_cents(window, projects_view, services, qtbot):
    click_row(projects_view, "MA.0400")
    editor = projects_view.edit_selected()
    replace_text(qtbot, editor.ui.healthBudgetEdit, "12345.675")  # a third decimal rounds half up
    assert editor.ui.healthBudgetUnderstood.text() == "USD 12,345.68"
    click_button(editor, "OK")
    assert services.projects.find("MA.0400").health_budget == Decimal("12345.68")
