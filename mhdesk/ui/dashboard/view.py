"""The Dashboard (forms/dashboard/view.ui): the year's key figures and charts, each bar opening its records.

Nothing of pyqtgraph is imported until the Dashboard is first shown (the charts module imports it), so
the window starts without it. Charts are drawn again when the records change while the Dashboard shows,
or when it is shown next after a change.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ...core.errors import MhdeskError
from ...core.reporting import reporting_year
from ..shared.editor_fields import fill_combo
from ..shared.file_dialogs import REPORTS, save_file_name
from ..shared.form_loader import load_form
from ..shared.record_views import offer_years
from ..shared.records_bus import concerns
from ..view_context import ViewContext
from .tiles import Tile

TILE_COLUMNS = 6
YEARS_CHARTED = 8  # the line runs over this many years up to the chosen one


class DashboardView(QWidget):
    drawn = Signal()  # after the charts show the records as they are

    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "dashboard/view.ui")
        self._context = context
        self._services = context.services
        self.tiles: list[Tile] = []
        self.charts: dict[str, object] = {}  # built when first shown
        self._stale = True
        fill_combo(self.ui.indicatorCombo, [(i.name, i.code) for i in self._services.catalog.indicators])
        years = self._services.indicators.years()
        offer_years(self.ui.yearCombo, [*years, reporting_year()], years[-1] if years else reporting_year())
        self.ui.yearCombo.currentIndexChanged.connect(lambda *_: self.redraw())
        self.ui.indicatorCombo.currentIndexChanged.connect(lambda *_: self._draw_indicator())
        context.bus.changed.connect(self._records_changed)

    def year(self) -> int:
        return self.ui.yearCombo.currentData()

    def indicator_code(self) -> str | None:
        return self.ui.indicatorCombo.currentData()

    # ---- when to draw ---------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.charts:
            self._build_charts()
        if self._stale:
            self.redraw()

    def reload(self) -> None:
        """View > Reload, or changes from elsewhere: drawn again now if shown, else when next shown."""
        self._records_changed("all")

    def _records_changed(self, what: str) -> None:
        if concerns(what, "indicators", "projects", "rates"):
            self._stale = True
            if self.isVisible() and self.charts:
                self.redraw()

    def redraw(self) -> None:
        if not self.charts:
            self._stale = True
            return
        try:
            self._draw_tiles()
            self._draw_indicator()
            self._draw_projects()
        except MhdeskError as error:
            self._context.show_status(f"The dashboard could not be drawn: {error}")
            return
        self._stale = False
        self.drawn.emit()

    # ---- building ------------------------------------------------------------------------------

    def _build_charts(self) -> None:
        from .charts import BarChart, LineChart  # pyqtgraph comes with it: only now

        specs = {"country": (BarChart, self.ui.countryBox), "years": (LineChart, self.ui.yearsBox),
                 "area": (BarChart, self.ui.areaBox), "theme": (BarChart, self.ui.themeBox),
                 "donor": (BarChart, self.ui.donorBox)}
        for key, (kind, box) in specs.items():
            chart = kind(box.title(), box)
            box.layout().addWidget(chart)
            box.layout().addLayout(self._chart_buttons(key, chart))
            self.charts[key] = chart
        self.charts["country"].bar_clicked.connect(self._country_clicked)
        for key in ("area", "theme", "donor"):
            self.charts[key].bar_clicked.connect(lambda bar, key=key: self._projects_clicked(key, bar))

    def _chart_buttons(self, key: str, chart) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for text, action in (("Save as PNG…", lambda: self.ask_save(key, ".png")),
                             ("Save as SVG…", lambda: self.ask_save(key, ".svg")),
                             ("Copy", lambda: self.copy_chart(key))):
            button = QPushButton(text)
            button.setObjectName(f"{key}{text.split()[0].strip('…')}{text.split()[-1].strip('…')}Button")
            button.clicked.connect(action)
            row.addWidget(button)
        return row

    # ---- drawing -------------------------------------------------------------------------------

    def _draw_tiles(self) -> None:
        grid = self.ui.tilesGrid
        for tile in self.tiles:
            grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for n, figure in enumerate(self._services.dashboard.tiles(self.year())):
            tile = Tile(figure, self.year(), self.ui.scrollContent)
            tile.clicked.connect(self._tile_clicked)
            grid.addWidget(tile, n // TILE_COLUMNS, n % TILE_COLUMNS)
            self.tiles.append(tile)

    def _draw_indicator(self) -> None:
        from .charts import Bar

        code = self.indicator_code()
        if not self.charts or code is None:
            return
        year, name = self.year(), self.ui.indicatorCombo.currentText()
        indicators = self._services.indicators
        country = self.charts["country"]
        country.set_title(f"{name}, {year}, by country")
        country.set_bars([Bar(c, value, (code, c)) for c, value in indicators.by_country(code, year)])
        line = self.charts["years"]
        line.set_title(f"{name}, regional total by year")
        line.set_points([(t.year, t.value) for t in indicators.series(code, year - YEARS_CHARTED + 1, year)])

    def _draw_projects(self) -> None:
        from .charts import Bar

        dashboard, year = self._services.dashboard, self.year()
        self.charts["area"].set_title(f"Projects active in {year} by programme area")
        self.charts["area"].set_bars([Bar(g.label, Decimal(g.count), g.codes)
                                      for g in dashboard.by_programme_area(year)])
        self.charts["theme"].set_title(f"Projects active in {year} by thematic area")
        self.charts["theme"].set_bars([Bar(g.label, Decimal(g.count), g.codes)
                                       for g in dashboard.by_thematic_area(year)])
        budgets = dashboard.budgets_by_donor(year)
        self.charts["donor"].set_title(f"Budgets of the projects active in {year} by donor, in {budgets.currency}")
        self.charts["donor"].set_bars([Bar(d.donors, d.amount, d.codes) for d in budgets.donors])
        notes = [] if budgets.donors or budgets.missing else [f"No project active in {year} has a budget on record."]
        if not budgets.complete:
            notes.append("Not in the budget chart, for want of an exchange rate: "
                         + "; ".join(str(m) for m in budgets.missing) + ".")
        self.ui.missingRatesLabel.setText(" ".join(notes))

    # ---- opening the records a chart counts --------------------------------------------------------

    def _navigate(self, key: str, **filters) -> None:
        navigate = getattr(self._context, "navigate", None)
        if navigate is not None:
            navigate(key, **filters)

    def _country_clicked(self, bar) -> None:
        code, country = bar.key
        self._navigate("indicators", year=self.year(), indicator=code, country=country)

    def _tile_clicked(self, code: str) -> None:
        index = self.ui.indicatorCombo.findData(code)
        if index >= 0:
            self.ui.indicatorCombo.setCurrentIndex(index)

    def _projects_clicked(self, chart: str, bar) -> None:
        """The Projects view narrowed to exactly the projects the bar counts, saying which bar they are."""
        label, year = bar.label, self.year()
        what = {"area": f"active in {year} in the programme area {label}",
                "theme": f"active in {year} in the thematic area {label}",
                "donor": f"active in {year} funded by {label} whose budgets the chart counts"}[chart]
        self._navigate("projects", year=year, codes=list(bar.key), what=what)

    # ---- saving and copying ----------------------------------------------------------------------

    def save_chart(self, key: str, path) -> object:
        return self.charts[key].save(path)

    def copy_chart(self, key: str) -> None:
        self.charts[key].copy()
        self._context.show_status(f"Copied the chart “{self.charts[key].title}” as a picture.")

    def ask_save(self, key: str, suffix: str) -> None:
        kind = suffix.strip(".").upper()
        chosen = save_file_name(self, f"Save the chart as {kind}", REPORTS, f"{kind} image (*{suffix})",
                                f"chart{suffix}", database=self._services.db.file)
        if chosen is None:
            return
        path = str(chosen) if str(chosen).lower().endswith(suffix) else f"{chosen}{suffix}"
        try:
            self.save_chart(key, path)
        except (OSError, ValueError) as error:
            self._context.show_status(f"The chart could not be saved: {error}")
            return
        self._context.show_status(f"Saved the chart to {path}.")

