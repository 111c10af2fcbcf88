"""The application-wide look: base font size and stylesheet for normal and projector mode.

The tabs restyle their own widgets on ``ThemeController.changed``; this covers the rest
(menus, the status bar, dialogs, the tab bar) through the application's font and stylesheet.

One stylesheet holds both looks: projector.qss's rules apply inside a window whose dynamic
property ``projector`` is true, so a switch never replaces the application's sheet (which made Qt
rebuild the style of every widget of the application: a second of CPU). It sets the property on
the windows and polishes their widgets again, a window still hidden (a menu) when it next shows.
Polishing is also what passes the new application font on: under a style sheet a widget's font is
resolved against its parent's when the widget is polished, and never followed afterwards.
The look is applied on each change before the tabs restyle, so they measure the new sizes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from gdgui.resources import read_text

__all__ = ["apply_look", "style_sheet"]

PROPERTY = "projector"  # the dynamic property projector.qss's selectors ask for


@cache
def style_sheet() -> str:
    """The application's stylesheet: projector.qss first (see its comment), then app.qss."""
    return read_text("styles", "projector.qss") + "\n" + read_text("styles", "app.qss")


def apply_look(app: QApplication, theme) -> None:
    """Font and stylesheet of ``theme`` (normal or projector) for the whole application."""
    font = app.font()
    font.setPointSizeF(theme.sizes.font_pt)
    app.setFont(font)
    if app.styleSheet() != style_sheet():
        app.setStyleSheet(style_sheet())
    for window in app.topLevelWidgets():
        if bool(window.property(PROPERTY)) == theme.projector:
            continue
        window.setProperty(PROPERTY, theme.projector)
        if window.isVisible():
            _polish_again(window)
        else:
            window.installEventFilter(_polish_on_show(app))


def _polish_again(window: QWidget) -> None:
    """Polish ``window`` and its widgets, parents before children, as a new application sheet would.

    A widget with a style sheet of its own is left alone with its children: each of them (the
    Descent tab, the deck's banner) sets a new sheet on every theme change, after this, which
    polishes them again anyway. A widget whose font the code never set is given the natural
    font first: a style sheet of its own, even emptied since (a refused formula's red border),
    left its font's size marked as set, which polishing would keep (the field stayed at 11 pt)."""
    event = QEvent(QEvent.Type.StyleChange)
    for widget in _unstyled_tree(window):
        if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            widget.setFont(QFont())  # an empty font: nothing of it set, all of it the parent's
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        QCoreApplication.sendEvent(widget, event)


def _unstyled_tree(window: QWidget) -> list[QWidget]:
    """``window`` and its widgets depth first, but for those with a style sheet of their own and theirs."""
    found, waiting = [], [window]
    while waiting:
        widget = waiting.pop()
        found.append(widget)
        children = [child for child in widget.children() if isinstance(child, QWidget) and not child.styleSheet()]
        waiting.extend(reversed(children))
    return found


class _PolishOnShow(QObject):
    """Polishes a window that was hidden at a switch when it next shows, once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            _polish_again(watched)
        return False


@cache
def _polish_on_show(app: QApplication) -> _PolishOnShow:
    return _PolishOnShow(app)
