"""Workbooks built to hurt a reader, and one padded the way spreadsheets pad: for the bench and the tests.

Each hostile file is an otherwise valid mission return (Tajikistan 2019, one project, one indicator value)
with one part replaced, so that a reader that does not refuse it would import it. `HOSTILE` lists them by
name with what each attempts.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.returns import layout

MISSION, YEAR = "Tajikistan", 2019
SHEET_XML_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_XML_TAIL = b"</sheetData></worksheet>"
MB = 1024 * 1024


def write_plain_return(path: Path) -> Path:
    """A small valid return: the Return sheet, one project and one indicator value."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = layout.RETURN.name
    for row in (("Mission", MISSION), ("Year", YEAR), ("Submitted by", "Dilnoza Karimova")):
        sheet.append(row)
    projects = book.create_sheet(layout.PROJECTS.name)
    projects.append(["Code", "Title", "Status"])
    projects.append(["MA.0467", "Tuberculosis care for labour migrants", "active"])
    values = book.create_sheet(layout.INDICATORS.name)
    values.append(["Indicator", "Value", "Country", "Project code"])
    values.append(["PHC_CONSULT", 1200, MISSION, "MA.0467"])
    book.save(path)
    return path


def replace_part(path: Path, part: str, chunks: Callable[[], Iterator[bytes]], level: int = 6) -> Path:
    """Rewrite the zip at `path` with `part` replaced by what `chunks` yields (streamed, never held whole)."""
    source = path.read_bytes()
    with zipfile.ZipFile(_bytes_file(source)) as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as rewritten:
        for info in original.infolist():
            if info.filename == part:
                with rewritten.open(part, "w") as target:
                    for chunk in chunks():
                        target.write(chunk)
            else:
                rewritten.writestr(info, original.read(info))
    return path


def _bytes_file(data: bytes):
    import io

    return io.BytesIO(data)


def with_shared_strings(path: Path, strings_xml: bytes) -> Path:
    """A plain return whose Return sheet takes its texts from `strings_xml` (a sharedStrings.xml whose items
    are Mission, Tajikistan, Year, Submitted by and the submitter's name, in that order), as Excel writes it."""
    write_plain_return(path)
    sheet = _sheet_part_of_zip(path, layout.RETURN.name)
    rows = (b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            b'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>2019</v></c></row>'
            b'<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c></row>')
    replace_part(path, sheet, lambda: iter([SHEET_XML_HEAD, rows, SHEET_XML_TAIL]))
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                        "</Relationships>")
    replace_part(path, "[Content_Types].xml", lambda: iter([types.encode("utf-8")]))
    replace_part(path, "xl/_rels/workbook.xml.rels", lambda: iter([rels.encode("utf-8")]))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", strings_xml)
    return path


def shared_strings(submitter: str, declaration: str = "", encoding: str = "UTF-8") -> bytes:
    items = "".join(f"<si><t>{text}</t></si>" for text in ("Mission", MISSION, "Year", "Submitted by", submitter))
    text = (f'<?xml version="1.0" encoding="{encoding}" standalone="yes"?>{declaration}'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">'
            f"{items}</sst>")
    return text.encode("utf-16" if encoding == "UTF-16" else "utf-8")


