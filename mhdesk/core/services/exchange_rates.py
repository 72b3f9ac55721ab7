"""Dated exchange rates, and project budgets totalled in one reporting currency with them.

The rate that converts a project's budget is the latest of its currency pair dated on or
before the project's start. A budget that needs a rate the table does not have is never
counted as 0: the total says which currency and date it lacks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..database import Database
from ..errors import Issue, NotFound, StaleRecord, ValidationFailed
from ..models import ExchangeRate
from ..models.exchange_rates import RATE_PLACES
from ..parsing.amounts import round_amount
from ..parsing.currencies import currency_code
from ..parsing.dates import parse_date
from ..parsing.errors import ParseError
from ..parsing.numbers import decimal_from_digits
from ..parsing.text import clean_text
from .row_audit import record_rows, row_of

DEFAULT_REPORTING_CURRENCY = "USD"


@dataclass
class RateData:
    currency: str
    valid_from: date
    rate: Decimal  # one `currency` is worth `rate` `reporting_currency`
    reporting_currency: str = DEFAULT_REPORTING_CURRENCY
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class MissingRate:
    currency: str
    on: date | None  # None: the project has no start date to choose a rate by
    projects: tuple[str, ...]

    def __str__(self) -> str:
        when = f"on {self.on.isoformat()}" if self.on else "(no start date)"
        return f"no {self.currency} rate {when} for {', '.join(self.projects)}"


@dataclass
class BudgetTotal:
    """Budgets converted and added up; `missing` lists what could not be converted (and is not in `amount`)."""

    currency: str
    amount: Decimal = Decimal("0.00")
    counted: list[str] = field(default_factory=list)  # project codes
    missing: list[MissingRate] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Budget:
    """What converting a budget needs: the project's code, amount, currency and start."""

    code: str
    amount: Decimal
    currency: str
    start: date | None


def budgets_of(projects: Iterable, *, health_share: bool = True) -> list[Budget]:
    """The budgets of project rows (`ProjectRow`) that have one: the health share where the project gives one
    (`health_share`), else the whole budget."""
    budgets = []
    for project in projects:
        amount = project.health_budget if health_share and project.health_budget is not None else project.budget
        if amount is not None and project.currency:
            budgets.append(Budget(project.code, amount, project.currency, project.start))
    return budgets


class RateTable:
    """Every rate into one reporting currency, read once: converts many budgets without a query each."""

    def __init__(self, reporting_currency: str, rates: Iterable[tuple[str, date, Decimal]]):
        self.reporting_currency = reporting_currency
        self._days: dict[str, list[date]] = {}
        self._rates: dict[str, list[Decimal]] = {}
        for currency, valid_from, rate in sorted(rates):
            self._days.setdefault(currency, []).append(valid_from)
            self._rates.setdefault(currency, []).append(rate)

    def convert(self, amount: Decimal, currency: str | None, day: date | None) -> Decimal | None:
        """`amount` at the rate valid on `day` (the latest dated on or before it); None when there is none."""
        if currency == self.reporting_currency:
            return amount
        days = self._days.get(currency or "")
        if not days or day is None:
            return None
        position = bisect_right(days, day)
        return round_amount(amount * self._rates[currency][position - 1]) if position else None


def read_rate(currency: str, valid_from: str | date, rate: str | Decimal,
              reporting_currency: str = DEFAULT_REPORTING_CURRENCY) -> RateData:
    """A rate as a person types it: an ISO 4217 code, a date as typed anywhere in mhdesk (`1 Jan 2023`,
    `2023-01-01`), a rate above 0 read exactly (`1.085` and `1,085` are both one and a bit: a rate is
    never a thousand). Each problem is named by its field (ValidationFailed)."""
    issues = []
    code = currency_code(clean_text(currency))
    if code is None:
        issues.append(Issue("Currency", f'"{clean_text(currency)}" is not an ISO 4217 currency code'
                                        if clean_text(currency) else "is required"))
    day = None
    try:
        day = parse_date(valid_from)
    except ParseError as error:
        issues.append(Issue("Valid from", str(error) if clean_text(valid_from) else "is required"))
    number = rate if isinstance(rate, Decimal) else _rate_number(rate)
    if number is None:
        issues.append(Issue("Rate", f'"{clean_text(rate)}" is not a number' if clean_text(rate) else "is required"))
    elif number <= 0:
        issues.append(Issue("Rate", "is a number above 0"))
    if issues:
        raise ValidationFailed(issues)
    return _checked(RateData(code, day, number, reporting_currency))


