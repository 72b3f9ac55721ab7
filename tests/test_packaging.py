"""What the wheel carries: every package of mhdesk/, every form, icon, font and data file it reads."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    """Where setuptools takes `package` from: its package-dir mapping, else its dotted path."""
    mapped = SETUPTOOLS.get("package-dir", {})
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in mapped:
            return ROOT / mapped[prefix] / Path(*parts[cut:])
    return ROOT / Path(*parts)


def shipped(package: str) -> set[Path]:
    """The files package-data puts into the wheel for `package` (setuptools globs: `*` stays in a folder)."""
    folder = package_folder(package)
    return {path for pattern in SETUPTOOLS.get("package-data", {}).get(package, ()) for path in folder.glob(pattern)
            if path.is_file()}


def files_under(folder: Path, *suffixes: str) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts
            and path.suffix != ".py" and (not suffixes or path.suffix in suffixes)}


def test_every_package_of_mhdesk_is_listed():
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "mhdesk").rglob("__init__.py")
             if "__pycache__" not in init.parts}
    assert found, "no package found under mhdesk/"
    assert found - set(SETUPTOOLS["packages"]) == set()


def test_every_listed_package_exists():
    for package in SETUPTOOLS["packages"]:
        assert (package_folder(package) / "__init__.py").is_file(), package


def test_every_form_is_shipped():
    forms = files_under(ROOT / "forms", ".ui")
    assert len(forms) >= 10
    assert forms - shipped("mhdesk.forms") == set()


def test_every_resource_is_shipped():
    resources = files_under(ROOT / "resources")
    assert any(path.name == "demo.json" for path in resources)
    assert resources - shipped("mhdesk.resources") == set()


def test_the_migrations_and_reference_data_are_shipped():
    core = ROOT / "mhdesk" / "core"
    # what `open_database` reads at run time: the reference data, alembic's env.py and every revision
    folder = core / "migrations"
    migrations = {path for pattern in ("*.py", "*.ini", "versions/*.py") for path in folder.glob(pattern)}
    needed = files_under(core / "data") | migrations
    assert any(path.parent.name == "versions" for path in needed)
    assert needed - shipped("mhdesk.core") == set()
