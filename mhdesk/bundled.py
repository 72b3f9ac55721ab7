"""Files shipped with mhdesk (forms, icons, fonts, demo data), found the same way everywhere.

`forms/` and `resources/` sit at the top of the source tree and are installed
as the data packages `mhdesk.forms` and `mhdesk.resources` (pyproject's
package-dir), so one `importlib.resources` lookup serves an editable
checkout, an installed wheel and a frozen bundle.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def _package_folder(package: str) -> Path:
    return Path(str(files(package)))


def resource_path(*parts: str) -> Path:
    return _package_folder("mhdesk.resources").joinpath(*parts)


def form_path(name: str) -> Path:
    return _package_folder("mhdesk.forms") / name


def fonts_folder() -> Path:
    """The embedded font family every PDF prints with."""
    return resource_path("fonts")


def demo_file() -> Path:
    return resource_path("demo", "demo.json")


def form_names() -> list[str]:
    """Every form shipped, named as `form_path` takes them (`projects/editor.ui`)."""
    root = _package_folder("mhdesk.forms")
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.ui"))
