"""Writing files so that a failure half-way never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook


def save_workbook(book: Workbook, path: str | os.PathLike) -> Path:
    """Save beside the target under a temporary name, then put it in place in one step."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx", dir=target.parent)
    os.close(handle)
    try:
        book.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
