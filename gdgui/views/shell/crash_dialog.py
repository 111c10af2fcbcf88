"""Staying up: an unexpected exception is logged and shown, and the app keeps running.

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and carries on with the
event loop; ``CrashReporter`` is that hook. It writes the traceback to a size-capped log in
the user's data folder and shows one dialog with the details and a "Copy details" button.
Further errors while the dialog is open are appended to it (a failing timer slot must
not open sixty dialogs a second).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["CrashReporter", "CrashDialog", "LOG_NAME"]

LOG_NAME = "gdgui.log"
_LOG_BYTES, _LOG_BACKUPS = 1_000_000, 2
_MAX_SHOWN_CHARS = 200_000  # the dialog keeps the first errors; the log keeps them all


class CrashDialog(QDialog):
    """The details of one or more unexpected errors, with a copy button."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("gdgui: something went wrong")
        self.count = 0
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.copy_button = QPushButton("Copy details", self)
        self.copy_button.setObjectName("crashCopyButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.copy_button.clicked.connect(self.copy_details)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.details, buttons):
            layout.addWidget(widget)
        self._log_path = log_path
        self.resize(760, 420)

    def add_error(self, text: str) -> None:
        self.count += 1
        if len(self.details.toPlainText()) < _MAX_SHOWN_CHARS:
            self.details.appendPlainText(text)
        where = f"They were also written to {self._log_path}." if self._log_path else "(The log file could not be written.)"
        errors = "An unexpected error" if self.count == 1 else f"{self.count} unexpected errors"
        self.summary.setText(f"{errors} happened. gdgui is still running and your work is unchanged; "
                             f"the last action may not have finished. {where} "
                             "Please send the details below to the course's maintainers.")

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


class CrashReporter(QObject):
    """``sys.excepthook`` for the GUI: log, show, keep running."""

    def __init__(self, log_folder: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.log_path, self._logger = _open_log(log_folder)
        self.dialog: CrashDialog | None = None
        self._previous_hook = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in the terminal still quits
            self._previous_hook(exc_type, exc, tb)
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        self._log(text)
        try:
            self._show(text)
        except Exception:  # noqa: BLE001 - the hook itself must never fail; the log has the details
            traceback.print_exc()

    def _log(self, text: str) -> None:
        print(text, file=sys.stderr)
        if self._logger is not None:
            try:
                self._logger.error("Unexpected error\n%s", text)
            except Exception:  # noqa: BLE001 - a failing log must not raise inside the hook
                pass

    def _show(self, text: str) -> None:
        if self.dialog is None:
            self.dialog = CrashDialog(self.log_path, QApplication.activeWindow())
            self.dialog.finished.connect(self._forget_dialog)
        self.dialog.add_error(text)
        self.dialog.show()
        self.dialog.raise_()

    def _forget_dialog(self) -> None:
        self.dialog.deleteLater()
        self.dialog = None


def _open_log(folder: Path | None):
    """A rotating log under ``folder``; (None, None) if it cannot be created (read-only home...)."""
    if folder is None:
        return None, None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=_LOG_BYTES,
                                                       backupCount=_LOG_BACKUPS, encoding="utf-8")
    except OSError:
        return None, None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger(f"gdgui.crash.{id(handler)}")
    logger.propagate = False
    logger.addHandler(handler)
    return folder / LOG_NAME, logger
