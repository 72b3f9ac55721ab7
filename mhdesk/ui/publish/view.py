"""Publish (forms/publish/view.ui): an edition's texts, spotlights, projects and sections, and its PDF.

The edition is a record: Save writes it (one undo step; a copy changed elsewhere is refused, never written
over). Generate builds the PDF of what the form shows, saved or not, off the GUI thread with progress and
Cancel; Open PDF shows it in the system viewer and File > Print… prints it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QUndoCommand
from PySide6.QtWidgets import QListWidgetItem, QWidget

from ...bundled import fonts_folder
from ...core.errors import MhdeskError
from ...core.exports.newsletter_data import newsletter_data
from ...core.exports.newsletter_pdf import write_newsletter_pdf
from ...core.images import ImageRefused, image_from_file
from ...core.models import GROUPINGS
from ...core.reporting import reporting_year
from ...core.services.editions import GROUPING_NAMES, SECTIONS, EditionData, SpotlightData
from ...core.services.project_records import ProjectQuery
from ..shared.file_dialogs import PHOTOS, REPORTS, open_file_names, save_file_name
from ..shared.form_loader import load_form
from ..shared.history_dialog import HistoryDialog, add_history_action, open_history
from ..shared.pdf_printing import PrintsPdf, print_file
from ..shared.records_bus import concerns
from ..shared.worker import BackgroundJob
from ..view_context import ViewContext

CodeRole = Qt.ItemDataRole.UserRole + 1
SpotlightRole = Qt.ItemDataRole.UserRole + 2


class SaveEdition(QUndoCommand):
    """Saving an edition's form; undo saves the texts it had before, over the version this save left."""

    def __init__(self, view: PublishView, before: EditionData | None, after: EditionData):
        super().__init__(f"Save the {after.year} edition")
        self._view, self._before, self._after = view, before, after
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._write(self._after)

    def undo(self) -> None:
        if self._before is None:
            saved = self._view.services.editions.delete(self._after.id)
            self._after = saved.copy(id=None, version=None)
            self._view.reload()
            return
        self._write(self._before)

    def _write(self, data: EditionData) -> None:
        editions = self._view.services.editions
        current = editions.get(data.year)
        try:
            saved = editions.save(data.copy(id=current.id if current else None,
                                            version=current.version if current else None))
        except MhdeskError as exc:
            self.setObsolete(True)
            self._view.context.show_status(f"{self.text()} could not be replayed: {exc}")
            return
        if data is self._after:
            self._after = saved
        self._view.reload()