def billion_laughs(path: Path) -> Path:
    """sharedStrings.xml declares entities that expand to 10^9 times "lol" in the submitter's name."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)]
    return with_shared_strings(path, shared_strings("&lol9;", "<!DOCTYPE sst [" + "".join(entities) + "]>"))


def external_entity(path: Path) -> Path:
    """workbook.xml pulls a local file into the workbook through an external entity."""
    write_plain_return(path)
    with zipfile.ZipFile(path) as archive:
        text = archive.read("xl/workbook.xml").decode("utf-8")
    hostile = re.sub(r"^(<\?xml[^>]*\?>)?", '<?xml version="1.0"?><!DOCTYPE workbook '
                     '[<!ENTITY secret SYSTEM "file:///etc/passwd">]>', text, count=1)
    hostile = hostile.replace("</workbook>", "<definedNames><definedName name=\"x\">&secret;</definedName>"
                              "</definedNames></workbook>") if "definedNames" not in hostile else hostile
    return replace_part(path, "xl/workbook.xml", lambda: iter([hostile.encode("utf-8")]))


def _padded_sheet(megabytes: int) -> Callable[[], Iterator[bytes]]:
    """A valid Indicators sheet followed by `megabytes` of blank padding inside its XML."""
    def chunks() -> Iterator[bytes]:
        yield SHEET_XML_HEAD
        yield (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Indicator</t></is></c>'
               b'<c r="B1" t="inlineStr"><is><t>Value</t></is></c></row>'
               b'<row r="2"><c r="A2" t="inlineStr"><is><t>PHC_CONSULT</t></is></c><c r="B2"><v>7</v></c></row>')
        padding = b" " * MB
        for _ in range(megabytes):
            yield padding
        yield SHEET_XML_TAIL
    return chunks


def inflating_sheet(path: Path, megabytes: int = 600) -> Path:
    """The Indicators sheet unpacks to `megabytes` (a zip bomb of about 1 MB), its size told honestly."""
    write_plain_return(path)
    return replace_part(path, _sheet_part_of_zip(path, layout.INDICATORS.name), _padded_sheet(megabytes), level=9)


def lying_sheet(path: Path, megabytes: int = 600) -> Path:
    """As `inflating_sheet`, but the zip directory says the sheet unpacks to 4 KB."""
    inflating_sheet(path, megabytes)
    part = _sheet_part_of_zip(path, layout.INDICATORS.name)
    _declare_size(path, part, 4096)
    return path


def _sheet_part_of_zip(path: Path, title: str) -> str:
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
    names = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook)
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def _declare_size(path: Path, part: str, size: int) -> None:
    """Overwrite the uncompressed size of `part` in its local header and in the central directory."""
    data = bytearray(path.read_bytes())
    name = part.encode("utf-8")
    with zipfile.ZipFile(_bytes_file(bytes(data))) as archive:
        offset = archive.getinfo(part).header_offset
    struct.pack_into("<L", data, offset + 22, size)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46:position + 46 + name_length] == name:
            struct.pack_into("<L", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def far_corner(path: Path) -> Path:
    """The Indicators sheet holds a value in A1 and one in XFD1048576, the last cell Excel has."""
    write_plain_return(path)

    def chunks() -> Iterator[bytes]:
        yield SHEET_XML_HEAD
        yield (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Indicator</t></is></c></row>'
               b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
        yield SHEET_XML_TAIL
    return replace_part(path, _sheet_part_of_zip(path, layout.INDICATORS.name), chunks)


def many_parts(path: Path, count: int = 5000) -> Path:
    """Thousands of tiny parts added to the package."""
    write_plain_return(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for number in range(count):
            archive.writestr(f"xl/media/filler{number}.xml", "<x/>")
    return path


def utf16_declaration(path: Path) -> Path:
    """sharedStrings.xml in UTF-16, where a byte scan for a DTD in UTF-8 would not see it."""
    return with_shared_strings(path, shared_strings("&x;", '<!DOCTYPE sst [<!ENTITY x "xx">]>', "UTF-16"))


def padded_return(path: Path, rows: int = 1_000_000) -> Path:
    """Not hostile: a valid return whose Indicators sheet has `rows` empty formatted rows below its value,
    as Excel writes them after a fill colour is dragged down the sheet (style only, no value)."""
    write_plain_return(path)

    def chunks() -> Iterator[bytes]:
        yield SHEET_XML_HEAD
        yield (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Indicator</t></is></c>'
               b'<c r="B1" t="inlineStr"><is><t>Value</t></is></c></row>'
               b'<row r="2"><c r="A2" t="inlineStr"><is><t>PHC_CONSULT</t></is></c><c r="B2"><v>1200</v></c>'
               b'</row>')
        for start in range(3, rows + 3, 10_000):
            yield "".join(f'<row r="{r}" spans="1:4" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/>'
                          f'<c r="C{r}" s="1"/><c r="D{r}" s="1"/></row>'
                          for r in range(start, min(start + 10_000, rows + 3))).encode("ascii")
        yield SHEET_XML_TAIL
    return replace_part(path, _sheet_part_of_zip(path, layout.INDICATORS.name), chunks, level=1)


HOSTILE: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "billion-laughs": ("entities expanding to 3 GB of text in sharedStrings.xml", billion_laughs),
    "external-entity": ("an entity reading a local file, in workbook.xml", external_entity),
    "utf16-entity": ("an entity declared in a UTF-16 part", utf16_declaration),
    "zip-bomb": ("a sheet unpacking to 600 MB, told in the zip directory", inflating_sheet),
    "lying-zip-bomb": ("a sheet unpacking to 600 MB while the zip directory says 4 KB", lying_sheet),
    "far-corner": ("a value in the last cell Excel has, XFD1048576", far_corner),
    "many-parts": ("5,000 parts in the package", many_parts),
}
