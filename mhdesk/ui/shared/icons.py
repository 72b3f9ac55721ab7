"""Icons from resources/icons, found the same way in a checkout and a frozen bundle."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ...bundled import resource_path


@cache
def icon(name: str) -> QIcon:
    path = resource_path("icons", name)
    return QIcon(str(path)) if path.exists() else QIcon()
