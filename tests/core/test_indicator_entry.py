"""Figures typed or pasted into the grid: read as in returns, every bad one named with its place, nothing half-read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mhdesk.core.errors import ValidationFailed
from mhdesk.core.services.indicator_cells import TOTAL, CellValues
from mhdesk.core.services.indicator_entry import TypedFigure, split_block


def test_a_block_copied_from_a_spreadsheet_splits_into_rows_and_cells():
    assert split_block("1\t2\t3\r\n4\t\t6\r\n") == [["1", "2", "3"], ["4", "", "6"]]
    assert split_block("83,219") == [["83,219"]]
    assert split_block("1\n\n2\n") == [["1"], [""], ["2"]]


def test_figures_are_read_as_in_returns_and_only_changed_cells_come_back(services):
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(10),
                                                                               ("female", ""): Decimal(4)})])
    before, after = services.indicator_entry.cells_for(2023, [
        TypedFigure("PHC_CONSULT", "Serbia", "83.219"), TypedFigure("PHC_CONSULT", "Ukraine", "1 200"),
        TypedFigure("REFERRALS", "Ukraine", "")])  # empty where nothing is: no change
    assert [(c.country, c.values) for c in after] == [
        ("Serbia", {TOTAL: Decimal(83219), ("female", ""): Decimal(4)}), ("Ukraine", {TOTAL: Decimal(1200)})]
    assert before[0].values[TOTAL] == Decimal(10) and before[1].values == {}
    cleared = services.indicator_entry.cells_for(2023, [TypedFigure("PHC_CONSULT", "Serbia", "")])[1]
    assert cleared[0].values == {("female", ""): Decimal(4)}  # the stated total goes, the parts stay


def test_every_figure_that_cannot_be_stored_is_named_and_nothing_comes_back(services):
    with pytest.raises(ValidationFailed) as raised:
        services.indicator_entry.cells_for(2023, [
            TypedFigure("PHC_CONSULT", "Serbia", "12"),
            TypedFigure("PHC_CONSULT", "Ukraine", "about 50", "row 2, column 1 of the pasted block"),
            TypedFigure("REFERRALS", "Ukraine", "-3"), TypedFigure("REFERRALS", "Serbia", "2.5")])
    assert [str(issue) for issue in raised.value.issues] == [
        'Primary health-care consultations, Ukraine 2023 (row 2, column 1 of the pasted block): "about 50" is not '
        'a number',
        'Referrals for care, Ukraine 2023: "-3" is negative; a number of zero or more is expected',
        "Referrals for care, Serbia 2023: 2.5 has a fractional part, but this indicator counts whole things"]
    assert services.indicators.rows(2023) == []


def test_a_breakdown_is_read_part_by_part_and_an_empty_part_goes(services):
    current = services.indicator_cells.read("PHC_CONSULT", "Serbia", 2023)
    wanted = services.indicator_entry.with_parts(current, {TOTAL: "83,219", ("male", ""): "24 175",
                                                           ("female", ""): "59.044", ("", "children"): ""})
    assert wanted.values == {TOTAL: Decimal(83219), ("male", ""): Decimal(24175), ("female", ""): Decimal(59044)}
    assert [f.rule for f in services.indicator_cells.save([wanted])] == ["no_project"]  # the parts add up
    with pytest.raises(ValidationFailed) as raised:
        services.indicator_entry.with_parts(current, {TOTAL: "x", ("female", "children"): "1.5"})
    assert [str(i) for i in raised.value.issues] == [
        'Total: "x" is not a number',
        "Female children: 1.5 has a fractional part, but this indicator counts whole things"]
