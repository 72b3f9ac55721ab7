"""The sentence a tooltip shows about where a record came from."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.returns.history import ImportInfo
from .formatting import day

BY_HAND = "Entered by hand"


class Provenance:
    """Describes sources by import id; built once per reload from the import log (file names, dates)."""

    def __init__(self, imports: Iterable[ImportInfo] = ()):
        self._imports = {info.id: info for info in imports}

    def describe(self, import_id: int | None, cell: str | None) -> str:
        """`From import #3 (return-TJ-2019.xlsx, 12 Jan 2020), Indicators!12:12`, or `Entered by hand`."""
        if import_id is None:
            return BY_HAND
        info = self._imports.get(import_id)
        what = f"From import #{import_id}"
        if info is not None:
            what += f" ({info.file_name}, {day(info.imported_at.date())})"
        return f"{what}, {cell}" if cell else what
