"""Schema migrations (Alembic) and the reference-data seed, run on every open."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .database import Database

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
        with db.engine.begin() as connection:
            config = _script_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    from .seed import seed_reference_data

    seed_reference_data(db)
    return backup
