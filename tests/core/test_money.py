"""One reading of money: the same typed amount gives the same Decimal wherever it is read, one rounding rule,
one list of currencies, and prefilled templates that carry amounts exactly."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from workbooks import return_workbook

from mhdesk.core.models.base import Money
from mhdesk.core.parsing import (
    CURRENCY_CODES,
    Amount,
    ParseError,
    format_amount,
    parse_amount,
    parse_currency,
    round_amount,
)
from mhdesk.core.returns import layout
from mhdesk.core.returns.read.reader import read_return
from mhdesk.core.returns.template.writer import write_template
from mhdesk.core.services.project_records import ProjectData
from mhdesk.core.services.project_rules import check_project

TYPED_BUDGETS = {
    "1.808.229,44 USD": Amount(Decimal("1808229.44"), "USD"),
    "€ 45.500": Amount(Decimal("45500.00"), "EUR"),
    "USD 85,000": Amount(Decimal("85000.00"), "USD"),
    "CHF 1'315'000.-": Amount(Decimal("1315000.00"), "CHF"),
    "2.8 million EUR": Amount(Decimal("2800000.00"), "EUR"),
    "TJS 1600.125": Amount(Decimal("1600.13"), "TJS"),
}


def test_the_import_reads_each_typed_budget_as_the_parser_does(tmp_path, services):
    rows = [{"Code": f"MA.{index:04d}", "Title": "A project", "Budget": typed}
            for index, typed in enumerate(TYPED_BUDGETS, start=1)]
    path = return_workbook(tmp_path / "typed.xlsx", projects=rows)
    parsed = read_return(path, services.catalog)
    assert [p for p in parsed.problems if p.severity == "error"] == []
    read = {row["Budget"]: Amount(p.data.budget, p.data.currency) for row, p in zip(rows, parsed.projects)}
    assert read == {typed: parse_amount(typed) for typed in TYPED_BUDGETS} == TYPED_BUDGETS


@pytest.mark.parametrize(("exact", "rounded"), [
    ("0.125", "0.13"), ("2.675", "2.68"), ("0.124999", "0.12"), ("1000", "1000.00"), ("0.005", "0.01"),
])
def test_one_rounding_rule_for_the_parser_and_the_database_column(exact, rounded):
    assert round_amount(Decimal(exact)) == Decimal(rounded)
    assert parse_amount(Decimal(exact)).value == Decimal(rounded)
    column = Money()
    stored = column.process_bind_param(Decimal(exact), None)
    assert column.process_result_value(stored, None) == Decimal(rounded)


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False,
                      allow_infinity=False)


@given(value=amounts, currency=st.sampled_from(sorted(CURRENCY_CODES)) | st.none())
def test_a_formatted_amount_reads_back_the_same(value, currency):
    shown = format_amount(value, currency)
    assert parse_amount(shown) == Amount(value, currency)


@given(value=amounts, currency=st.sampled_from(["USD", "EUR", "CHF"]))
def test_a_european_written_amount_reads_back_the_same(value, currency):
    whole, cents = f"{value:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    assert parse_amount(f"{grouped},{cents} {currency}") == Amount(value, currency)


def test_currencies_are_iso_4217_codes():
    assert {"USD", "EUR", "CHF", "GBP", "TJS", "UAH", "MDL", "GEL", "KZT", "RSD", "HRK"} <= CURRENCY_CODES
    assert parse_currency(" eur ") == "EUR" and parse_currency("€") == "EUR"
    for not_money in ("XAU", "XXX", "XTS", "ABC"):
        assert not_money not in CURRENCY_CODES
        with pytest.raises(ParseError, match="not a known currency"):
            parse_currency(not_money)
    with pytest.raises(ParseError, match='unknown currency "ABC"'):
        parse_amount("ABC 100")


def test_the_project_rules_accept_only_listed_currencies():
    base = ProjectData(code="MA.0467", title="A project", budget=Decimal("100.00"))
    assert check_project(base.copy(currency="TJS")) == []
    issues = check_project(base.copy(currency="ABC"))
    assert [(i.field, i.message) for i in issues] == [
        ("Currency", '"ABC" is not an ISO currency code such as USD, EUR or CHF')]


def _sheet_xml(path, title: str) -> str:
    book = openpyxl.load_workbook(path)
    index = book.sheetnames.index(title) + 1
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def test_a_prefilled_template_carries_amounts_exactly(tmp_path, services):
    # each of these is written as e.g. 631.1900000000001 by a writer that goes through float
    budgets = [Decimal("631.19"), Decimal("96857.15"), Decimal("9676222935.78"), Decimal("1808229.44"),
               Decimal("170000.00")]
    for index, budget in enumerate(budgets, start=1):
        services.projects.create(ProjectData(
            code=f"MA.{index:04d}", title="A project", budget=budget, currency="USD",
            health_budget=(budget / 4).quantize(Decimal("0.01")), countries=["Tajikistan"],
            start=date(2024, 1, 1)))
    path = write_template(services, "Tajikistan", 2024, tmp_path / "TJ.xlsx", prefill=True)

    sheet = openpyxl.load_workbook(path)[layout.PROJECTS.name]
    headers = [cell.value for cell in sheet[1]]
    budget_column = headers.index("Budget") + 1
    health_column = headers.index("Health budget") + 1
    read_back = {}
    for row in range(2, sheet.max_row + 1):
        budget = sheet.cell(row=row, column=budget_column)
        health = sheet.cell(row=row, column=health_column)
        assert budget.data_type == "n" and budget.number_format == "#,##0.00"
        assert health.number_format == "#,##0.00"
        read_back[sheet.cell(row=row, column=1).value] = (Decimal(str(budget.value)), Decimal(str(health.value)))
    assert read_back == {f"MA.{i:04d}": (b, (b / 4).quantize(Decimal("0.01"))) for i, b in enumerate(budgets, 1)}

    # in the file itself, each number is written with exactly its own digits
    xml = _sheet_xml(path, layout.PROJECTS.name)
    letter = openpyxl.utils.get_column_letter(budget_column)
    written = [Decimal(v) for v in re.findall(rf'<c r="{letter}\d+"[^>]*><v>([^<]*)</v>', xml)]
    assert written == budgets

    # and the template imported unchanged reads the same amounts
    parsed = read_return(path, services.catalog)
    assert {p.data.code: p.data.budget for p in parsed.projects} == {
        f"MA.{i:04d}": b for i, b in enumerate(budgets, 1)}
