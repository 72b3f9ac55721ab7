"""The `mhdesk bench` sub-command: run every registered benchmark case and print its figures as one table."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK

# Cases a flag leaves out (the flags of earlier versions, kept working).
SKIP_FLAGS = {"directory": "directory", "indicator_views": "indicator views", "newsletter": "newsletter",
              "safety": "safety", "startup": "start-up", "concurrency": "concurrent edits"}


def register(commands) -> None:
    parser = commands.add_parser("bench", help="run the benchmark suite and print its figures")
    parser.add_argument("--quick", action="store_true",
                        help="a small version of the suite for CI (smaller data, fewer repeats, no slow cases)")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the figures to FILE as a JSON list (case, size, seconds, target, pass...)")
    parser.add_argument("--only", nargs="+", metavar="CASE", help="run only these cases (names as the table shows)")
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000], metavar="N",
                        help="indicator rows of the generated returns (default: 10000 100000)")
    parser.add_argument("--table-rows", type=int, default=100_000, metavar="N",
                        help="projects in the table benchmark (default: 100000; 0 skips it)")
    parser.add_argument("--no-directory", dest="directory", action="store_false",
                        help="skip the directory benchmark (PDF of 25 and 60 countries, the grid opening)")
    parser.add_argument("--indicator-values", type=int, default=1_000_000, metavar="N",
                        help="indicator values of one year in the totals benchmark (default: 1000000; 0 skips it)")
    parser.add_argument("--no-indicator-views", dest="indicator_views", action="store_false",
                        help="skip the Indicators view (40 countries x 60 indicators) and Dashboard benchmark")
    parser.add_argument("--no-newsletter", dest="newsletter", action="store_false",
                        help="skip the newsletter benchmark (an edition of 60 projects to PDF)")
    parser.add_argument("--no-safety", dest="safety", action="store_false",
                        help="skip the crash points and hostile workbooks")
    parser.add_argument("--no-startup", dest="startup", action="store_false",
                        help="skip the start-up figures (--version, --help, projects list, the window's first paint)")
    parser.add_argument("--no-concurrency", dest="concurrency", action="store_false",
                        help="skip the concurrent edits (two processes saving the same project at once)")
    parser.add_argument("--postgres", metavar="URL",
                        help="also measure the concurrent edits on this PostgreSQL server (a login with CREATEDB)")
    parser.set_defaults(handler=cmd_bench)


def cmd_bench(args) -> int:
    from ..bench.cases import CASES
    from ..bench.registry import BenchOptions
    from ..bench.report import print_table, write_json

    options = BenchOptions(quick=args.quick, rows=args.rows, table_rows=args.table_rows,
                           indicator_values=args.indicator_values, postgres_url=args.postgres,
                           skipped={case for flag, case in SKIP_FLAGS.items() if not getattr(args, flag)})
    known = [case.name for case in CASES]
    unknown = [name for name in args.only or () if name not in known]
    if unknown:
        print(f"mhdesk: no benchmark case is named {', '.join(unknown)}; the cases are: {', '.join(known)}.",
              file=sys.stderr)
        return 1
    figures = []
    for case in CASES:
        if (args.only and case.name not in args.only) or case.name in options.skipped:
            continue
        if args.quick and not case.in_quick and not args.only:
            continue
        figures.extend(case.run(options, sys.stdout))
        sys.stdout.flush()
    print_table(figures, sys.stdout)
    if args.json:
        write_json(figures, args.json)
        print(f"Figures written to {args.json}.")
    return EXIT_OK
