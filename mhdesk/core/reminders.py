"""Reminding the missions whose return for a year has not arrived: whom to write to, and the mail itself."""

from __future__ import annotations

from dataclasses import dataclass

from .mail import address_list, mailto_url, reminder
from .services import Services
from .services.directory import DirectoryRow


@dataclass(frozen=True)
class Reminder:
    year: int
    missions: list[str]  # those that have not returned the year
    people: list[DirectoryRow]  # their focal points (or head of mission where there is none)
    subject: str
    body: str

    @property
    def addresses(self) -> str:
        return address_list(self.people)

    @property
    def url(self) -> str:
        return mailto_url((p.email for p in self.people), self.subject, self.body)


def missing_returns_reminder(services: Services, year: int) -> Reminder:
    missions = list(services.imports.overview([year]).missing(year))
    people = services.directory.focal_points_of(missions, year)
    subject, body = reminder(year, missions)
    return Reminder(year, missions, people, subject, body)
