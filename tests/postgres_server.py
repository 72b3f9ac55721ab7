"""The PostgreSQL server of a test run: a fresh database per test, copied from a migrated template.

`CREATE DATABASE ... TEMPLATE` copies a migrated, seeded database in a few milliseconds, much as the SQLite
fixtures copy a file. Every database this run creates carries the run's process id in its name, so two runs can
share a server, and all of them are dropped at the end.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

SERVER_URL_VAR = "MHDESK_TEST_DATABASE_URL"


class PostgresServer:
    def __init__(self, url: str):
        self.url = make_url(url)
        # Creating and dropping databases cannot run inside a transaction.
        self._admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._prefix = f"mhdesk_test_{os.getpid()}_"
        self._numbers = itertools.count()

    def location(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        name = f"{self._prefix}{next(self._numbers)}"
        self._execute(f'CREATE DATABASE "{name}"')
        return self.location(name)

    def template(self, label: str, fill: Callable[[str], None]) -> str:
        """A database filled once by `fill(url)`, which must close every connection it opens."""
        name = f"{self._prefix}{label}"
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{name}"')
        location = self.location(name)
        fill(location)
        return location

    def copy_of(self, template: str) -> str:
        name = f"{self._prefix}{next(self._numbers)}"
        self._copy(template, name)
        return self.location(name)

    def replace(self, location: str, template: str) -> None:
        """Make the database at `location` a copy of `template`, under the same name."""
        self.drop(location)
        self._copy(template, make_url(location).database)

    def drop(self, location: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{make_url(location).database}" WITH (FORCE)')

    def close(self) -> None:
        with self._admin.connect() as connection:
            names = connection.scalars(text("SELECT datname FROM pg_database WHERE starts_with(datname, :prefix)"),
                                       {"prefix": self._prefix}).all()
        for name in names:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin.dispose()

    def _copy(self, template: str, name: str) -> None:
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template).database}"')

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.exec_driver_sql(statement)
