"""Budgets in a reporting currency: the rate valid at the project's start, and a missing rate said, not zeroed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mhdesk.core.errors import NotFound, StaleRecord, ValidationFailed
from mhdesk.core.services.exchange_rates import RateData, budgets_of, read_rate
from mhdesk.core.services.project_records import ProjectData


def project(services, code, budget, currency, start, health=None):
    services.projects.create(ProjectData(code=code, title=code, budget=Decimal(budget), currency=currency,
                                         health_budget=None if health is None else Decimal(health), start=start))


def test_a_eur_budget_converts_at_the_rate_valid_at_the_projects_start(services):
    rates = services.exchange_rates
    rates.add(RateData("EUR", date(2019, 1, 1), Decimal("1.14")))
    rates.add(RateData("EUR", date(2020, 1, 1), Decimal("1.12")))
    rates.add(RateData("EUR", date(2021, 1, 1), Decimal("1.22")))
    project(services, "MA.0467", "100000", "EUR", date(2020, 6, 1))
    project(services, "MA.0468", "50000", "USD", date(2020, 6, 1))
    project(services, "MP.0280", "3000000", "EUR", date(2019, 3, 1), health="290500")
    assert rates.rate_on("EUR", date(2020, 12, 31)) == Decimal("1.12")
    total = rates.total(budgets_of(services.projects.rows()))
    assert total.complete and total.currency == "USD"
    # 100,000 x 1.12 + 50,000 + the health share 290,500 x 1.14
    assert total.amount == Decimal("112000.00") + Decimal("50000.00") + Decimal("331170.00")


def test_a_missing_rate_is_named_by_currency_and_date_and_not_counted(services):
    services.exchange_rates.add(RateData("EUR", date(2021, 1, 1), Decimal("1.22")))
    project(services, "MA.0467", "100000", "EUR", date(2020, 6, 1))
    project(services, "MA.0469", "20000", "CHF", date(2022, 2, 1))
    project(services, "MA.0468", "50000", "USD", None)
    total = services.exchange_rates.total(budgets_of(services.projects.rows()))
    assert not total.complete and total.amount == Decimal("50000.00") and total.counted == ["MA.0468"]
    assert sorted(str(m) for m in total.missing) == ["no CHF rate on 2022-02-01 for MA.0469",
                                                      "no EUR rate on 2020-06-01 for MA.0467"]


def test_rates_are_listed_edited_against_their_version_and_deleted(services):
    rates = services.exchange_rates
    added = rates.add(RateData("chf", date(2023, 1, 1), Decimal("1.08")))
    assert (added.currency, added.version) == ("CHF", 1)
    with pytest.raises(ValidationFailed, match="already recorded"):
        rates.add(RateData("CHF", date(2023, 1, 1), Decimal("1.09")))
    with pytest.raises(ValidationFailed, match="ISO 4217"):
        rates.add(RateData("XYZ", date(2023, 1, 1), Decimal("1")))
    with pytest.raises(ValidationFailed, match="at most 8 decimals"):
        rates.add(RateData("GBP", date(2023, 1, 1), Decimal("1.123456789")))
    added.rate = Decimal("1.1")
    changed = rates.update(added)
    assert (changed.rate, changed.version) == (Decimal("1.1"), 2)
    with pytest.raises(StaleRecord):
        rates.update(added)
    rates.delete(changed.id, changed.version)
    assert rates.list() == []


def test_a_rate_is_read_as_typed_and_each_problem_named_by_its_field():
    typed = read_rate(" eur", "1 Jan 2023", "1,085")
    assert (typed.currency, typed.valid_from, typed.rate) == ("EUR", date(2023, 1, 1), Decimal("1.085"))
    assert read_rate("€", "2023-01-01", "0.92").rate == Decimal("0.92")  # exact: no float on the way
    with pytest.raises(ValidationFailed) as refused:
        read_rate("XYZ", "31/02/2023", "-1")
    assert [str(i) for i in refused.value.issues] == [
        'Currency: "XYZ" is not an ISO 4217 currency code', 'Valid from: "31/02/2023" is not a valid date',
        "Rate: is a number above 0"]
    with pytest.raises(ValidationFailed, match="Rate: is a number above 0"):
        read_rate("CHF", "2023-01-01", "0")
    with pytest.raises(ValidationFailed, match='Rate: "about 1" is not a number'):
        read_rate("CHF", "2023-01-01", "about 1")
    with pytest.raises(ValidationFailed, match="Currency: is the reporting currency itself"):
        read_rate("USD", "2023-01-01", "1")


def test_set_replaces_the_rate_of_that_date_and_remove_takes_it_off(services):
    rates = services.exchange_rates
    first, before = rates.set(read_rate("EUR", "2023-01-01", "1.07"))
    assert before is None and first.version == 1
    changed, before = rates.set(read_rate("EUR", "2023-01-01", "1.09"))
    assert before.rate == Decimal("1.07") and (changed.id, changed.rate, changed.version) == (first.id,
                                                                                             Decimal("1.09"), 2)
    assert rates.find("EUR", date(2023, 1, 1)).rate == Decimal("1.09")
    removed = rates.remove("eur", date(2023, 1, 1))
    assert removed.rate == Decimal("1.09") and rates.list() == [] and rates.find("EUR", date(2023, 1, 1)) is None
    with pytest.raises(NotFound, match="No EUR rate from 2023-01-01 is recorded"):
        rates.remove("EUR", date(2023, 1, 1))
