"""`mhdesk rates list|set|remove`: the dated exchange rates that convert budgets into the reporting currency."""

from __future__ import annotations

from .common import EXIT_OK, FORMATS, Parser, open_db

RATE_FIELDS = ("currency", "valid_from", "rate", "reporting_currency")


def register(commands) -> None:
    """Add the sub-commands to the `mhdesk` parser."""
    group = commands.add_parser("rates", help="exchange rates into the reporting currency")
    actions = group.add_subparsers(dest="rates_command", parser_class=Parser, required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="list the rates")
    listing.add_argument("--format", choices=FORMATS, default="table")
    listing.set_defaults(handler=cmd_rates_list)
    setting = actions.add_parser("set", help="record the rate of a currency from a date (replacing that date's)")
    setting.add_argument("currency", metavar="CURRENCY", help="ISO 4217 code, e.g. EUR")
    setting.add_argument("valid_from", metavar="DATE", help="the first day the rate applies, e.g. 2023-01-01")
    setting.add_argument("rate", metavar="RATE", help="what one unit of CURRENCY is worth in USD, e.g. 1.085")
    setting.set_defaults(handler=cmd_rates_set)
    removing = actions.add_parser("remove", help="take the rate of a currency from a date off the table")
    removing.add_argument("currency", metavar="CURRENCY")
    removing.add_argument("valid_from", metavar="DATE")
    removing.set_defaults(handler=cmd_rates_remove)


def cmd_rates_list(args) -> int:
    from ..core.services import Services
    from .output import write_records

    rates = Services(open_db(args)).exchange_rates.list()
    write_records(RATE_FIELDS, ([r.currency, r.valid_from, r.rate, r.reporting_currency] for r in rates),
                  args.format)
    return EXIT_OK


def cmd_rates_set(args) -> int:
    from ..core.services import Services
    from ..core.services.exchange_rates import read_rate

    wanted = read_rate(args.currency, args.valid_from, args.rate)  # bad input: exit 1 before the file is opened
    rate, before = Services(open_db(args)).exchange_rates.set(wanted)
    was = f" (was {before.rate:f})" if before is not None and before.rate != rate.rate else ""
    print(f"{rate.currency} from {rate.valid_from.isoformat()}: 1 {rate.currency} = {rate.rate:f} "
          f"{rate.reporting_currency}{was}.")
    return EXIT_OK


def cmd_rates_remove(args) -> int:
    from ..core.services import Services
    from ..core.services.exchange_rates import read_rate

    wanted = read_rate(args.currency, args.valid_from, "1")
    removed = Services(open_db(args)).exchange_rates.remove(wanted.currency, wanted.valid_from)
    print(f"Removed the {removed.currency} rate from {removed.valid_from.isoformat()} ({removed.rate:f}).")
    return EXIT_OK
