"""The bundle's entry point: the same `main` as the installed `mhdesk` command."""

import multiprocessing
import sys

from mhdesk.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