class PublishView(PrintsPdf, QWidget):
    print_landscape = False  # the newsletter is A4 portrait

    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "publish/view.ui")
        self.context, self.services = context, context.services
        self.edition: EditionData | None = None
        self.last_pdf: Path | None = None
        self.job: BackgroundJob | None = None
        for grouping in GROUPINGS:
            self.ui.groupingCombo.addItem(GROUPING_NAMES[grouping].capitalize(), grouping)
        years = self.services.editions.years()
        self.ui.yearSpin.setValue(years[-1] if years else reporting_year())
        self.ui.yearSpin.valueChanged.connect(lambda _year: self.reload())
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.generateButton.clicked.connect(lambda: self.generate())
        self.ui.openButton.clicked.connect(self.open_pdf)
        self.ui.openButton.setEnabled(False)
        self.ui.groupingCombo.currentIndexChanged.connect(lambda _i: self._fill_projects())
        self.ui.chooseCheck.toggled.connect(self._choosing_toggled)
        self.ui.addSpotlightButton.clicked.connect(self.add_spotlight)
        self.ui.removeSpotlightButton.clicked.connect(self.remove_spotlight)
        self.ui.spotlightList.currentItemChanged.connect(self._show_spotlight)
        self.ui.spotlightTitleEdit.textEdited.connect(self._spotlight_edited)
        self.ui.spotlightBodyEdit.textChanged.connect(self._spotlight_edited)
        self.ui.spotlightCaptionEdit.textEdited.connect(self._spotlight_edited)
        self.ui.spotlightCreditEdit.textEdited.connect(self._spotlight_edited)
        self.ui.spotlightPhotoButton.clicked.connect(self.choose_spotlight_photo)
        self.ui.spotlightNoPhotoButton.clicked.connect(lambda: self.set_spotlight_photo(None))
        self.ui.coverButton.clicked.connect(self.choose_cover_photo)
        self.ui.noCoverButton.clicked.connect(lambda: self.set_cover_photo(None))
        context.bus.changed.connect(lambda what: concerns(what, "projects", "editions") and self.reload())
        # the whole form is the edition: its History… is Ctrl+H anywhere in it (text fields keep their own menus)
        self.history_action = add_history_action(self, self.show_history, context_menu=False)
        self.ui.saveButton.setToolTip("Save the edition (Ctrl+H shows who changed it, when, and what)")
        self.reload()

    @property
    def year(self) -> int:
        return self.ui.yearSpin.value()

    # ---- the form from the record ----------------------------------------------------------

    def reload(self) -> None:
        self.edition = self.services.editions.get_or_draft(self.year)
        edition = self.edition
        self.ui.stateLabel.setText("" if edition.id else "not saved yet: the usual texts of a new edition")
        self.ui.titleEdit.setText(edition.title)
        self.ui.subtitleEdit.setText(edition.subtitle or "")
        self.ui.regionEdit.setText(edition.region_line or "")
        self.ui.welcomeEdit.setPlainText(edition.welcome_text or "")
        self.ui.signatureEdit.setText(edition.signature or "")
        self.ui.contactEdit.setPlainText(edition.contact_block or "")
        self._cover = (edition.cover_image, edition.cover_media_type) if edition.cover_image else None
        self._show_cover()
        self.ui.spotlightList.clear()
        for article in edition.spotlights:
            self._add_spotlight_item(SpotlightData(article.title, article.body, article.image, article.media_type,
                                                   article.caption, article.credit))
        self.ui.groupingCombo.blockSignals(True)
        self.ui.groupingCombo.setCurrentIndex(max(self.ui.groupingCombo.findData(edition.grouping), 0))
        self.ui.groupingCombo.blockSignals(False)
        self.ui.chooseCheck.blockSignals(True)
        self.ui.chooseCheck.setChecked(edition.projects_chosen)
        self.ui.chooseCheck.blockSignals(False)
        self._fill_projects(edition.project_codes if edition.projects_chosen else None)
        self.ui.sectionList.clear()
        for key, name in SECTIONS.items():
            item = QListWidgetItem(name)
            item.setData(CodeRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if edition.includes(key) else Qt.CheckState.Unchecked)
            self.ui.sectionList.addItem(item)

    def _fill_projects(self, chosen: list[str] | None = None) -> None:
        """Every project active in the year: with `chosen`, those first in their order and ticked, the others
        after them unticked; else in the grouping's order, all ticked."""
        editions = self.services.editions
        rows = editions.default_order(self.services.projects.rows(ProjectQuery(year=self.year)),
                                      self.ui.groupingCombo.currentData() or "programme_area")
        if chosen is not None:
            by_code = {row.code: row for row in self.services.projects.rows()}
            first = [by_code[c] for c in chosen if c in by_code]
            rows = first + [row for row in rows if row.code not in set(chosen)]
        self.ui.projectList.clear()
        grouping = self.ui.groupingCombo.currentData() or "programme_area"
        for row in rows:
            item = QListWidgetItem(f"{row.code} · {row.title}")
            item.setToolTip(editions.group_of(row, grouping))
            item.setData(CodeRole, row.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = chosen is None or row.code in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.ui.projectList.addItem(item)
        self._choosing_toggled(self.ui.chooseCheck.isChecked(), refill=False)

    def _choosing_toggled(self, choosing: bool, refill: bool = True) -> None:
        if refill and not choosing:
            self._fill_projects()
            return
        self.ui.projectList.setEnabled(choosing)

    # ---- spotlights ----------------------------------------------------------------------------

    def _add_spotlight_item(self, article: SpotlightData) -> QListWidgetItem:
        item = QListWidgetItem(article.title or "(untitled)")
        item.setData(SpotlightRole, article)
        self.ui.spotlightList.addItem(item)
        return item

    def add_spotlight(self) -> None:
        item = self._add_spotlight_item(SpotlightData("New article"))
        self.ui.spotlightList.setCurrentItem(item)
        self.ui.spotlightTitleEdit.setFocus()
        self.ui.spotlightTitleEdit.selectAll()

    def remove_spotlight(self) -> None:
        row = self.ui.spotlightList.currentRow()
        if row >= 0:
            self.ui.spotlightList.takeItem(row)

    def _show_spotlight(self, item: QListWidgetItem | None, _previous=None) -> None:
        article = item.data(SpotlightRole) if item else None
        ui = self.ui
        fields = (ui.spotlightTitleEdit, ui.spotlightBodyEdit, ui.spotlightCaptionEdit, ui.spotlightCreditEdit,
                  ui.spotlightPhotoButton, ui.spotlightNoPhotoButton)
        for widget in fields:
            widget.blockSignals(True)
            widget.setEnabled(article is not None)
        ui.spotlightTitleEdit.setText(article.title if article else "")
        ui.spotlightBodyEdit.setPlainText(article.body if article else "")
        ui.spotlightCaptionEdit.setText(article.caption or "" if article else "")
        ui.spotlightCreditEdit.setText(article.credit or "" if article else "")
        ui.spotlightPhotoState.setText(_photo_state(article.image, article.media_type) if article else "")
        ui.spotlightNoPhotoButton.setEnabled(bool(article and article.image))
        for widget in fields:
            widget.blockSignals(False)

    def _spotlight_edited(self, *_args) -> None:
        item = self.ui.spotlightList.currentItem()
        if item is None:
            return
        article: SpotlightData = item.data(SpotlightRole)
        article = SpotlightData(self.ui.spotlightTitleEdit.text(), self.ui.spotlightBodyEdit.toPlainText(),
                                article.image, article.media_type, self.ui.spotlightCaptionEdit.text() or None,
                                self.ui.spotlightCreditEdit.text() or None)
        item.setData(SpotlightRole, article)
        item.setText(article.title or "(untitled)")

    def choose_spotlight_photo(self) -> None:
        paths = open_file_names(self, "Photo of the article", PHOTOS, PHOTO_FILTER)
        if paths:
            self.set_spotlight_photo(paths[0])

    def set_spotlight_photo(self, path: Path | None) -> bool:
        """The current article's photo from a JPEG/PNG file (None: no photo); a refused file is named."""
        item = self.ui.spotlightList.currentItem()
        if item is None:
            return False
        photo = self._read_photo(path)
        if photo is False:
            return False
        article: SpotlightData = item.data(SpotlightRole)
        image, media_type = photo if photo else (None, None)
        item.setData(SpotlightRole, SpotlightData(article.title, article.body, image, media_type, article.caption,
                                                  article.credit))
        self._show_spotlight(item)
        return True

    # ---- the cover photo ----------------------------------------------------------------------

    def choose_cover_photo(self) -> None:
        paths = open_file_names(self, "Cover photo", PHOTOS, PHOTO_FILTER)
        if paths:
            self.set_cover_photo(paths[0])

    def set_cover_photo(self, path: Path | None) -> bool:
        photo = self._read_photo(path)
        if photo is False:
            return False
        self._cover = photo
        self._show_cover()
        return True

    def _show_cover(self) -> None:
        image, media_type = self._cover or (None, None)
        self.ui.coverState.setText(_photo_state(image, media_type))
        self.ui.noCoverButton.setEnabled(image is not None)

    def _read_photo(self, path: Path | None):
        """(bytes, media type) of a checked photo file, None for no photo, False when the file is refused."""
        if path is None:
            return None
        try:
            image = image_from_file(path)
        except ImageRefused as exc:
            self._say(str(exc))
            return False
        return image.data, image.media_type

    # ---- the record from the form -----------------------------------------------------------

    def edition_from_form(self) -> EditionData:
        ui = self.ui
        projects = [ui.projectList.item(i) for i in range(ui.projectList.count())]
        sections = [ui.sectionList.item(i) for i in range(ui.sectionList.count())]
        choosing = ui.chooseCheck.isChecked()
        return self.edition.copy(
            year=self.year, title=ui.titleEdit.text(), subtitle=ui.subtitleEdit.text(),
            region_line=ui.regionEdit.text(), welcome_text=ui.welcomeEdit.toPlainText(),
            signature=ui.signatureEdit.text(), contact_block=ui.contactEdit.toPlainText(),
            grouping=ui.groupingCombo.currentData() or "programme_area", projects_chosen=choosing,
            project_codes=[i.data(CodeRole) for i in projects if i.checkState() == Qt.CheckState.Checked]
            if choosing else [],
            sections_left_out=[i.data(CodeRole) for i in sections if i.checkState() != Qt.CheckState.Checked],
            spotlights=[ui.spotlightList.item(i).data(SpotlightRole) for i in range(ui.spotlightList.count())],
            cover_image=self._cover[0] if self._cover else None,
            cover_media_type=self._cover[1] if self._cover else None,
        )

    def save(self) -> EditionData | None:
        before = self.services.editions.get(self.year)
        try:
            saved = self.services.editions.save(self.edition_from_form())
        except MhdeskError as exc:
            self.context.show_status(str(exc))
            self.ui.logEdit.setPlainText(str(exc))
            return None
        self.context.undo_stack.push(SaveEdition(self, before, saved))
        self.context.show_status(f"Saved the {saved.year} edition.")
        self.reload()
        return saved

    def show_history(self) -> HistoryDialog:
        """Who changed the year's edition, when, and what, field by field."""
        return open_history(self, f"the {self.year} edition", self.services.record_history.of_edition(self.year))

    # ---- the PDF -------------------------------------------------------------------------------

    def generate(self, path: Path | None = None) -> BackgroundJob | None:
        """Build the PDF of the form as it is, off the GUI thread; asks where unless `path` is given."""
        edition = self.edition_from_form()
        if path is None:
            path = save_file_name(self, "Generate the newsletter", REPORTS, "PDF documents (*.pdf)",
                                  f"{edition.title or 'Newsletter'}.pdf", database=self.services.db.file)
            if path is None:
                return None
        services, fonts = self.services, fonts_folder()

        def work(progress):
            progress.report(0, 0, "Reading the records…")
            data = newsletter_data(services, edition.year, edition)

            def step(done: int, total: int, text: str) -> None:
                progress.report(done, total, text)
                progress.check()

            write_newsletter_pdf(data, path, fonts=fonts, progress=step)
            return path, data.notes

        self.ui.generateButton.setEnabled(False)
        self.job = (BackgroundJob(self, work, title="Generating the newsletter", label="Reading the records…")
                    .on_success(self._generated)
                    .on_failure(self._failed, MhdeskError, OSError, ValueError)
                    .on_cancel(lambda: self._say("Generating was cancelled; no file was written."))
                    .on_finish(lambda: self.ui.generateButton.setEnabled(True))
                    .start())
        return self.job

    def _generated(self, result) -> None:
        path, notes = result
        self.last_pdf = Path(path)
        self.ui.openButton.setEnabled(True)
        lines = [f"Wrote {path}."] + [f"Warning: {note}" for note in notes]
        self.ui.logEdit.setPlainText("\n".join(lines))
        self.context.show_status(f"Wrote {Path(path).name}" + (f" with {len(notes)} warning(s)." if notes else "."))

    def _failed(self, exc: BaseException) -> None:
        self._say(f"The newsletter could not be written: {exc}")

    def _say(self, text: str) -> None:
        self.ui.logEdit.setPlainText(text)
        self.context.show_status(text)

    def open_pdf(self) -> bool:
        """Show the last PDF in the system's viewer."""
        return bool(self.last_pdf) and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf)))

    def write_pdf(self, path: Path | None = None) -> Path:
        """What File > Print and Print preview show: the PDF last generated, else the edition as the form
        shows it, written to `path` or a temporary file."""
        if path is None and self.last_pdf is not None and self.last_pdf.exists():
            return self.last_pdf
        edition = self.edition_from_form()
        path = path or print_file(f"newsletter-{edition.year}.pdf")
        return write_newsletter_pdf(newsletter_data(self.services, edition.year, edition), path, fonts=fonts_folder())


PHOTO_FILTER = "Photos (*.jpg *.jpeg *.png)"


def _photo_state(image: bytes | None, media_type: str | None) -> str:
    if not image:
        return "none"
    kind = "JPEG" if media_type == "image/jpeg" else "PNG"
    return f"a {kind} photo of {len(image) / 1024:,.0f} KB"
