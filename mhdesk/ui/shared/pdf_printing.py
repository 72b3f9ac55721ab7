"""Printing and previewing a PDF the exports wrote, page for page: the printout is the same document.

Pages are rasterised with pypdfium2 (a small wheel that bundles PDFium and needs no display), so the
same code prints on a desktop and renders offscreen in tests; Qt's own PDF module would need the large
PySide6-Addons package.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget

PRINT_DPI = 200


def page_count(path: str | os.PathLike) -> int:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _page_image(page, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB bytes, as QImage reads them
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # detached from the buffer, which goes when the bitmap does


def paint_pdf(path: str | os.PathLike, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
    """Draw each page of the PDF on its own sheet of `printer`; returns how many pages were drawn."""
    document = pypdfium2.PdfDocument(str(path))
    painter = QPainter()
    drawn = 0
    try:
        if not painter.begin(printer):
            return 0
        for number in range(len(document)):
            if number:
                printer.newPage()
            image = _page_image(document[number], dpi)
            area = QRectF(painter.viewport())
            size = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(area.topLeft(), size.toSizeF()), image)
            drawn += 1
    finally:
        if painter.isActive():
            painter.end()
        document.close()
    return drawn


def a4_landscape_printer(mode=QPrinter.PrinterMode.HighResolution, *, landscape: bool = True) -> QPrinter:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer = QPrinter(mode)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      printer.pageLayout().margins()))
    printer.setFullPage(True)  # the PDF carries its own margins
    return printer


def print_pdf(path: str | os.PathLike, parent: QWidget | None = None, *, landscape: bool = True) -> bool:
    """Ask which printer, then print the PDF (A4, landscape unless told); False when the user cancelled."""
    printer = a4_landscape_printer(landscape=landscape)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return paint_pdf(path, printer) > 0


def preview_pdf(path: str | os.PathLike, parent: QWidget | None = None, *, landscape: bool = True
                ) -> QPrintPreviewDialog:
    """A print preview of the PDF, shown (not modal) and returned."""
    printer = a4_landscape_printer(QPrinter.PrinterMode.ScreenResolution, landscape=landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_kept = printer  # the dialog only points to the printer: it must live as long as the dialog
    dialog.setWindowTitle("Print preview")
    dialog.paintRequested.connect(lambda target: paint_pdf(path, target, dpi=110))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def preview_widget(dialog: QPrintPreviewDialog) -> QPrintPreviewWidget:
    return dialog.findChild(QPrintPreviewWidget)


def print_file(name: str) -> Path:
    """A fresh temporary path for a PDF written only to be printed or previewed."""
    return Path(tempfile.mkdtemp(prefix="mhdesk-print-")) / name


class PrintsPdf:
    """A view whose printout is the PDF `write_pdf()` makes: File > Print… and Print preview… render that file."""

    print_landscape = True

    def write_pdf(self, path: Path | None = None) -> Path | None:
        raise NotImplementedError

    def print_document(self) -> bool:
        path = self.write_pdf()
        return bool(path) and print_pdf(path, self, landscape=self.print_landscape)

    def print_preview(self) -> QDialog | None:
        path = self.write_pdf()
        if path is None:
            return None
        self._preview = preview_pdf(path, self, landscape=self.print_landscape)
        return self._preview
