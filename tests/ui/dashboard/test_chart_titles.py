"""A chart narrower than its title wraps the title instead of widening the plot past its own edge (which cut
off the right end of the bars and of the axis)."""

from __future__ import annotations

from decimal import Decimal

from mhdesk.ui.dashboard.charts import TITLE_LINES, Bar, BarChart, LineChart

TITLE = "Budgets of the projects active in 2023 by donor, in USD"


def _shown_in_full(qtbot, chart) -> None:
    """The plot (title, axes, bars) no wider than the chart shows, once the layout has settled."""
    qtbot.waitUntil(lambda: chart.plot_item.geometry().width() <= chart.plot.viewport().width() + 1)


def test_a_long_title_wraps_and_the_bars_stay_inside(qtbot):
    chart = BarChart(TITLE)
    qtbot.addWidget(chart)
    chart.resize(360, 280)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_bars([Bar("Bureau of International Narcotics and Law Enforcement", Decimal(250000), 1),
                    Bar("UK Government", Decimal(1030928), 2)])
    qtbot.waitUntil(lambda: len(chart.title_lines) > 1)
    assert 1 < len(chart.title_lines) <= TITLE_LINES
    _shown_in_full(qtbot, chart)

    chart.resize(1000, 280)  # room again: one line, the whole title
    qtbot.waitUntil(lambda: chart.title_lines == [TITLE])
    _shown_in_full(qtbot, chart)


def test_a_line_chart_wraps_its_title_too(qtbot):
    chart = LineChart("Primary health-care consultations, regional total by year")
    qtbot.addWidget(chart)
    chart.resize(420, 240)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_points([(2021, Decimal(100)), (2022, None), (2023, Decimal(273284))])
    qtbot.waitUntil(lambda: len(chart.title_lines) > 1)
    assert " ".join(chart.title_lines) == chart.title
    _shown_in_full(qtbot, chart)

    chart.resize(220, 240)  # too narrow for the whole title in two lines: the second ends cut
    qtbot.waitUntil(lambda: chart.title_lines[-1].endswith("…"))
    assert len(chart.title_lines) == TITLE_LINES
    _shown_in_full(qtbot, chart)
