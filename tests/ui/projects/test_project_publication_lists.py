"""The project editor's newsletter tabs: key achievements per year, photos (stored in the database, refused
when not a JPEG/PNG or too large), testimonies; each list edit undoable in the form, the save one window step."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from ui_helpers import click_button, click_row

from mhdesk.core.images import MAX_BYTES


def photo_file(path, colour="teal", size=(800, 600)):
    Image.new("RGB", size, colour).save(path)
    return path


def open_editor(projects_view, code="MP.0280"):
    click_row(projects_view, code)
    return projects_view.edit_selected()


def test_achievements_per_year_are_added_reordered_and_undone_in_the_form(window, projects_view, services):
    editor = open_editor(projects_view)
    ui, lists = editor.ui, editor.lists
    ui.achievementYearSpin.setValue(2022)
    for text in ("First clinic opened", "200 nurses trained"):
        ui.achievementEdit.setText(text)
        ui.addAchievementButton.click()
    ui.achievementYearSpin.setValue(2023)
    ui.achievementEdit.setText("Mobile teams in Odesa")
    ui.addAchievementButton.click()
    ui.achievementYearSpin.setValue(2022)
    assert [ui.achievementList.item(i).text() for i in range(2)] == ["First clinic opened", "200 nurses trained"]
    ui.achievementList.setCurrentRow(1)
    ui.achievementUpButton.click()
    assert lists.achievements[2022] == ["200 nurses trained", "First clinic opened"]
    ui.undoListsButton.click()
    assert lists.achievements[2022] == ["First clinic opened", "200 nurses trained"]
    ui.redoListsButton.click()
    click_button(editor, "OK")
    saved = services.projects.find("MP.0280")
    assert saved.achievements == {2022: ["200 nurses trained", "First clinic opened"], 2023: ["Mobile teams in Odesa"]}
    window.undo_stack.undo()
    assert services.projects.find("MP.0280").achievements == {}


def test_photos_are_stored_with_a_thumbnail_and_bad_files_are_refused(window, projects_view, services, tmp_path):
    editor = open_editor(projects_view)
    ui, lists = editor.ui, editor.lists
    ui.tabs.setCurrentWidget(ui.photosTab)
    text_file = tmp_path / "notes.jpg"
    text_file.write_text("minutes of the meeting")
    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_BYTES)
    refused = lists.add_photo_files([photo_file(tmp_path / "clinic.png"), text_file, huge,
                                     photo_file(tmp_path / "team.jpg", "red", (600, 900))])
    assert refused == ["notes.jpg is not a JPEG or PNG image.",
                       "huge.png is 12.0 MB; photos may be at most 12 MB."]
    assert ui.photoError.isVisible() and "notes.jpg" in ui.photoError.text()
    assert ui.photoList.count() == 2 and not ui.photoList.item(0).icon().isNull()
    ui.photoList.setCurrentRow(1)
    ui.captionEdit.setText("The mobile team in Chișinău")
    ui.creditEdit.setText("© IOM 2023")
    ui.creditEdit.editingFinished.emit()
    ui.photoUpButton.click()
    click_button(editor, "OK")
    photos = services.projects.find("MP.0280").photos
    assert [(p.caption, p.credit, p.media_type, p.width, p.height) for p in photos] == [
        ("The mobile team in Chișinău", "© IOM 2023", "image/jpeg", 600, 900), (None, None, "image/png", 800, 600)]
    assert photos[1].image == (tmp_path / "clinic.png").read_bytes()
    assert Image.open(io.BytesIO(photos[0].thumbnail)).size == (160, 240)


def test_a_photo_file_dropped_on_the_list_is_added(window, projects_view, tmp_path):
    editor = open_editor(projects_view)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo_file(tmp_path / "drop.png")))])
    viewport = editor.ui.photoList.viewport()
    drop = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only at the end of a real drag, so the list's drop handler is handed the event
    assert editor.lists._drops.eventFilter(viewport, drop)
    assert editor.ui.photoList.count() == 1 and editor.lists.photos[0].file_name == "drop.png"


def test_testimonies_are_added_typed_and_removed_with_undo(window, projects_view, services):
    editor = open_editor(projects_view)
    ui, lists = editor.ui, editor.lists
    ui.addTestimonyButton.click()
    ui.quoteEdit.setPlainText("The team came the same day.")
    ui.quoteByEdit.setText("A mother of three")
    ui.quoteByEdit.editingFinished.emit()
    ui.quotePlaceEdit.setText("Balti")
    ui.quotePlaceEdit.editingFinished.emit()
    assert [(t.quote, t.author, t.place) for t in lists.testimonies] == [
        ("The team came the same day.", "A mother of three", "Balti")]
    ui.removeTestimonyButton.click()
    assert lists.testimonies == []
    ui.undoListsButton.click()
    assert lists.testimonies[0].place == "Balti"
    click_button(editor, "OK")
    saved = services.projects.find("MP.0280").testimonies
    assert [(t.quote, t.author, t.place) for t in saved] == [("The team came the same day.", "A mother of three",
                                                             "Balti")]
