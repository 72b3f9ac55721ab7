"""The `mhdesk import` sub-command."""

from __future__ import annotations


def register(commands) -> None:
    """Add the sub-command to the `mhdesk` parser."""
