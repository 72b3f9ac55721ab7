"""A large register for the benchmarks: projects with donors, countries, thematic areas, budgets in several
currencies and dates, and indicator values by project, written in bulk (executemany, not the ORM).

`large_register(projects, values)` builds the database once per size and run, in a temporary folder removed
when the process ends; later cases of the same run open the same file.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from ..core.connect import open_database
from ..core.services import Services
from ..core.services.exchange_rates import RateData

# Codes are two letters and four digits: the three programme areas take most projects, other divisions the rest.
PREFIXES = ("MA", "MP", "MH", "MA", "MP", "MH", "CS", "FM", "DP", "FC", "LM", "DX", "RT", "PX")
DONORS = ("IOM Development Fund", "UNAIDS", "European Union", "Project HOPE/USAID", "Kingdom of Norway",
          "Kingdom of Denmark", "Global Fund to Fight AIDS, Tuberculosis and Malaria", "World Health Organization",
          "Swiss Agency for Development and Cooperation", "Government of Japan", "US Department of State (PRM)",
          "German Federal Foreign Office", "UK Foreign, Commonwealth & Development Office", "Government of Canada",
          "Czech Development Agency", "Swedish International Development Cooperation Agency", "UNICEF",
          "World Bank", "Asian Development Bank", "Ministry of Health of Türkiye")
ACTIONS = ("Strengthening", "Improving access to", "Scaling up", "Community-based", "Integrated",
           "Cross-border", "Sustaining", "Expanding")
SUBJECTS = ("tuberculosis care", "HIV prevention", "mental health and psychosocial support", "migrant health services",
            "primary health care", "health assessments", "vaccine confidence", "border health at points of entry",
            "emergency health response", "specialised care and rehabilitation", "occupational health",
            "non-communicable disease care", "COVID-19 response", "substance abuse prevention")
GROUPS = ("labour migrants", "returning migrants", "refugees and asylum seekers", "internally displaced persons",
          "migrant children", "host communities", "mobile populations", "women migrant workers")
PHASES = ("", "", "", " (phase II)", " (phase III)", " – pilot")
CURRENCIES = ("USD", "USD", "USD", "EUR", "EUR", "CHF", "GBP", "NOK")
RATES = {"EUR": ("1.08", "1.12", "1.05"), "CHF": ("1.02", "1.10", "1.12"), "GBP": ("1.27", "1.25", "1.30")}  # no NOK
STATUSES = ("pipeline", "active", "active", "completed", "completed")
FIRST_YEAR, YEARS = 2008, 18
PARTS = (("", ""), ("female", ""), ("male", ""), ("", "children"), ("", "adults"))

_built: dict[tuple[int, int], Path] = {}
_folder: Path | None = None


def large_register(projects: int = 100_000, values: int = 1_000_000) -> Path:
    """The path of an SQLite register of `projects` projects and `values` indicator values, built on first use."""
    global _folder
    key = (projects, values)
    if key not in _built:
        if _folder is None:
            _folder = Path(tempfile.mkdtemp(prefix="mhdesk-bench-register-"))
            atexit.register(shutil.rmtree, _folder, True)
        path = _folder / f"register-{projects}-{values}.sqlite"
        build_register(path, projects, values)
        _built[key] = path
    return _built[key]


def build_register(path: Path, projects: int, values: int) -> None:
    db = open_database(path)
    try:
        services = Services(db)
        for currency, rates in RATES.items():
            for step, rate in enumerate(rates):
                services.exchange_rates.add(RateData(currency, date(FIRST_YEAR + 6 * step, 1, 1), Decimal(rate)))
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            _write(cursor, projects, values)
            connection.commit()
            cursor.execute("ANALYZE")
            connection.commit()
        finally:
            connection.close()
    finally:
        db.dispose()


def project_codes(count: int) -> list[str]:
    """`count` distinct codes, the programme areas' prefixes taking most of them."""
    if count > len(set(PREFIXES)) * 9_999:
        raise ValueError(f"At most {len(set(PREFIXES)) * 9_999:,} projects have codes of two letters and four digits.")
    codes, used = [], dict.fromkeys(PREFIXES, 0)
    i = 0
    while len(codes) < count:
        prefix = PREFIXES[i % len(PREFIXES)]
        i += 1
        if used[prefix] < 9_999:
            used[prefix] += 1
            codes.append(f"{prefix}.{used[prefix]:04d}")
    return codes


