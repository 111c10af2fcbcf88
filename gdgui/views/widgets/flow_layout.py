"""A layout that lines widgets up left to right and wraps to a new row when the width runs out.

The map's toolbar uses it: with projector-sized fonts its buttons would otherwise force the
window wider than the screen. (After Qt's own "Flow Layout" example.)
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

__all__ = ["FlowLayout"]

_NO_LIMIT = 16_777_215  # Qt's QWIDGETSIZE_MAX


class FlowLayout(QLayout):
    """Rows of items at their size hints; ``heightForWidth`` tells the parent how tall it gets.
    Or, ``set_columns``, a column or two of items all of one width (a toolbar beside what it serves)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, row_spacing: int | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing  # between neighbours in a row
        self._row_spacing = spacing if row_spacing is None else row_spacing
        self._height_for: tuple[int, int] | None = None  # (width, height) measured since the last invalidate
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 — Qt override
        self._items.append(item)
        self._height_for = None

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 — Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 — Qt override
        self._height_for = None
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def invalidate(self) -> None:
        """Qt calls it whenever an item's size hint or visibility changes: measure anew."""
        self._height_for = None
        super().invalidate()

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 — Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 — Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 — Qt override
        # Asked again and again at one width as a window is laid out (~17 times as a 200-node graph opens): measured once.
        if self._height_for is None or self._height_for[0] != width:
            self._height_for = (width, self._arrange(QRect(0, 0, width, 0), move=False))
        return self._height_for[1]

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 — Qt override
        super().setGeometry(rect)
        height = self._arrange(rect, move=True)
        owner = self.parentWidget()
        if owner is not None and owner.minimumHeight() != height:
            # The window's minimum size ignores height-for-width: without this, a second row
            # would overlap what lies below it when the window is short.
            owner.setMinimumHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        width = sum(item.sizeHint().width() for item in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((item.sizeHint().height() for item in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802 — Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def column_size(self, columns: int = 1) -> QSize:
        """The size of the items in ``columns`` columns, each item as wide as the widest, filled row by row."""
        hints = [item.widget().sizeHint() for item in self._items if item.widget() is not None and not item.isEmpty()]
        rows = [hints[start:start + columns] for start in range(0, len(hints), columns)]
        height = sum(max(hint.height() for hint in row) for row in rows) + self._row_spacing * max(0, len(rows) - 1)
        widest = max((hint.width() for hint in hints), default=0)
        return QSize(columns * widest + self._spacing * (columns - 1) if hints else 0, height)

    def set_columns(self, columns: int) -> None:
        """Line the items up in ``columns`` columns of one width (``column_size``), or (0) let them flow
        in rows again at their own widths."""
        width = self.column_size().width() if columns else 0
        for widget in (item.widget() for item in self._items if item.widget() is not None):
            widget.setMinimumWidth(width)
        whole = self.column_size(columns).width() if columns else 0
        self.parentWidget().setMinimumWidth(whole)
        self.parentWidget().setMaximumWidth(whole if columns else _NO_LIMIT)

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place (or just measure) the items in rows within ``rect``; returns the height used."""
        x, y, row_height = rect.x(), rect.y(), 0
        for item in (item for item in self._items if not item.isEmpty()):  # a hidden group takes no gap
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and row_height > 0:
                x, y, row_height = rect.x(), y + row_height + self._row_spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()
