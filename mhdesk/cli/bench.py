"""The `mhdesk bench` sub-command: run the benchmarks and print their figures."""

from __future__ import annotations


def register(commands) -> None:
    parser = commands.add_parser("bench", help="run the benchmark suite and print its figures")
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
    parser.set_defaults(handler=cmd_bench)


def cmd_bench(args) -> int:
    from ..bench.directory import run_directory_bench
    from ..bench.imports import run_import_bench
    from ..bench.table import run_table_bench

    run_import_bench(args.rows)
    if args.table_rows:
        run_table_bench(args.table_rows)
    if args.directory:
        run_directory_bench()
    if args.indicator_values:
        from ..bench.indicators import run_indicator_bench

        run_indicator_bench(args.indicator_values)
    if args.indicator_views:
        from ..bench.indicator_views import run_view_bench

        run_view_bench()
    if args.newsletter:
        from ..bench.newsletter import run_newsletter_bench

        run_newsletter_bench()
    if args.safety:
        from ..bench.safety import run_safety_bench

        run_safety_bench()
    return 0
