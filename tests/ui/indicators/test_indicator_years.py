"""The Indicators view's year list follows the data: a year just imported appears, and is shown when the view
was showing the latest year."""

from __future__ import annotations

from return_helpers import apply_return, filled_return, open_window

from mhdesk.core.services import Services


def test_a_newer_imported_year_appears_and_is_selected(qtbot, demo, tmp_path):
    window = open_window(qtbot, demo, tmp_path)
    view = window.show_view("indicators")
    qtbot.waitUntil(lambda: view.model.total_count > 0 and not view.is_loading, timeout=10000)
    combo = view.ui.yearCombo
    newest = max(combo.itemData(i) for i in range(combo.count()) if combo.itemData(i) is not None)
    combo.setCurrentIndex(combo.findData(newest))
    later = newest + 1
    path = filled_return(Services(demo), tmp_path, "Tajikistan", later, {"Primary health-care consultations": 42})
    apply_return(demo, path)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        window.records_bus.announce("indicators")
    assert combo.findData(later) >= 0 and combo.currentData() == later
    assert "42" in [view.model.index(r, 6).data() for r in range(view.model.rowCount())]
