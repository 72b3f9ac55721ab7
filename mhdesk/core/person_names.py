"""How the directory prints a person's name."""

from __future__ import annotations


def printed_name(family_name: str, given_name: str | None) -> str:
    """`FAMILY NAME Given name`, as the directory prints it; the record keeps the name as it was typed."""
    return " ".join(p for p in (family_name.upper(), given_name) if p)
