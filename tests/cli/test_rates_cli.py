"""`mhdesk rates`: list, set and remove the dated exchange rates of a real database file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.services import Services


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rates_in(path) -> list[tuple[str, date, Decimal]]:
    db = open_database(path)
    try:
        return [(r.currency, r.valid_from, r.rate) for r in Services(db).exchange_rates.list()]
    finally:
        db.dispose()


def test_rates_are_set_listed_changed_and_removed(capsys, demo_db_path):
    base = ("--database", str(demo_db_path), "rates")
    code, out, err = run(capsys, *base, "set", "eur", "1 Jan 2023", "1,085")
    assert code == 0, err
    assert out.strip() == "EUR from 2023-01-01: 1 EUR = 1.085 USD."
    assert run(capsys, *base, "set", "CHF", "2022-07-01", "1.05")[0] == 0
    code, out, _ = run(capsys, *base, "set", "EUR", "2023-01-01", "1.09")
    assert code == 0 and out.strip() == "EUR from 2023-01-01: 1 EUR = 1.09 USD (was 1.085)."
    assert rates_in(demo_db_path) == [("CHF", date(2022, 7, 1), Decimal("1.05")),
                                      ("EUR", date(2023, 1, 1), Decimal("1.09"))]

    code, out, _ = run(capsys, *base, "list", "--format", "csv")
    assert code == 0 and list(csv.DictReader(io.StringIO(out))) == [
        {"currency": "CHF", "valid_from": "2022-07-01", "rate": "1.05", "reporting_currency": "USD"},
        {"currency": "EUR", "valid_from": "2023-01-01", "rate": "1.09", "reporting_currency": "USD"}]
    code, out, _ = run(capsys, *base, "list", "--format", "json")
    assert code == 0 and [r["currency"] for r in json.loads(out)] == ["CHF", "EUR"]
    code, out, _ = run(capsys, *base, "list")
    assert code == 0 and out.splitlines()[0].split() == ["currency", "valid_from", "rate", "reporting_currency"]
    assert out.rstrip().endswith("(2 rows)")

    code, out, _ = run(capsys, *base, "remove", "EUR", "2023-01-01")
    assert code == 0 and out.strip() == "Removed the EUR rate from 2023-01-01 (1.09)."
    assert rates_in(demo_db_path) == [("CHF", date(2022, 7, 1), Decimal("1.05"))]


def test_bad_rates_are_named_and_nothing_is_written(capsys, demo_db_path):
    base = ("--database", str(demo_db_path), "rates")
    code, out, err = run(capsys, *base, "set", "XYZ", "2023-13-01", "0")
    assert code == 1 and out == ""
    assert err.strip() == ('mhdesk: Currency: "XYZ" is not an ISO 4217 currency code; '
                           'Valid from: "2023-13-01" is not a date; Rate: is a number above 0')
    code, _, err = run(capsys, *base, "remove", "GBP", "2023-01-01")
    assert code == 1 and err.strip() == "mhdesk: No GBP rate from 2023-01-01 is recorded."
    assert rates_in(demo_db_path) == []


def test_a_missing_database_is_not_created_by_setting_a_rate(capsys, tmp_path):
    missing = tmp_path / "typo.sqlite"
    code, _, err = run(capsys, "--database", str(missing), "rates", "set", "EUR", "2023-01-01", "1.1")
    assert code == 2 and "no database" in err and not missing.exists()
