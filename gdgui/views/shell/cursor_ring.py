"""A translucent ring around the mouse pointer (H), so the back row sees what the lecturer points at."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["CursorRing", "RADIUS"]

RADIUS = 34    # px, to the middle of the ring: a finger's width on a projector
_WIDTH = 10    # px of highlighter
_FILL = QColor(255, 214, 0, 150)   # a yellow highlighter, translucent: the plot shows through
_EDGE = QColor(20, 24, 32, 150)    # a thin dark edge, so the ring reads on white and on yellow alike


class CursorRing(QWidget):
    """Drawn over ``window`` (its menus and popups excepted), never in the way of a click: it follows
    the pointer's moves over the window, read by an event filter while it is shown."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("cursorRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        side = 2 * (RADIUS + _WIDTH)
        self.resize(side, side)
        self.hide()

    def set_shown(self, shown: bool) -> None:
        app = QApplication.instance()
        if shown:
            self.follow(self.parentWidget().mapFromGlobal(QCursor.pos()))
            app.installEventFilter(self)
            self.raise_()
        else:
            app.removeEventFilter(self)
        self.setVisible(shown)

    def follow(self, point: QPoint) -> None:
        """Centre the ring on ``point`` (in the window's coordinates)."""
        self.move(point - self.rect().center())

    def centre(self) -> QPoint:
        return self.geometry().center()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The window's native window gets every move over it, whichever widget is under the pointer.
        if event.type() == QEvent.Type.MouseMove and watched is self.parentWidget().windowHandle():
            self.follow(event.position().toPoint())
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QRectF(self.rect()).center()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(_FILL, _WIDTH))
        painter.drawEllipse(centre, RADIUS, RADIUS)
        painter.setPen(QPen(_EDGE, 2))
        for radius in (RADIUS - _WIDTH / 2 - 1, RADIUS + _WIDTH / 2 + 1):
            painter.drawEllipse(centre, radius, radius)
