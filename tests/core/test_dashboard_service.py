"""The Dashboard's figures: main indicator tiles, projects by programme and thematic area, budgets by donor."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mhdesk.core.services.exchange_rates import RateData
from mhdesk.core.services.indicator_cells import TOTAL, CellValues
from mhdesk.core.services.project_records import ProjectData, ProjectQuery


def project(services, code, *, area=None, donors=(), themes=(), budget=None, currency=None, start=date(2023, 1, 1),
            end=date(2023, 12, 31)):
    services.projects.create(ProjectData(
        code=code, title=code, programme_area=area, donors=list(donors), thematic_areas=list(themes),
        budget=None if budget is None else Decimal(budget), currency=currency, start=start, end=end))


def write(services, code, country, year, value):
    services.indicator_cells.save([CellValues(code, country, year, {TOTAL: Decimal(value)})])


def test_tiles_are_the_main_totals_beside_the_year_before(services):
    write(services, "PHC_CONSULT", "Serbia", 2022, 1000)
    write(services, "PHC_CONSULT", "Serbia", 2023, 1200)
    write(services, "PHC_CONSULT", "Ukraine", 2023, 300)
    write(services, "FACILITIES", "Ukraine", 2023, 4)
    tiles = services.dashboard.tiles(2023)
    assert len(tiles) == 12 and tiles[0].indicator_code == "FACILITIES"
    phc = next(t for t in tiles if t.indicator_code == "PHC_CONSULT")
    assert (phc.value, phc.previous, phc.change, phc.unit) == (Decimal(1500), Decimal(1000), Decimal("50.0"),
                                                               "consultations")
    assert (tiles[0].value, tiles[0].previous, tiles[0].change) == (Decimal(4), None, None)
    assert next(t for t in tiles if t.indicator_code == "POE").value is None  # nobody reported


def test_projects_by_programme_area_and_thematic_area_of_the_year(services):
    themes = services.catalog.thematic_areas
    project(services, "MA.0001", area="MA", themes=[themes[0], themes[1]])
    project(services, "MA.0002", area="MA", themes=[themes[1]])
    project(services, "CS.0003", themes=[])
    project(services, "MP.0004", area="MP", start=date(2015, 1, 1), end=date(2016, 12, 31))  # not in 2023
    areas = {g.key: g for g in services.dashboard.by_programme_area(2023)}
    assert areas["MA"].codes == ("MA.0001", "MA.0002") and areas["MP"].count == 0 and areas["MH"].count == 0
    assert areas[None].label == "Other divisions" and areas[None].codes == ("CS.0003",)
    by_theme = services.dashboard.by_thematic_area(2023)
    assert [(g.key, g.count) for g in by_theme] == [(themes[1], 2), (themes[0], 1), (None, 1)]


def test_budgets_by_donor_convert_at_the_start_rate_and_name_a_missing_rate(services):
    services.exchange_rates.add(RateData("EUR", date(2022, 1, 1), Decimal("1.10")))
    project(services, "MA.0001", donors=["European Union"], budget="100000", currency="EUR")
    project(services, "MA.0002", donors=["European Union"], budget="50000", currency="USD")
    project(services, "MA.0003", donors=["Kingdom of Norway", "Kingdom of Denmark"], budget="20000", currency="CHF",
            start=date(2023, 3, 1))
    project(services, "MA.0004", donors=["UNAIDS"], budget="5000", currency="USD")
    budgets = services.dashboard.budgets_by_donor(2023)
    assert budgets.currency == "USD" and not budgets.complete
    assert [(d.donors, d.amount, d.codes) for d in budgets.donors] == [
        ("European Union", Decimal("160000.00"), ("MA.0001", "MA.0002")), ("UNAIDS", Decimal("5000.00"),
                                                                           ("MA.0004",))]
    assert [str(m) for m in budgets.missing] == ["no CHF rate on 2023-03-01 for MA.0003"]  # never counted as 0


def test_the_projects_of_each_bar_are_exactly_those_a_query_by_their_codes_lists(demo, services):
    for group in services.dashboard.by_thematic_area(2017) + services.dashboard.by_programme_area(2017):
        rows = services.projects.rows(ProjectQuery(year=2017, codes=frozenset(group.codes)))
        assert sorted(r.code for r in rows) == sorted(group.codes) and len(rows) == group.count
    assert services.projects.rows(ProjectQuery(codes=frozenset())) == []
