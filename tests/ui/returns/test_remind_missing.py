"""Remind missing missions: a mail to the focal points of the missions whose return for a year has not arrived."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from return_helpers import apply_return, filled_return


@pytest.fixture
def window(demo_window):
    return demo_window


def test_the_reminder_goes_to_the_focal_points_of_missions_that_have_not_returned(window, services, tmp_path):
    apply_return(services.db, filled_return(services, tmp_path, "Albania", 2018, {"Health workers trained": 12}))
    window.records_bus.announce("returns")
    view = window.show_view("returns")
    view.ui.firstYearSpin.setValue(2018)
    assert view.select_cell("Serbia", 2018)

    reminder = view.reminder()

    assert "Albania" not in reminder.missions and "Serbia" in reminder.missions
    link = urlsplit(reminder.url)
    addresses = unquote(link.path).split(",")
    assert "lmarkovic@example.org" in addresses and "ajani@example.org" not in addresses
    assert len(addresses) == len(set(addresses))
    query = parse_qs(link.query)
    assert query["subject"] == ["Reminder: mission return for 2018"]
    assert "The migration health return for 2018 has not reached" in query["body"][0]
    assert "Serbia" in query["body"][0]
    assert "MARKOVIC Lidija <lmarkovic@example.org>" in reminder.addresses
