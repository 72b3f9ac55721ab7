"""The Returns view's data: missions x years, and an import record with its plan; the importer facade."""

from __future__ import annotations

import pytest
from test_plan_helpers import parsed_return, value
from workbooks import return_workbook

from mhdesk.core.returns.apply.applier import ImportCancelled, apply_plan
from mhdesk.core.returns.apply.rollback import rollback_import
from mhdesk.core.returns.history import (
    MISSING,
    RETURNED,
    ROLLED_BACK,
    WITH_PROBLEMS,
    import_details,
    list_imports,
    returns_overview,
)
from mhdesk.core.returns.importer import ReturnImporter
from mhdesk.core.returns.plan.planner import plan_return


def imported(db, mission: str, year: int, *values):
    return apply_plan(db, plan_return(db, parsed_return(mission=mission, year=year, values=values)))


def test_missions_by_years_returned_with_problems_rolled_back_or_missing(db):
    imported(db, "Tajikistan", 2018, value("PHC_CONSULT", 100, 2, year=2018))
    with_warning = imported(db, "Tajikistan", 2019, value("PHC_CONSULT", 1000, 2))
    armenia = imported(db, "Armenia", 2019, value("PHC_CONSULT", 7, 2, country="Armenia"))
    rollback_import(db, armenia.import_id)
    overview = returns_overview(db, years=[2018, 2019])
    assert overview.years == [2018, 2019]
    assert overview.missions[0] == "Albania" and "Tajikistan" in overview.missions
    assert "Greece" not in overview.missions  # 'Other' countries are not missions of the region
    assert overview.status("Tajikistan", 2018).status == RETURNED
    cell = overview.status("Tajikistan", 2019)
    assert cell.status == WITH_PROBLEMS and cell.latest.id == with_warning.import_id
    assert cell.latest.submitted_by == "Rukhshona Qurbonova" and cell.latest.counts == "1 added, 0 changed, 0 removed"
    assert cell.describe().startswith("returned with problems ") and "1 warning(s)" in cell.describe()
    assert overview.status("Armenia", 2019).status == ROLLED_BACK
    assert overview.status("Georgia", 2019).status == MISSING
    assert "Georgia" in overview.missing(2019) and "Tajikistan" not in overview.missing(2019)


def test_a_later_applied_import_outranks_a_rolled_back_one(db):
    first = imported(db, "Georgia", 2019, value("PHC_CONSULT", 5, 2, country="Georgia"))
    rollback_import(db, first.import_id)
    second = imported(db, "Georgia", 2019, value("PHC_CONSULT", 6, 2, country="Georgia"))
    cell = returns_overview(db, years=[2019]).status("Georgia", 2019)
    assert (cell.status, cell.latest.id) == (RETURNED, second.import_id)
    assert [i.state for i in list_imports(db, mission="Georgia", year=2019)] == ["rolled_back", "applied"]


def test_an_import_record_opens_with_its_plan(db):
    summary = imported(db, "Tajikistan", 2019, value("PHC_CONSULT", 5, 2), value("REFERRALS", 3, 3))
    details = import_details(db, summary.import_id)
    assert details.info.file_name == "TJ-2019.xlsx" and details.info.state == "applied"
    assert [e.label for e in details.plan.by_sheet()["Indicators"]] == [
        "Primary health-care consultations, Tajikistan 2019", "Referrals for care, Tajikistan 2019"]
    assert import_details(db, 999) is None


def test_the_importer_reads_plans_applies_and_reports_progress(db, tmp_path):
    path = return_workbook(tmp_path / "TJ.xlsx", indicators=[{"Indicator": "PHC_CONSULT", "Value": 5}])
    importer = ReturnImporter(db)
    steps = []
    preview = importer.dry_run(path, progress=lambda done, total: steps.append((done, total)) or True)
    assert preview.can_apply and steps[-1] == (3, 3)
    with pytest.raises(ImportCancelled):
        importer.apply(preview, progress=lambda done, total: False)
    assert list_imports(db) == []
    summary = importer.apply(preview)
    assert summary.added == 1 and list_imports(db)[0].id == summary.import_id
    assert "rolled back" in str(importer.rollback(summary.import_id))
