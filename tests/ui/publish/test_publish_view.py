"""The Publish view on the demo: the 2023 edition's texts saved and undone, projects chosen and ordered by
dragging, sections toggled, the PDF generated off the GUI thread (and cancelled), read back with pypdf."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from mhdesk.ui.publish.view import CodeRole


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def publish(window):
    view = window.show_view("publish")
    view.ui.yearSpin.setValue(2023)
    return view


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def listed_codes(view) -> list[str]:
    return [view.ui.projectList.item(i).data(CodeRole) for i in range(view.ui.projectList.count())]


def test_the_demo_edition_shows_its_texts_and_every_active_project(publish, services):
    edition = services.editions.get(2023)
    assert publish.ui.titleEdit.text() == edition.title
    assert publish.ui.welcomeEdit.toPlainText() == edition.welcome_text
    assert publish.ui.spotlightList.count() == len(edition.spotlights) == 2
    assert sorted(listed_codes(publish)) == sorted(r.code for r in services.editions.contents(edition).rows)
    assert not publish.ui.projectList.isEnabled()  # the default order until projects are chosen


def test_saving_the_texts_is_one_undo_step(publish, services, window):
    version = services.editions.get(2023).version
    publish.ui.welcomeEdit.setPlainText("Dear readers,\n\n**Thank you** for a year of work.")
    assert publish.save() is not None
    saved = services.editions.get(2023)
    assert saved.welcome_text.startswith("Dear readers") and saved.version == version + 1
    window.undo_stack.undo()
    assert services.editions.get(2023).welcome_text.startswith("In 2023 our missions")
    assert publish.ui.welcomeEdit.toPlainText().startswith("In 2023 our missions")
    window.undo_stack.redo()
    assert services.editions.get(2023).welcome_text.startswith("Dear readers")


def test_a_save_over_an_edition_changed_elsewhere_is_refused(publish, services):
    other = services.editions.get(2023)
    services.editions.save(other.copy(subtitle="Changed by a colleague"))
    publish.ui.subtitleEdit.setText("Mine")
    assert publish.save() is None
    assert "changed elsewhere" in publish.ui.logEdit.toPlainText()
    assert services.editions.get(2023).subtitle == "Changed by a colleague"


def test_projects_chosen_and_dragged_print_in_that_order(publish, services, qtbot, tmp_path):
    publish.ui.chooseCheck.setChecked(True)
    assert publish.ui.projectList.isEnabled()
    codes = listed_codes(publish)
    moved = publish.ui.projectList.takeItem(len(codes) - 1)  # what a drag to the top does to the list
    publish.ui.projectList.insertItem(0, moved)
    publish.ui.projectList.item(1).setCheckState(Qt.CheckState.Unchecked)
    left_out = publish.ui.projectList.item(1).data(CodeRole)
    for i in range(publish.ui.sectionList.count()):
        if publish.ui.sectionList.item(i).data(CodeRole) == "publications":
            publish.ui.sectionList.item(i).setCheckState(Qt.CheckState.Unchecked)
    saved = publish.save()
    assert saved.project_codes[0] == codes[-1] and left_out not in saved.project_codes
    assert saved.sections_left_out == ["publications"]

    out = tmp_path / "edition.pdf"
    job = publish.generate(out)
    qtbot.waitUntil(lambda: not job.is_running, timeout=60_000)
    assert publish.last_pdf == out and publish.ui.openButton.isEnabled()
    text = pdf_text(out)
    assert left_out not in text
    assert all(code in text for code in saved.project_codes)
    assert "Publications" not in text
    assert f"Wrote {out}" in publish.ui.logEdit.toPlainText()


def test_generating_can_be_cancelled_and_writes_nothing(publish, qtbot, tmp_path):
    out = tmp_path / "cancelled.pdf"
    job = publish.generate(out)
    job.cancel()
    qtbot.waitUntil(lambda: not job.is_running, timeout=60_000)
    assert not out.exists()
    assert "cancelled" in publish.ui.logEdit.toPlainText() and publish.last_pdf is None


def test_print_preview_shows_the_edition_in_portrait(publish):
    from PySide6.QtGui import QPageLayout

    preview = publish.print_preview()
    assert preview.printer_kept.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    assert "Migration Health Annual Report 2023" in pdf_text(publish.write_pdf())
    preview.close()


def a_photo(path, colour, size=(320, 200)):
    from PIL import Image

    Image.new("RGB", size, colour).save(path)
    return path


def test_spotlight_and_cover_photos_are_chosen_saved_and_printed(publish, services, tmp_path):
    publish.ui.tabs.setCurrentWidget(publish.ui.spotlightsTab)
    publish.ui.spotlightList.setCurrentRow(0)
    assert publish.set_spotlight_photo(a_photo(tmp_path / "clinic.png", "teal"))
    publish.ui.spotlightCaptionEdit.setText("A mobile clinic in Dushanbe")
    publish.ui.spotlightCaptionEdit.textEdited.emit("A mobile clinic in Dushanbe")
    publish.ui.spotlightCreditEdit.setText("© IOM 2023")
    publish.ui.spotlightCreditEdit.textEdited.emit("© IOM 2023")
    assert "PNG photo" in publish.ui.spotlightPhotoState.text() and publish.ui.spotlightNoPhotoButton.isEnabled()
    assert publish.set_cover_photo(a_photo(tmp_path / "cover.jpg", "navy", (1200, 800)))
    assert "JPEG photo" in publish.ui.coverState.text()

    fake = tmp_path / "not-a-photo.jpg"
    fake.write_text("<html>hello</html>")
    assert not publish.set_cover_photo(fake)  # refused, named, and the chosen cover is kept
    assert "not-a-photo.jpg is not a JPEG or PNG image" in publish.ui.logEdit.toPlainText()
    assert "JPEG photo" in publish.ui.coverState.text()

    assert publish.save() is not None
    saved = services.editions.get(2023)
    article = saved.spotlights[0]
    assert article.image == (tmp_path / "clinic.png").read_bytes() and article.media_type == "image/png"
    assert (article.caption, article.credit) == ("A mobile clinic in Dushanbe", "© IOM 2023")
    assert saved.cover_image == (tmp_path / "cover.jpg").read_bytes() and saved.cover_media_type == "image/jpeg"

    pdf = publish.write_pdf()
    reader = PdfReader(pdf)
    assert any(page.images for page in reader.pages[:1])  # the cover photo on the cover page
    assert "A mobile clinic in Dushanbe" in pdf_text(pdf) and "© IOM 2023" in pdf_text(pdf)

    publish.ui.spotlightList.setCurrentRow(0)
    assert publish.set_spotlight_photo(None) and publish.set_cover_photo(None)
    assert publish.save() is not None
    saved = services.editions.get(2023)
    assert saved.spotlights[0].image is None and saved.cover_image is None
