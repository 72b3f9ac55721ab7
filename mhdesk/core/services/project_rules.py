"""The rules a project must satisfy, shared by the editor form and the return import."""

from __future__ import annotations

import re

from ..errors import Issue
from ..models import STATUSES
from ..parsing.currencies import currency_codes
from .project_records import ProjectData

CODE_PATTERN = re.compile(r"^[A-Z]{2}\.\d{4}$")
HEALTH_AREA_PREFIXES = ("MH", "MA", "MP")


def area_from_code(code: str) -> str | None:
    prefix = code[:2].upper()
    return prefix if prefix in HEALTH_AREA_PREFIXES else None


def check_project(data: ProjectData) -> list[Issue]:
    issues: list[Issue] = []
    if not CODE_PATTERN.match(data.code or ""):
        issues.append(Issue("Code", f'"{data.code}" is not a project code like MA.0467'))
    if not (data.title or "").strip():
        issues.append(Issue("Title", "a project needs a title"))
    code_area = area_from_code(data.code or "")
    if code_area and data.programme_area and data.programme_area != code_area:
        issues.append(
            Issue("Programme area", f"{data.programme_area} does not match the code's prefix {code_area}")
        )
    for label, amount in (("Budget", data.budget), ("Health budget", data.health_budget)):
        if amount is not None and amount < 0:
            issues.append(Issue(label, f"{amount} is negative"))
    if data.budget is not None and data.health_budget is not None and data.health_budget > data.budget:
        issues.append(Issue("Health budget", "is larger than the budget"))
    if (data.budget is not None or data.health_budget is not None) and not data.currency:
        issues.append(Issue("Currency", "an amount needs a currency"))
    if data.currency and data.currency not in currency_codes():
        issues.append(Issue("Currency", f'"{data.currency}" is not an ISO currency code such as USD, EUR or CHF'))
    if data.start and data.end and data.end < data.start:
        issues.append(Issue("End", f"{data.end:%d %B %Y} is before the start {data.start:%d %B %Y}"))
    if data.extended_to and data.end and data.extended_to < data.end:
        issues.append(Issue("Extended to", f"{data.extended_to:%d %B %Y} is before the end {data.end:%d %B %Y}"))
    if data.status not in STATUSES:
        issues.append(Issue("Status", f'"{data.status}" is not one of {", ".join(STATUSES)}'))
    for number, testimony in enumerate(data.testimonies, start=1):
        if not (testimony.quote or "").strip():
            issues.append(Issue(f"Testimony {number}", "a testimony needs its quote"))
    for year, texts in sorted(data.achievements.items()):
        if any(not (text or "").strip() for text in texts):
            issues.append(Issue(f"Key achievements {year}", "an achievement needs its text"))
    return issues
