"""Events, publications, editions and photos as records: versioned writes, checks, the 0005 conversion."""

from __future__ import annotations

import io
import sqlite3
from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from PIL import Image
from sqlalchemy import create_engine, text

from mhdesk.core.connect import open_database
from mhdesk.core.errors import StaleRecord, ValidationFailed
from mhdesk.core.exports.markup import blocks, inline
from mhdesk.core.images import MAX_BYTES, ImageRefused, image_from_bytes, image_from_file
from mhdesk.core.migrate import MIGRATIONS
from mhdesk.core.services import Services, project_records
from mhdesk.core.services.editions import SpotlightData
from mhdesk.core.services.events import EventData
from mhdesk.core.services.project_records import PhotoData, ProjectData
from mhdesk.core.services.publications import PublicationData


def png_bytes(width=640, height=480, colour="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def test_markup_escapes_everything_but_its_own_marks():
    assert inline("<b>x</b> & <para>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;para&gt;"
    assert inline("**bold** and *it*, 2 * 3") == "<b>bold</b> and <i>it</i>, 2 * 3"
    assert inline("**a *b** c*") == "**a <i>b** c</i>"  # crossing marks never make crossing tags
    assert inline("[site](https://x.org/?a=1&b=2)") == '<a href="https://x.org/?a=1&amp;b=2" color="#0b4f8a">site</a>'
    assert inline('[x](javascript:alert(1))') == "[x](javascript:alert(1))"
    assert [b.kind for b in blocks("One\n\n- a\n- b\nafter")] == ["paragraph", "bullets", "paragraph"]


def test_a_photo_is_checked_by_its_bytes_and_gets_a_thumbnail(tmp_path):
    image = image_from_bytes(png_bytes(1200, 600), "wide.png")
    assert (image.media_type, image.width, image.height) == ("image/png", 1200, 600)
    assert Image.open(io.BytesIO(image.thumbnail)).size == (240, 120)
    fake = tmp_path / "photo.jpg"
    fake.write_text("not an image at all")
    with pytest.raises(ImageRefused, match="photo.jpg is not a JPEG or PNG image"):
        image_from_file(fake)
    big = tmp_path / "huge.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_BYTES)
    with pytest.raises(ImageRefused, match="huge.png is 12.0 MB; photos may be at most 12 MB"):
        image_from_file(big)
    with pytest.raises(ImageRefused, match="cannot be read"):
        image_from_bytes(b"\xff\xd8\xff" + b"\0" * 50, "broken.jpg")


def test_photos_and_testimonies_keep_their_order_and_bytes(services):
    first = PhotoData.from_image(image_from_bytes(png_bytes(colour="red")), caption="Red", credit="© IOM 2019")
    second = PhotoData.from_image(image_from_bytes(png_bytes(colour="blue")), caption="Blue")
    project = services.projects.create(ProjectData(
        code="MA.0700", title="Clinic", photos=[first, second],
        testimonies=[project_records.TestimonyData("It helped.", "A nurse", "Osh"), project_records.TestimonyData("Thank you.")]))
    assert [p.caption for p in project.photos] == ["Red", "Blue"]
    swapped = services.projects.update(project.copy(photos=[project.photos[1], project.photos[0]]))
    again = services.projects.get(project.id)
    assert [p.caption for p in again.photos] == ["Blue", "Red"] and again.photos[1].image == first.image
    assert again.testimonies[0] == project_records.TestimonyData("It helped.", "A nurse", "Osh")
    assert swapped.version == project.version + 1
    with pytest.raises(StaleRecord):
        services.projects.update(project.copy(testimonies=[]))


def test_events_and_publications_are_versioned_records(services):
    event = services.events.create(EventData(date(2019, 3, 14), "TB day", "month", place="Dushanbe",
                                             country="Tajikistan", participants=40))
    assert event.date == date(2019, 3, 1) and event.when == "March 2019"
    changed = services.events.update(EventData(**{**event.__dict__, "title": "World TB Day"}))
    with pytest.raises(StaleRecord):
        services.events.update(event)
    assert [e.title for e in services.events.list(2019)] == ["World TB Day"] and services.events.list(2020) == []
    with pytest.raises(ValidationFailed, match="Country"):
        services.events.create(EventData(date(2019, 1, 1), "X", country="Atlantis"))
    services.events.delete(changed.id, changed.version)
    assert services.events.list() == []
    book = services.publications.create(PublicationData("Migrants' right to health", year=2017, pages=164,
                                                        isbn="978-9967-11-628-3"))
    with pytest.raises(ValidationFailed, match="ISBN"):
        services.publications.update(PublicationData(**{**book.__dict__, "isbn": "<script>"}))
    assert services.publications.list(2017)[0].pages == 164


def test_an_edition_saves_its_spotlights_projects_and_sections(services):
    services.projects.create(ProjectData(code="MA.0701", title="A", start=date(2018, 1, 1), end=date(2020, 1, 1)))
    services.projects.create(ProjectData(code="MP.0702", title="B", programme_area="MP", start=date(2019, 2, 1),
                                         end=date(2020, 1, 1)))
    draft = services.editions.draft(2019)
    assert [r.code for r in services.editions.contents(draft).rows] == ["MA.0701", "MP.0702"]
    assert [r.code for r in services.editions.contents(draft).new_projects] == ["MP.0702"]
    saved = services.editions.save(draft.copy(
        spotlights=[SpotlightData("Border health", "Body")], projects_chosen=True,
        project_codes=["MP.0702", "MA.0701"], sections_left_out=["charts"]))
    again = services.editions.get(2019)
    assert again.project_codes == ["MP.0702", "MA.0701"] and not again.includes("charts")
    assert again.spotlights[0].title == "Border health"
    reordered = services.editions.save(again.copy(project_codes=["MA.0701", "MP.0702"]))
    assert reordered.version == saved.version + 1
    with pytest.raises(StaleRecord):
        services.editions.save(again.copy(title="Old copy"))
    with pytest.raises(ValidationFailed, match="not in the register"):
        services.editions.save(reordered.copy(project_codes=["MA.9999"]))


def test_0005_reads_photo_files_into_the_database_and_splits_the_spotlight(tmp_path):
    path = tmp_path / "office.sqlite"
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "clinic.png").write_bytes(png_bytes(800, 400))
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(text("INSERT INTO project (id, code, title, status, version) "
                                "VALUES (1, 'MA.0375', 'TB', 'active', 2)"))
        connection.execute(text("INSERT INTO photo (project_id, file, caption, credit) VALUES "
                                "(1, 'photos/clinic.png', 'The clinic', '© IOM 2017'), "
                                "(1, '/elsewhere/lost.jpg', 'Lost', NULL)"))
        connection.execute(text("INSERT INTO edition (year, title, spotlight, version) VALUES "
                                "(2017, 'Newsletter', 'Tuberculosis among migrants. Many reach care late.', 1)"))
    engine.dispose()
    db = open_database(path)
    project = Services(db).projects.find("MA.0375")
    kept, lost = project.photos
    assert (kept.caption, kept.credit, kept.width, kept.height, kept.media_type) == (
        "The clinic", "© IOM 2017", 800, 400, "image/png")
    assert kept.image == (tmp_path / "photos" / "clinic.png").read_bytes() and kept.thumbnail
    assert (lost.caption, lost.image, lost.file_name) == ("Lost", None, "lost.jpg")
    edition = Services(db).editions.get(2017)
    assert [(s.title, s.body) for s in edition.spotlights] == [("Tuberculosis among migrants", "Many reach care late.")]
    with sqlite3.connect(path) as raw:
        assert "file" not in [row[1] for row in raw.execute("PRAGMA table_info(photo)")]
