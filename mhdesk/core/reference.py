"""The reference data shipped with mhdesk (countries, areas, indicators)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

REFERENCE_FILE = Path(__file__).with_name("data") / "reference.json"


@cache
def reference_data() -> dict:
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
