"""The application-wide look: base font size and stylesheet for normal and projector mode.

The tabs restyle their own widgets on ``ThemeController.changed``; this covers the rest
(menus, the status bar, dialogs, the tab bar) through the application's font and stylesheet.
Under a style sheet Qt re-resolves widget fonts whenever the sheet is replaced, so the look
must be applied once before any widget exists, and on each change before the tabs restyle.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gdgui.resources import read_text

__all__ = ["apply_look"]


def apply_look(app: QApplication, theme) -> None:
    """Font and stylesheet of ``theme`` (normal or projector) for the whole application."""
    font = app.font()
    font.setPointSizeF(theme.sizes.font_pt)
    app.setFont(font)
    sheets = [read_text("styles", "app.qss")]
    if theme.projector:
        sheets.append(read_text("styles", "projector.qss"))
    app.setStyleSheet("\n".join(sheets))
