"""Errors the services raise; each message is fit to show a person as it is."""

from __future__ import annotations


class DatabaseError(Exception):
    """The database could not be opened or upgraded; the message is one plain sentence.

    Kept here, free of any database library, so the command line can name it without importing one."""


class MhdeskError(Exception):
    """Base of every error a user can be shown."""


class NotFound(MhdeskError):
    pass


class StaleRecord(MhdeskError):
    """The record was changed elsewhere since it was read."""


class Issue:
    """What is wrong with one field of a record. A plain class rather than a dataclass: the command line imports
    this module to start, and the dataclasses module (with inspect) costs a tenth of `mhdesk --version`."""

    __slots__ = ("field", "message")

    def __init__(self, field: str, message: str):
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "message", message)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"an Issue cannot be changed ({name})")

    def __eq__(self, other) -> bool:
        return isinstance(other, Issue) and (self.field, self.message) == (other.field, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.message))

    def __repr__(self) -> str:
        return f"Issue(field={self.field!r}, message={self.message!r})"

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationFailed(MhdeskError):
    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))
