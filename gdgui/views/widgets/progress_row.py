"""A progress bar and its Cancel button in one row, shown only while background work runs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

__all__ = ["ProgressRow"]


class ProgressRow(QWidget):
    """``what %p%`` in a bar beside Cancel; hidden while idle.

    Signals:
        cancelled(): the user pressed Cancel.
    """

    cancelled = Signal()

    def __init__(self, what: str, cancel_name: str, cancel_tip: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setFormat(f"{what} %p%")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName(cancel_name)
        self.cancel_button.setToolTip(cancel_tip)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancelled)
        self.set_busy(False)

    def set_what(self, what: str, cancel_tip: str) -> None:
        """Name other work in the same row (one row for the stages of one task)."""
        self.bar.setFormat(f"{what} %p%")
        self.cancel_button.setToolTip(cancel_tip)
        self._fit_text()

    def set_busy(self, busy: bool) -> None:
        """Show the row from 0 % while work runs; hide it when the work ends."""
        if busy:
            self.bar.setValue(0)
            self._fit_text()  # in the font of now: a projector's is larger
        self.setVisible(busy)

    def _fit_text(self) -> None:
        """The bar never narrower than its text at 100 %, which would wrap and be cut."""
        metrics = self.bar.fontMetrics()
        text = self.bar.format().replace("%p", "100")
        self.bar.setMinimumWidth(metrics.horizontalAdvance(text) + 2 * metrics.height())

    def set_share(self, share: float) -> None:
        """The share done, 0 … 1."""
        self.bar.setValue(round(100 * share))
