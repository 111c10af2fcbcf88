"""A black cover over the whole window (B, as presentation clickers send), so the class looks up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

__all__ = ["BlankOverlay"]


class BlankOverlay(QWidget):
    """Covers its parent window, menus included; a click or B uncovers it.

    Signals:
        dismissed(): a mouse click uncovered the screen.
    """

    dismissed = Signal()

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("blankOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()
        window.installEventFilter(self)

    def set_blank(self, blank: bool) -> None:
        if blank:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        self.setVisible(blank)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        QPainter(self).fillRect(self.rect(), QColor("black"))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.hide()
        self.dismissed.emit()
