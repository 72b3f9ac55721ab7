"""The review shows what an import adds, not just its name, and says what it filled in by itself."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from return_helpers import filled_return

from mhdesk.core.returns.importer import ReturnImporter
from mhdesk.ui.returns.plan_tree import ItemRole, PlanColumn
from mhdesk.ui.returns.plan_view import PlanView

MISSION, YEAR = "Tajikistan", 2019
ADDED = {"Code": "MA.99", "Title": "Health for migrants in Dushanbe", "Budget": "85,000", "Currency": "USD",
         "Donor": "IOM Development Fund", "Start": "1 June 2019", "End": "31 May 2020",
         "Extended to": "30 November 2020", "Countries": "Tajikistan; Kyrgyzstan"}


def shown_rows(view: PlanView) -> dict[str, dict[int, str]]:
    """Every child row of the tree by its record text: {record: {column: text}}."""
    model, out = view.model, {}
    for sheet in range(model.rowCount()):
        parent = model.index(sheet, 0)
        for row in range(model.rowCount(parent)):
            cells = {c: model.index(row, c, parent).data() or "" for c in PlanColumn}
            out[cells[PlanColumn.RECORD]] = cells
    return out


def test_an_added_project_shows_budget_dates_countries_and_a_derived_status(qtbot, demo, tmp_path):
    path = filled_return(_services(demo), tmp_path, MISSION, YEAR, {"Primary health-care consultations": 42},
                         projects=[ADDED])
    plan = ReturnImporter(demo).dry_run(path).plan
    view = PlanView()
    qtbot.addWidget(view)
    view.set_plan(plan)

    rows = shown_rows(view)
    added = rows["MA.0099 Health for migrants in Dushanbe"]
    assert added[PlanColumn.STATUS] == "Added"
    fields = added[PlanColumn.FIELDS]
    for part in ("Programme area: MA", "Donor: IOM Development Fund", "Budget: 85,000 USD", "Start: 2019-06-01",
                 "End: 2020-05-31", "Extended to: 2020-11-30", "Countries: Kyrgyzstan; Tajikistan",
                 "Status: completed (from its dates)"):
        assert part in fields, part
    assert "(empty)" not in fields
    # what the import filled in by itself is a warning, and so is a code read as more than it was typed
    warnings = {(p.column, p.message) for p in plan.warnings}
    assert ("Status", "no status given; completed is taken from its dates") in warnings
    assert ("Code", '"MA.99" is read as MA.0099') in warnings

    value = next(text for text in rows if text.startswith("Primary health-care consultations, Tajikistan 2019"))
    assert rows[value][PlanColumn.FIELDS] == "Value: 42"
    index = _index_of(view, value)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == value  # a long record is elided, its tooltip says it all


def test_the_derived_status_is_what_the_database_holds_after_applying(demo, tmp_path):
    services = _services(demo)
    future = {**ADDED, "Code": "MA.0998", "Start": f"1 January {date.today().year + 1}",
              "End": f"31 December {date.today().year + 2}", "Extended to": None}
    path = filled_return(services, tmp_path, MISSION, YEAR, {}, projects=[ADDED, future])
    importer = ReturnImporter(demo)
    preview = importer.dry_run(path)
    assert preview.can_apply, [str(p) for p in preview.problems]
    importer.apply(preview)
    statuses = {r.code: r.status for r in services.projects.rows() if r.code in ("MA.0099", "MA.0998")}
    assert statuses == {"MA.0099": "completed", "MA.0998": "pipeline"}


def _services(db):
    from mhdesk.core.services import Services

    return Services(db)


def _index_of(view: PlanView, record: str):
    model = view.model
    for sheet in range(model.rowCount()):
        parent = model.index(sheet, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, PlanColumn.RECORD, parent)
            if index.data() == record:
                assert index.data(ItemRole) is not None
                return index
    raise AssertionError(record)