def _write(cursor, projects: int, values: int) -> None:
    def ids(table: str) -> dict[str, int]:
        key = "code" if table == "programme_area" else "name"
        return dict((name, i) for i, name in cursor.execute(f"SELECT id, {key} FROM {table}"))

    cursor.executemany("INSERT INTO donor (name) VALUES (?)", [(name,) for name in DONORS])
    donors, countries, themes = list(ids("donor").values()), ids("country"), list(ids("thematic_area").values())
    areas, country_ids, country_names = ids("programme_area"), list(countries.values()), list(countries)

    project_rows, donor_links, country_links, theme_links = [], [], [], []
    for n, code in enumerate(project_codes(projects)):
        pid = n + 1
        h = n * 2_654_435_761 % 4_294_967_291  # a cheap scramble, so neighbouring projects differ
        home = h % len(country_ids)
        title = (f"{ACTIONS[h % 8]} {SUBJECTS[h // 8 % 14]} for {GROUPS[h // 112 % 8]} in "
                 f"{country_names[home]}{PHASES[h // 896 % 6]}")
        start = date(FIRST_YEAR, 1, 1) + timedelta(days=h % (YEARS * 365)) if h % 23 else None
        end = start + timedelta(days=180 + h % 1_500) if start and h % 17 else None
        extended = end + timedelta(days=90 + h % 400) if end and h % 11 == 0 else None
        budget = 5_000_000 + h % 400_000_000 if h % 19 else None  # hundredths: 50,000.00 to 4,050,000.00
        health = budget * (20 + h % 60) // 100 if budget and h % 5 == 0 else None
        currency = CURRENCIES[h // 7 % len(CURRENCIES)] if budget else None
        project_rows.append((pid, code, title, areas.get(code[:2]), budget, currency, health,
                             _iso(start), _iso(end), _iso(extended), country_ids[home],
                             STATUSES[h // 5 % len(STATUSES)]))
        for position in range(1 + h % 3):
            donor_links.append((pid, donors[(h + position * 7) % len(donors)], position))
        for k in range(1 + h // 3 % 3):
            country_links.append((pid, country_ids[(home + k * 5) % len(country_ids)]))
        for k in range(h // 9 % 3):
            theme_links.append((pid, themes[(h + k * 4) % len(themes)]))
    cursor.executemany(
        'INSERT INTO project (id, code, title, programme_area_id, budget, currency, health_budget, start, "end", '
        "extended_to, managing_mission_id, status, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        project_rows)
    cursor.executemany("INSERT INTO project_donor (project_id, donor_id, position) VALUES (?, ?, ?)", donor_links)
    cursor.executemany("INSERT INTO project_country (project_id, country_id) VALUES (?, ?)", country_links)
    cursor.executemany("INSERT INTO project_thematic_area (project_id, thematic_area_id) VALUES (?, ?)", theme_links)
    cursor.executemany("INSERT INTO indicator_value (indicator_id, country_id, year, project_id, sex, age_group, "
                       "value, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                       _indicator_values(project_rows, list(ids("indicator").values()), values))


def _indicator_values(project_rows, indicators: list[int], count: int):
    """`count` values spread over the projects: each project reports indicators of its mission's country by
    year, a total with its parts by sex and by age that add up (or, where fewer values are left, totals alone)."""
    per_project = -(-count // max(len(project_rows), 1))
    groups = [(indicator, year) for year in range(3) for indicator in indicators]
    written = 0
    for n, row in enumerate(project_rows):
        pid, mission, start = row[0], row[10], row[7]
        first_year = int(start[:4]) if start else FIRST_YEAR + n % YEARS
        left = min(per_project, count - written)
        for k in range(min(left, len(groups))):
            if left <= 0:
                break
            indicator, year = groups[(n + k) % len(groups)]
            total = 20 + (pid * 31 + indicator * 7) % 4_000 * 2  # even, so that the halves add up
            parts = PARTS if left >= len(PARTS) else PARTS[:1]
            for sex, age in parts:
                yield (indicator, mission, first_year + year, pid, sex, age, total // 2 if sex or age else total)
            left -= len(parts)
            written += len(parts)
        if written >= count:
            return


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
