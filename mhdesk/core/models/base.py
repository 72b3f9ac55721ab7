"""Declarative base, naming convention, the exact-decimal column type, versions and ownership."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from ..parsing.amounts import round_amount

# Named constraints let Alembic alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CENT = Decimal("0.01")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Money(TypeDecorator):
    """A decimal with two places stored as a whole number of hundredths.

    SQLite has no decimal type and would round-trip through floats; an
    integer column is exact on every backend. More places round by the one
    money rule (`round_amount`).
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return int(round_amount(value) * 100)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


class Versioned:
    """Optimistic concurrency: every UPDATE checks `version`, and every change bumps it once per transaction.

    A record's version also covers everything it owns: the rows of its lists
    and association tables, whose foreign key to it is declared with
    `owned_by`. An insert, change or delete of an owned row bumps the owner's
    version in the same transaction (`ownership.bump_versions_once`, which
    listens on every session; ORM UPDATE and DELETE statements likewise), so
    a save over a copy read before a list changed is refused. A new list only
    needs its key declared. Writes through a Core connection, which the
    session does not see, call `ownership.bump_versions` themselves (as the
    import's bulk writes and its rollback do).
    """

    version: Mapped[int] = mapped_column(nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        # Bumped by `ownership.bump_versions_once`, which also sees changes to owned rows; still checked by the ORM.
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


OWNER = "owner"  # ForeignKey.info key marking the key to the owning record


def owned_by(target: str) -> ForeignKey:
    """The foreign key of a row that belongs to the versioned record `target` ("project.id") and goes with it."""
    return ForeignKey(target, ondelete="CASCADE", info={OWNER: True})


class Sourced:
    """Where a record came from: the import that last wrote it and the cell."""

    @declared_attr
    def source_import_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("import_record.id", ondelete="SET NULL"), index=True)

    source_cell: Mapped[str | None] = mapped_column(String(80))
