"""A sidebar section whose title button folds its contents away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

__all__ = ["CollapsibleGroup"]

_OPEN, _CLOSED = "▾", "▸"


class CollapsibleGroup(QWidget):
    """A title with an arrow; clicking it shows or hides ``body`` (a widget laid out below)."""

    def __init__(self, title: str, body: QWidget, tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.body = body
        self._title = title
        # The arrow is a character of the title, not a style's arrow: it then grows with the font.
        self.header = QPushButton(f"{_OPEN}  {title}", self)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setToolTip(tooltip or f"Show or hide the {title.lower()} settings.")
        self.header.setStyleSheet("QPushButton { font-weight: bold; border: none; text-align: left; padding: 2px 0; }")
        self.header.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(body)
        self.header.toggled.connect(self.set_expanded)

    def set_expanded(self, expanded: bool) -> None:
        self.header.setChecked(expanded)
        self.header.setText(f"{_OPEN if expanded else _CLOSED}  {self._title}")
        self.body.setVisible(expanded)
