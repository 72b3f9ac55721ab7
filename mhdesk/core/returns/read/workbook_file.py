"""Opening a returned workbook: refuse what is not a readable .xlsx, in one sentence.

The file is read into memory once; its bytes give the SHA-256, the format
checks (magic bytes, zip directory, the package's main part), the safety
checks of its package (zip_guard: sizes, no DTD, sheets within bounds) and
the workbook handed to python-calamine, which sees nothing those refused.
Nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook

from ..problems import ReturnFileError
from .formula_cells import sheet_parts
from .zip_guard import PackageScan, UnsafeWorkbook, check_directory, check_extent, scan_parts

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Stream names of an encrypted Office Open XML package (MS-OFFCRYPTO), as
# stored in the OLE2 directory (UTF-16LE).
ENCRYPTED_STREAMS = tuple(name.encode("utf-16-le") for name in ("EncryptedPackage", "EncryptionInfo"))
OFFICE_DOCUMENT_REL = "/officeDocument"
PACKAGE_RELS = "_rels/.rels"
SNIFF_BYTES = 4096


@dataclass
class WorkbookFile:
    """A workbook that passed the format checks, ready to read."""

    path: Path
    data: bytes
    sha256: str
    book: CalamineWorkbook
    archive: zipfile.ZipFile
    main_part: str  # e.g. "xl/workbook.xml"
    scan: PackageScan  # what the safety checks saw of each part

    def may_hold_formulas(self, part: str) -> bool:
        extent = self.scan.extents.get(part)
        return extent is None or extent.may_hold_formulas

    @property
    def name(self) -> str:
        return self.path.name

    def close(self) -> None:
        try:
            self.book.close()
        except Exception:  # already closed: nothing to release
            pass
        self.archive.close()


def open_workbook_file(path: str | os.PathLike) -> WorkbookFile:
    """Read and check `path`; `ReturnFileError` with one plain sentence when it
    is not a readable .xlsx workbook."""
    path = Path(path)
    require_defused_xml()
    data = _read_bytes(path)
    _refuse_non_zip(path, data)
    archive = _open_zip(path, data)
    try:
        scan = _check_package(path, data, archive)
        main_part = _main_part(path, archive)
        _check_sheets(path, archive, main_part, scan)
        book = _open_calamine(path, data)
    except BaseException:
        archive.close()
        raise
    return WorkbookFile(path, data, hashlib.sha256(data).hexdigest(), book, archive, main_part, scan)


def require_defused_xml() -> None:
    """openpyxl (which writes the problem report from a mission's own file) parses XML through defusedxml
    only when it is installed and not switched off; without it no return is read."""
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise ReturnFileError("Returns cannot be imported: the defusedxml package, which keeps workbooks from "
                              "expanding hostile XML, is missing or switched off (OPENPYXL_DEFUSEDXML); "
                              "reinstall mhdesk.")


def _check_package(path: Path, data: bytes, archive: zipfile.ZipFile) -> PackageScan:
    try:
        check_directory(archive)
        return scan_parts(data, archive)
    except UnsafeWorkbook as exc:
        raise ReturnFileError(f"{_quoted(path)} was refused: it {exc}.") from exc
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError) as exc:
        raise ReturnFileError(
            f"{_quoted(path)} is damaged (a part of the .xlsx archive cannot be unpacked); ask for the file again."
        ) from exc


def _check_sheets(path: Path, archive: zipfile.ZipFile, main_part: str, scan: PackageScan) -> None:
    """Each worksheet's filled cells within bounds, named by the sheet's title where the workbook tells it."""
    titles = {part: title for title, part in sheet_parts(archive, main_part).items()}
    for part, extent in scan.extents.items():
        try:
            check_extent(titles.get(part, posixpath.basename(part)), extent)
        except UnsafeWorkbook as exc:
            raise ReturnFileError(f"{_quoted(path)} was refused: it {exc}.") from exc


def _quoted(path: Path) -> str:
    return f'"{path.name}"'


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ReturnFileError(f"The file {_quoted(path)} does not exist.")
    if path.is_dir():
        raise ReturnFileError(f"{_quoted(path)} is a folder, not a workbook file.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ReturnFileError(f"The file {_quoted(path)} could not be opened ({reason.lower()}).") from exc
    if not data:
        raise ReturnFileError(f"The file {_quoted(path)} is empty.")
    return data


def _refuse_non_zip(path: Path, data: bytes) -> None:
    if data.startswith(ZIP_SIGNATURES):
        return
    name = _quoted(path)
    if data.startswith(OLE2_SIGNATURE):
        if any(stream in data for stream in ENCRYPTED_STREAMS):
            raise ReturnFileError(
                f"{name} looks encrypted or password protected; remove the password in Excel "
                "and save it again as an .xlsx workbook."
            )
        raise ReturnFileError(
            f"{name} is an old Excel 97-2003 (.xls) file or another older Office format; "
            "open it in Excel and save it as an .xlsx workbook."
        )
    head = data[:SNIFF_BYTES]
    text = _as_text(head)
    if text is not None:
        lowered = text.lstrip().lower()
        if lowered.startswith(("<!doctype html", "<html", "<table")) or "<html" in lowered[:512]:
            raise ReturnFileError(
                f"{name} is a web page (HTML), not an Excel workbook; open it in Excel and save it as .xlsx."
            )
        if lowered.startswith("<?xml"):
            raise ReturnFileError(
                f"{name} is an XML file, not an .xlsx workbook; open it in Excel and save it as .xlsx."
            )
        raise ReturnFileError(
            f"{name} is a text file (it looks like CSV), not an Excel workbook; "
            "open it in Excel and save it as an .xlsx workbook."
        )
    raise ReturnFileError(f"{name} is not an Excel workbook (.xlsx); its content is not in a format mhdesk can read.")


def _as_text(head: bytes) -> str | None:
    """The start of the file as text, or None if it is binary."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            try:
                return head[len(bom):].decode(encoding, errors="ignore")
            except UnicodeDecodeError:
                return None
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the sniff boundary
            text = head.decode("cp1252", errors="replace")
        else:
            text = head[: exc.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text if text and printable / len(text) > 0.95 else None


def _open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReturnFileError(
            f"{_quoted(path)} is damaged (it is not a complete .xlsx archive); ask for the file again."
        ) from exc


def _main_part(path: Path, archive: zipfile.ZipFile) -> str:
    """The package's main part, checked to be an Excel workbook."""
    names = set(archive.namelist())
    name = _quoted(path)
    if "mimetype" in names and "content.xml" in names:
        raise ReturnFileError(
            f"{name} is an OpenDocument spreadsheet (.ods), not .xlsx; save it as an Excel workbook (.xlsx)."
        )
    target = None
    if PACKAGE_RELS in names:
        try:
            root = ElementTree.fromstring(archive.read(PACKAGE_RELS))
        except Exception as exc:
            raise ReturnFileError(f"{name} is damaged (its package description cannot be read).") from exc
        for rel in root:
            if rel.get("Type", "").endswith(OFFICE_DOCUMENT_REL):
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                break
    if target is None:
        target = "xl/workbook.xml" if "xl/workbook.xml" in names else None
    if target is None or target not in names:
        if "word/document.xml" in names:
            raise ReturnFileError(f"{name} is a Word document, not an Excel workbook.")
        if "ppt/presentation.xml" in names:
            raise ReturnFileError(f"{name} is a PowerPoint presentation, not an Excel workbook.")
        raise ReturnFileError(f"{name} is a zip archive but not an Excel workbook (.xlsx).")
    if target.endswith(".bin"):
        raise ReturnFileError(
            f"{name} is a binary Excel workbook (.xlsb); save it as an ordinary Excel workbook (.xlsx)."
        )
    return target


def _open_calamine(path: Path, data: bytes) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own errors, and others on odd input
        raise unreadable(path, exc) from exc


def unreadable(path: Path, exc: BaseException) -> ReturnFileError:
    """The error for a workbook python-calamine could not read."""
    name = _quoted(path)
    if "password" in str(exc).lower() or type(exc).__name__ == "PasswordError":
        return ReturnFileError(f"{name} looks encrypted or password protected; remove the password and save it again.")
    return ReturnFileError(f"{name} is damaged and cannot be read as an Excel workbook; ask for the file again.")
