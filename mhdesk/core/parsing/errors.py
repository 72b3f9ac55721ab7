"""The single error type raised by every parser in this package."""

from __future__ import annotations

from typing import Any

from .text import display_text

__all__ = ["ParseError"]


class ParseError(ValueError):
    """A cell value that cannot be read as what the column expects.

    ``str(error)`` is a plain-English sentence that quotes the cell text, so
    it can be shown to a coordinator as is, after the sheet, row and column::

        >>> str(ParseError("about 50k", "is not an amount"))
        '"about 50k" is not an amount'
        >>> str(ParseError(None, "is not an amount"))
        'an empty cell is not an amount'
    """

    def __init__(self, value: Any, reason: str) -> None:
        super().__init__(value, reason)
        self.value = value
        self.text = display_text(value)
        self.reason = reason

    def __str__(self) -> str:
        subject = f'"{self.text}"' if self.text else "an empty cell"
        return f"{subject} {self.reason}"
