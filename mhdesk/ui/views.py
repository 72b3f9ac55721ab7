"""The places of the main window, in navigation order.

Adding a place is one line in `VIEWS`: a key (saved in the settings), the
title shown in the navigation, an icon file in resources/icons, and a
factory `create(context) -> QWidget`. The window builds every view again
whenever it switches database, so a view simply takes what it needs from the
context in its constructor.

A view may also offer, and the window will use when present:
  `copy_selection()`   Edit > Copy
  `focus_search()`     Edit > Find
  `selection_changed`  a signal(int) with the number of selected records
  `show_records(**filters)`  narrow to the records another view points at (`context.navigate`)
  `reload()`           read the records again: View > Reload, and changes the database got from
                       elsewhere; the window keeps the selection and scroll position (shared/view_place.py)

Views reload when `context.bus.changed` says their records changed elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .shared.empty_state import EmptyState
from .view_context import ViewContext


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    icon: str
    create: Callable[[ViewContext], QWidget]


def placeholder(heading: str, text: str, icon_name: str | None = None) -> Callable[[ViewContext], QWidget]:
    """A factory for a place that is not built yet: it says what will be there."""
    return lambda context: EmptyState(heading, text, context.parent, icon_name)


def _projects(context: ViewContext) -> QWidget:
    from .projects.view import ProjectsView

    return ProjectsView(context)


def _directory(context: ViewContext) -> QWidget:
    from .directory.view import DirectoryView

    return DirectoryView(context)


def _indicators(context: ViewContext) -> QWidget:
    from .indicators.view import IndicatorsView

    return IndicatorsView(context)


def _dashboard(context: ViewContext) -> QWidget:
    from .dashboard.view import DashboardView

    return DashboardView(context)


def _events(context: ViewContext) -> QWidget:
    from .publications.kinds import EVENTS
    from .publications.records_view import RecordsView

    return RecordsView(context, EVENTS)


def _publications(context: ViewContext) -> QWidget:
    from .publications.kinds import PUBLICATIONS
    from .publications.records_view import RecordsView

    return RecordsView(context, PUBLICATIONS)


def _publish(context: ViewContext) -> QWidget:
    from .publish.view import PublishView

    return PublishView(context)


def _returns(context: ViewContext) -> QWidget:
    from .returns.view import ReturnsView

    return ReturnsView(context)


VIEWS: list[ViewSpec] = [
    ViewSpec("projects", "Projects", "projects.svg", _projects),
    ViewSpec("directory", "Directory", "directory.svg", _directory),
    ViewSpec("indicators", "Indicators", "indicators.svg", _indicators),
    ViewSpec("dashboard", "Dashboard", "dashboard.svg", _dashboard),
    ViewSpec("events", "Events", "events.svg", _events),
    ViewSpec("publications", "Publications", "publications.svg", _publications),
    ViewSpec("publish", "Publish", "publish.svg", _publish),
    ViewSpec("returns", "Returns", "returns.svg", _returns),
]


def view_spec(key: str) -> ViewSpec | None:
    return next((spec for spec in VIEWS if spec.key == key), None)