def _rate_number(text) -> Decimal | None:
    text = clean_text(text)
    negative = text[:1] in ("-", "−")
    number = decimal_from_digits(text[1:] if negative else text, single_mark_is_decimal=True)
    return -number if negative and number is not None else number


class ExchangeRates:
    def __init__(self, db: Database):
        self._db = db

    def find(self, currency: str, valid_from: date, reporting_currency: str = DEFAULT_REPORTING_CURRENCY
             ) -> RateData | None:
        """The rate of the pair dated exactly `valid_from`, if one is recorded."""
        with self._db.session() as session:
            rate = self._at(session, currency, valid_from, reporting_currency)
            return _data(rate) if rate is not None else None

    def set(self, data: RateData) -> tuple[RateData, RateData | None]:
        """Record the rate of a currency from a date, replacing the one of that date if there is one:
        the rate now, and the one it replaced (None when it is new)."""
        data = _checked(data)
        with self._db.session() as session, session.begin():
            rate = self._at(session, data.currency, data.valid_from, data.reporting_currency)
            before = _data(rate) if rate is not None else None
            row_before = row_of(rate) if rate is not None else None
            if rate is None:
                rate = ExchangeRate()
                session.add(rate)
            _apply(rate, data)
            session.flush()
            record_rows(session, "exchange_rate", [(row_before, row_of(rate))])
            return _data(rate), before

    def remove(self, currency: str, valid_from: date, reporting_currency: str = DEFAULT_REPORTING_CURRENCY
               ) -> RateData:
        """Take the rate of a currency from a date off the table; the rate removed."""
        code = currency_code(currency or "") or currency
        with self._db.session() as session, session.begin():
            rate = self._at(session, code, valid_from, reporting_currency)
            if rate is None:
                raise NotFound(f"No {code} rate from {valid_from.isoformat()} is recorded.")
            removed = _data(rate)
            record_rows(session, "exchange_rate", [(row_of(rate), None)])
            session.delete(rate)
            return removed

    def list(self, currency: str | None = None) -> list[RateData]:
        statement = select(ExchangeRate).order_by(ExchangeRate.reporting_currency, ExchangeRate.currency,
                                                  ExchangeRate.valid_from)
        if currency:
            statement = statement.where(ExchangeRate.currency == currency)
        with self._db.session() as session:
            return [_data(r) for r in session.scalars(statement)]

    def add(self, data: RateData) -> RateData:
        data = replace(_checked(data), version=None)
        with self._db.session() as session:
            try:
                with session.begin():
                    rate = ExchangeRate()
                    if data.id is not None and session.get(ExchangeRate, data.id) is None:
                        rate.id = data.id  # an undone removal comes back under its old id
                    _apply(rate, data)
                    session.add(rate)
                    session.flush()
                    record_rows(session, "exchange_rate", [(None, row_of(rate))])
                    return _data(rate)
            except IntegrityError:
                raise ValidationFailed([Issue("Valid from", f"a {data.currency} rate from "
                                                            f"{data.valid_from.isoformat()} is already recorded")])

    def update(self, data: RateData) -> RateData:
        data = _checked(data)
        try:
            with self._db.session() as session, session.begin():
                rate = self._find(session, data.id)
                if rate.version != data.version:
                    raise StaleRecord("The rate was changed elsewhere since it was read.")
                before = row_of(rate)
                _apply(rate, data)
                session.flush()
                record_rows(session, "exchange_rate", [(before, row_of(rate))])
                return _data(rate)
        except StaleDataError:
            raise StaleRecord("The rate was changed elsewhere since it was read.") from None
        except IntegrityError:
            raise ValidationFailed([Issue("Valid from", f"a {data.currency} rate from "
                                                        f"{data.valid_from.isoformat()} is already recorded")])

    def delete(self, rate_id: int, version: int) -> None:
        with self._db.session() as session, session.begin():
            rate = self._find(session, rate_id)
            if rate.version != version:
                raise StaleRecord("The rate was changed elsewhere since it was read.")
            record_rows(session, "exchange_rate", [(row_of(rate), None)])
            session.delete(rate)

    @staticmethod
    def _at(session, currency: str, valid_from: date, reporting_currency: str) -> ExchangeRate | None:
        return session.scalar(select(ExchangeRate).where(
            ExchangeRate.currency == currency, ExchangeRate.reporting_currency == reporting_currency,
            ExchangeRate.valid_from == valid_from))

    def table(self, reporting_currency: str = DEFAULT_REPORTING_CURRENCY) -> RateTable:
        with self._db.session() as session:
            rows = session.execute(select(ExchangeRate.currency, ExchangeRate.valid_from, ExchangeRate.rate)
                                   .where(ExchangeRate.reporting_currency == reporting_currency)).all()
        return RateTable(reporting_currency, rows)

    def rate_on(self, currency: str, day: date, reporting_currency: str = DEFAULT_REPORTING_CURRENCY
                ) -> Decimal | None:
        """The rate valid on `day`: the latest dated on or before it; 1 for the reporting currency itself."""
        if currency == reporting_currency:
            return Decimal(1)
        with self._db.session() as session:
            return session.scalar(
                select(ExchangeRate.rate)
                .where(ExchangeRate.currency == currency, ExchangeRate.reporting_currency == reporting_currency,
                       ExchangeRate.valid_from <= day)
                .order_by(ExchangeRate.valid_from.desc()).limit(1))

    def total(self, budgets: Iterable[Budget], reporting_currency: str = DEFAULT_REPORTING_CURRENCY
              ) -> BudgetTotal:
        """Each budget at the rate valid at its project's start, rounded to the cent by the money rule."""
        total = BudgetTotal(reporting_currency)
        missing: dict[tuple[str, date | None], list[str]] = {}
        rates = self.table(reporting_currency)  # read once: a register has thousands of budgets
        for budget in budgets:
            converted = rates.convert(budget.amount, budget.currency, budget.start)
            if converted is None:
                missing.setdefault((budget.currency, budget.start), []).append(budget.code)
                continue
            total.amount += round_amount(converted)
            total.counted.append(budget.code)
        total.missing = [MissingRate(currency, on, tuple(codes)) for (currency, on), codes in missing.items()]
        return total

    @staticmethod
    def _find(session, rate_id: int | None) -> ExchangeRate:
        rate = session.get(ExchangeRate, rate_id) if rate_id is not None else None
        if rate is None:
            raise NotFound("The rate is no longer recorded.")
        return rate


