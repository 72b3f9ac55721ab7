"""A workbook is saved whole or not at all: the file already there survives a failed save."""

from __future__ import annotations

import openpyxl
import pytest

from mhdesk.core.files import save_workbook


class FailingBook(openpyxl.Workbook):
    def save(self, filename):
        with open(filename, "wb") as half:
            half.write(b"PK\x03\x04 half a workbook")
        raise OSError("disk full")


def test_a_failed_save_leaves_the_old_file_and_no_debris(tmp_path):
    target = tmp_path / "return.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Mission"
    save_workbook(book, target)
    before = target.read_bytes()

    with pytest.raises(OSError, match="disk full"):
        save_workbook(FailingBook(), target)

    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["return.xlsx"]
    assert openpyxl.load_workbook(target).active["A1"].value == "Mission"
