"""Damaging a SQLite file the way a failing disk or a cut copy does, and reading what it holds."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

PAGE = 4096


def damage_pages(path: Path) -> None:
    """Overwrite the start of every fourth page after the first with noise: the header still reads."""
    data = bytearray(path.read_bytes())
    for offset in range(PAGE, len(data), 4 * PAGE):
        data[offset:offset + 512] = os.urandom(512)
    path.write_bytes(bytes(data))


def damage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"not a database " * 6 + b"xxxxxxxxxx"
    path.write_bytes(bytes(data))


def thematic_areas(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM thematic_area ORDER BY name")]
    connection.close()
    return names


def add_thematic_area(db, name: str) -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO thematic_area (name) VALUES (?)", (name,))
