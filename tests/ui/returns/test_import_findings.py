"""After the window applies a return, the indicator checks of the mission's figures are shown in the review,
the same ones `mhdesk import` prints, and each opens the Indicators grid at its cell."""

from __future__ import annotations

from return_helpers import filled_return

from mhdesk.core.services import Services
from mhdesk.ui.returns.return_files import APPLIED

PHC = "Primary health-care consultations"


def import_in_window(window, qtbot, path):
    flow = window.import_returns([path])
    qtbot.waitUntil(lambda: not flow.busy and flow.files[0].can_apply, timeout=20000)
    flow.apply(0)
    qtbot.waitUntil(lambda: not flow.busy and flow.files[0].state == APPLIED, timeout=20000)
    return flow


def test_the_checks_of_the_imported_figures_are_shown_and_open_the_grid_at_their_cell(demo_window, demo, qtbot,
                                                                                          tmp_path):
    services = Services(demo)
    # Armenia counted 20,096 consultations in 2023: a 2024 return says 999,999
    path = filled_return(services, tmp_path, "Armenia", 2024, {PHC: "999,999"})
    flow = import_in_window(demo_window, qtbot, path)
    expected = [f for f in services.indicators.findings(2024) if f.country == "Armenia"]
    assert [f.rule for f in expected] == ["change"]  # what `mhdesk import` prints after applying
    shown = flow.dialog.findings_text()
    assert shown == ["The checks of Armenia's 2024 figures found 1 warning: choose one to see its cell in the "
                     "Indicators grid.",
                     f"warning: {PHC}: 999,999 is 49.8 times the 2023 figure 20,096; please check"]
    assert flow.dialog.ui.showFindingButton.isVisibleTo(flow.dialog)

    flow.dialog.ui.showFindingButton.click()
    assert demo_window.current_key() == "indicators"
    view = demo_window.views["indicators"]
    assert view.grid_year() == 2024
    assert view.grid.model.key(view.ui.gridView.currentIndex()) == ("PHC_CONSULT", "Armenia")
    assert not flow.dialog.isVisible()  # nothing else was left to review


def test_figures_that_pass_every_check_are_said_to(demo_window, demo, qtbot, tmp_path):
    services = Services(demo)
    path = filled_return(services, tmp_path, "Armenia", 2024, {PHC: "21,000"})
    flow = import_in_window(demo_window, qtbot, path)
    assert [f for f in services.indicators.findings(2024) if f.country == "Armenia"] == []
    assert flow.dialog.findings_text() == ["The checks of Armenia's 2024 figures found nothing to look at."]
    assert not flow.dialog.ui.showFindingButton.isVisibleTo(flow.dialog)