def _checked(data: RateData) -> RateData:
    issues = []
    currency = currency_code(data.currency or "")
    reporting = currency_code(data.reporting_currency or "")
    if currency is None:
        issues.append(Issue("Currency", f'"{data.currency}" is not an ISO 4217 currency code'))
    if reporting is None:
        issues.append(Issue("Reporting currency", f'"{data.reporting_currency}" is not an ISO 4217 currency code'))
    if currency and currency == reporting:
        issues.append(Issue("Currency", "is the reporting currency itself"))
    if data.rate is None or data.rate <= 0:
        issues.append(Issue("Rate", "is a number above 0"))
    elif Decimal(data.rate).as_tuple().exponent < -RATE_PLACES:
        issues.append(Issue("Rate", f"has at most {RATE_PLACES} decimals; nothing is rounded"))
    if data.valid_from is None:
        issues.append(Issue("Valid from", "is required"))
    if issues:
        raise ValidationFailed(issues)
    return RateData(currency, data.valid_from, Decimal(data.rate), reporting, data.id, data.version)


def _apply(rate: ExchangeRate, data: RateData) -> None:
    rate.currency, rate.reporting_currency, rate.valid_from, rate.rate = (
        data.currency, data.reporting_currency, data.valid_from, data.rate)


def _data(rate: ExchangeRate) -> RateData:
    return RateData(rate.currency, rate.valid_from, rate.rate, rate.reporting_currency, rate.id, rate.version)
