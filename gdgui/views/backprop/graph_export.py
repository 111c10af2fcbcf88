"""Export the graph scene as a picture for slides and hand-outs.

Pictures are rendered to memory, then written atomically: a failed export never leaves a
half-written file, nor replaces a good one.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

from gdgui.core.files.atomic_files import atomic_write_bytes
from gdgui.core.files.svg_clip import portable_svg

MARGIN = 24.0
PNG_SCALE = 2.0  # twice the screen resolution: sharp when projected or printed


def visible_bounds(scene) -> QRectF:
    """Bounds of what is drawn (hidden helpers such as the pending wire do not count)."""
    rect = QRectF()
    for item in scene.items():
        if item.isVisible() and not item.boundingRect().isEmpty():
            rect = rect.united(item.sceneBoundingRect())
    return rect


def _source_rect(scene) -> QRectF:
    return visible_bounds(scene).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def export_png(scene, path: str | Path) -> bool:
    """Render every item on white to a PNG; False if the file could not be written."""
    source = _source_rect(scene)
    size = QSize(max(1, int(source.width() * PNG_SCALE)), max(1, int(source.height() * PNG_SCALE)))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    with _uncached(scene):  # cached pixmaps are screen-sized: paint afresh at twice the resolution
        scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    buffer = _open_buffer()
    return image.save(buffer, "PNG") and _write(path, bytes(buffer.data()))


def _open_buffer() -> QBuffer:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def _write(path: str | Path, data: bytes) -> bool:
    """The rendered bytes become ``path`` atomically; False if the file cannot be written."""
    try:
        atomic_write_bytes(path, data)
    except OSError:
        return False
    return True


@contextmanager
def _uncached(scene):
    """Items paint themselves, not their cached pixmaps (an SVG keeps text as text), and text plates
    the view skips while zoomed far out paint too (the file is drawn at reading size)."""
    modes = [(item, item.cacheMode(), item.flags()) for item in scene.items()]
    for item, _, _ in modes:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
    try:
        yield
    finally:
        for item, mode, flags in modes:
            item.setCacheMode(mode)
            item.setFlags(flags)


def export_svg(scene, path: str | Path) -> bool:
    """Write the scene as SVG (text stays text, so slides can restyle it)."""
    with _uncached(scene):
        return _write_svg(scene, path)


def _write_svg(scene, path: str | Path) -> bool:
    source = _source_rect(scene)
    buffer = _open_buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("gdgui computation graph")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), QColor("white"))
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    return buffer.size() > 0 and _write(path, portable_svg(bytes(buffer.data())))  # any renderer draws it
