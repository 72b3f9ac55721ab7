"""Schema migrations (Alembic) and the reference-data seed, run on every open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, select

from .database import Database, DatabaseError
from .models.audit import SchemaRequirement
from .revisions import MIGRATIONS, shipped_revisions, single_head

# Any fixed number: every client takes the same PostgreSQL advisory lock before it migrates or seeds.
SCHEMA_LOCK = 0x6D686473  # "mhds"

if TYPE_CHECKING:
    from alembic.config import Config


def _script_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = single_head()
    if head is not None:
        return head
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_script_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revisions = list(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    if len(revisions) > 1:
        raise DatabaseError(f"The database is at several schema revisions at once ({', '.join(revisions)}).")
    return revisions[0] if revisions else None


def app_version() -> str:
    try:
        return version("mhdesk")
    except PackageNotFoundError:
        return "0+unknown"


def upgrade_schema(db: Database) -> Path | None:
    """Bring the schema to head, backing up an existing SQLite file first; then seed.

    Several clients may open a PostgreSQL database at once: one migrates and seeds while the others wait, then
    find nothing left to do. A database already at a revision this mhdesk does not know (a newer one's) is not
    touched: it opens for reading and refuses every write with a sentence naming the mhdesk it needs.
    Returns the backup's path when one was made.
    """
    backup = None
    with _schema_lock(db):
        current = current_revision(db)
        if current is not None and not _known(current):
            db.refuse_writes(_newer_schema_message(db, current))
            return None
        if current != head_revision():
            if current is not None:
                backup = db.backup("before-upgrade")
            with db.engine.connect() as connection:
                _upgrade(connection)
        from .seed import seed_reference_data

        seed_reference_data(db)
    return backup


def _known(revision: str) -> bool:
    return revision in shipped_revisions()


def _newer_schema_message(db: Database, revision: str) -> str:
    needed = None
    with db.engine.connect() as connection:
        if inspect(connection).has_table(SchemaRequirement.__tablename__):
            needed = connection.scalar(select(SchemaRequirement.app_version)
                                       .where(SchemaRequirement.revision == revision))
    newer = f"mhdesk {needed} or newer" if needed else "a newer mhdesk"
    return (f"This database was brought to a newer schema ({revision}) than mhdesk {app_version()} knows: "
            f"it can be read, but writing needs {newer}.")


@contextmanager
def _schema_lock(db: Database) -> Iterator[None]:
    """On PostgreSQL, hold the schema advisory lock (a session lock, on a connection of its own)."""
    if db.engine.dialect.name != "postgresql":
        yield
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_lock({SCHEMA_LOCK})")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({SCHEMA_LOCK})")


def _upgrade(connection) -> None:
    """Run the revisions in one transaction. On SQLite, a revision that copies a table others refer to (batch
    mode) needs foreign keys off while it runs; every reference is checked before the transaction commits."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # only outside a transaction does it take
        connection.commit()
    from alembic import command

    try:
        with connection.begin():
            config = _script_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            _record_requirement(connection)
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise DatabaseError("The database could not be upgraded: a record refers to one that is missing.")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


def _record_requirement(connection) -> None:
    """Remember which mhdesk brought the database to this revision, for older clients to name."""
    head = head_revision()
    table = SchemaRequirement.__table__
    if connection.scalar(select(table.c.revision).where(table.c.revision == head)) is None:
        connection.execute(table.insert().values(revision=head, app_version=app_version()))
