"""Schema migrations (Alembic) and the reference-data seed, run on every open."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .database import Database, DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")


def _script_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_script_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_schema(db: Database) -> Path | None:
    """Bring the schema to head, backing up an existing SQLite file first; then seed.

    Returns the backup's path when one was made.
    """
    backup = None
    current = current_revision(db)
    if current != head_revision():
        if current is not None:
            backup = db.backup("before-upgrade")
        with db.engine.connect() as connection:
            _upgrade(connection)
    from .seed import seed_reference_data

    seed_reference_data(db)
    return backup


def _upgrade(connection) -> None:
    """Run the revisions in one transaction. On SQLite, a revision that copies a table others refer to (batch
    mode) needs foreign keys off while it runs; every reference is checked before the transaction commits."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # only outside a transaction does it take
        connection.commit()
    try:
        with connection.begin():
            config = _script_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise DatabaseError("The database could not be upgraded: a record refers to one that is missing.")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()
