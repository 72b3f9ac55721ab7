"""The one name a return template is saved under, whoever writes it."""

from __future__ import annotations

import re

# Characters that a file name may not hold on one of the systems a mission uses.
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def template_file_name(mission: str, year: int) -> str:
    """`Tajikistan return 2024.xlsx`: the mission's own name, readable in any folder listing."""
    name = " ".join(UNSAFE_IN_NAMES.sub(" ", mission).split()) or "Mission"
    return f"{name} return {year}.xlsx"
