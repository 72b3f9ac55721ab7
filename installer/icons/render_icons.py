"""Render the application icon set from resources/icons/mhdesk.svg (run again whenever the SVG changes).

Writes installer/icons/hicolor/<n>x<n>/apps/mhdesk.png for the Linux desktop (plus the SVG under scalable/),
installer/windows/mhdesk.ico and installer/macos/mhdesk.icns. Qt's SVG renderer draws each size offscreen;
Pillow packs the sizes into the Windows and macOS containers.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "icons" / "mhdesk.svg"
HERE = Path(__file__).resolve().parent


def render(size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not an SVG Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"{target} could not be written.")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs one
    pngs = {}
    for size in SIZES:
        pngs[size] = HERE / "hicolor" / f"{size}x{size}" / "apps" / "mhdesk.png"
        render(size, pngs[size])
    scalable = HERE / "hicolor" / "scalable" / "apps" / "mhdesk.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    largest = Image.open(pngs[256])
    largest.save(ROOT / "installer" / "windows" / "mhdesk.ico", sizes=[(s, s) for s in SIZES])
    largest.save(ROOT / "installer" / "macos" / "mhdesk.icns")
    print(f"Rendered {', '.join(map(str, SIZES))} px from {SOURCE.name}, with the .ico and the .icns.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
