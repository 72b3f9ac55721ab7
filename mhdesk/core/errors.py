"""Errors the services raise; each message is fit to show a person as it is."""

from __future__ import annotations

from dataclasses import dataclass


class DatabaseError(Exception):
    """The database could not be opened or upgraded; the message is one plain sentence.

    Kept here, free of any database library, so the command line can name it without importing one."""


class MhdeskError(Exception):
    """Base of every error a user can be shown."""


class NotFound(MhdeskError):
    pass


class StaleRecord(MhdeskError):
    """The record was changed elsewhere since it was read."""


@dataclass(frozen=True)
class Issue:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationFailed(MhdeskError):
    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))
