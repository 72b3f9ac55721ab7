"""The schema revisions this mhdesk ships, read from the revision files' own lines.

Alembic costs a second at start-up: an up-to-date database is recognised from these lines and one query, and
Alembic is imported only to upgrade (core/migrate.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.MULTILINE)


@cache
def shipped_revisions() -> dict[str, tuple[str, ...]]:
    """Each revision shipped and the revisions it follows."""
    graph = {}
    for file in sorted((MIGRATIONS / "versions").glob("*.py")):
        fields = dict(_REVISION_LINE.findall(file.read_text(encoding="utf-8")))
        if "revision" in fields:
            graph[re.findall(r"[\w-]+", fields["revision"])[0]] = tuple(
                name for name in re.findall(r"['\"]([\w-]+)['\"]", fields.get("down_revision", "")))
    return graph


def single_head() -> str | None:
    """The newest revision, when the revisions form one line (else None: Alembic must say)."""
    graph = shipped_revisions()
    heads = set(graph) - {parent for parents in graph.values() for parent in parents}
    return heads.pop() if len(heads) == 1 else None
