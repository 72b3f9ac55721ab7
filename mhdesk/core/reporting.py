"""The reporting calendar: which year the missions are reporting on now."""

from __future__ import annotations

from datetime import date


def reporting_year(today: date | None = None) -> int:
    """Last year: the missions' returns for a year arrive during the following one."""
    return (today or date.today()).year - 1
