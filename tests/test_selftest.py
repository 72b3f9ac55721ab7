"""`mhdesk --selftest`: every check runs and passes on a healthy install, and a broken result is caught."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mhdesk.selftest import CheckFailed, pdf_pages

STEPS = ("bundled files", "database and demo", "return template round trip", "directory export",
         "indicator report export", "newsletter export", "database after all", "window and forms")


def test_selftest_passes_and_names_each_check(tmp_path):
    environment = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "mhdesk", "--selftest"], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for step in STEPS:
        assert any(line.startswith(f"ok    {step}: ") for line in lines), step
    assert lines[-1] == f"self-test passed: {len(STEPS)} checks"
    assert "FAIL" not in result.stdout
    assert list(tmp_path.iterdir()) == []  # the temporary folder went away with its database


def test_pdf_pages_counts_a_real_pdf_and_refuses_a_cut_one(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    whole = tmp_path / "three.pdf"
    canvas = Canvas(str(whole))
    for page in range(3):
        canvas.drawString(72, 720, f"page {page + 1}")
        canvas.showPage()
    canvas.save()
    assert pdf_pages(whole) == 3
    from pypdf import PdfReader

    assert len(PdfReader(whole).pages) == 3

    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(CheckFailed, match="cut short"):
        pdf_pages(cut)
    not_pdf = tmp_path / "text.pdf"
    not_pdf.write_text("hello")
    with pytest.raises(CheckFailed, match="PDF header"):
        pdf_pages(not_pdf)
