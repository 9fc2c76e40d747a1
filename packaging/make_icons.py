"""Render packaging/icons/gdstudio.svg to the PNG, ICO and ICNS files the installers use.

Writes packaging/icons/hicolor/<N>x<N>/apps/gdstudio.png for N in SIZES (the freedesktop
hicolor layout the AppDir and .deb-style installs use), gdstudio.ico (Windows) and
gdstudio.icns (macOS) next to the SVG, and copies the SVG and the 256 px PNG to
resources/icons/ so the app can set its window icon. Run with any Qt platform; the
offscreen one is enough: ``python packaging/make_icons.py``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SVG = HERE / "icons" / "gdstudio.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(renderer, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QIcon, QImageWriter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    icon = QIcon()
    for size in SIZES:
        out = HERE / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "gdstudio.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        image = render(renderer, size)
        if not image.save(str(out), "PNG"):
            print(f"make_icons: cannot write {out}", file=sys.stderr)
            return 1
        icon.addFile(str(out))
        print(f"wrote {out.relative_to(ROOT)}")
    scalable = HERE / "icons" / "hicolor" / "scalable" / "apps" / "gdstudio.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)

    for fmt, sizes in (("ico", (16, 32, 48, 64, 128, 256)), ("icns", (16, 32, 64, 128, 256, 512))):
        out = HERE / "icons" / f"gdstudio.{fmt}"
        writer = QImageWriter(str(out), fmt.encode())
        if not writer.canWrite():
            print(f"make_icons: Qt cannot write .{fmt} here ({writer.errorString()}); skipped")
            continue
        # One large image: Windows and macOS scale it down for the small sizes.
        ok = writer.write(render(renderer, max(sizes)))
        print(f"wrote {out.relative_to(ROOT)}" if ok else f"make_icons: {writer.errorString()}")

    icons = ROOT / "resources" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, icons / "gdstudio.svg")
    shutil.copyfile(HERE / "icons" / "hicolor" / "256x256" / "apps" / "gdstudio.png",
                    icons / "gdstudio.png")
    print(f"wrote {(icons / 'gdstudio.svg').relative_to(ROOT)}, gdstudio.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
