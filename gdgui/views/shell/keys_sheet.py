"""Help ▸ Keys: every key of docs/ARCHITECTURE.md "Keys", grouped by where it works, in large type."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

__all__ = ["KEY_GROUPS", "KEYS", "keys_html", "KeysSheet"]

_ROOM_FRACTION = 0.92  # of the window's (or the screen's) height and width

# (group, ((keys, what they do), ...)); the About box and this sheet both read it.
KEY_GROUPS = (
    ("Anywhere", (
        ("F5", "projector mode on / off"),
        ("F11", "full screen on / off"),
        ("F9", "this tab's side panels on / off (the map or the graph gets the whole tab)"),
        ("B, .", "blank the screen / show it again (clickers send B or \".\")"),
        ("H", "a ring around the mouse pointer on / off, for the back row"),
        ("Escape", "leave full screen, then projector mode (F5 then Escape: back as before)"),
        ("Ctrl+1 / Ctrl+2", "Descent tab / Backprop tab"),
        ("Ctrl+S / Ctrl+O", "save / open a session"),
        ("Ctrl+N", "new session (default settings, empty graph)"),
        ("F1", "this sheet"),
    )),
    ("In a text field or number box", (
        ("Enter", "apply it; the keys go back to the map or the graph"),
        ("Escape", "put its value back; the keys go back to the map or the graph"),
        ("Page Up / Page Down, F5, F11, F1", "act as anywhere; Space is never typed into a number box"),
    )),
    ("Descent tab", (
        ("Space", "play / pause"),
        ("Right, Page Down", "one step forward"),
        ("Page Up", "one step back"),
        ("R", "reset to step 0"),
        ("N", "new random start (next seed)"),
        ("Ctrl+G", "show f at the current point as a graph"),
        ("P", "practice on / off: click where the next step lands, then Step (in a text field P is a letter)"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a setting (function, domain, γ, start, optimizers…)"),
        ("Wheel, drag", "zoom and pan the map (drawn afresh for what is on show)"),
    )),
    ("Backprop tab", (
        ("Right, Page Down", "next gate of the forward, then the backward pass"),
        ("Page Up", "one gate back"),
        ("Home / End", "start over / show both passes"),
        ("P", "practice on / off: predict each gradient before it shows (in a text field P is a letter)"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a graph edit"),
        ("Delete", "delete the selected nodes and wires (one undo step)"),
        ("Drag on the background", "select the nodes and wires in a rectangle"),
        ("Space + drag, middle drag", "move the view over a graph too big to show whole"),
        ("Wheel", "zoom (far out: the graph's shape without text)"),
    )),
    ("While a lesson deck is open", (
        ("Page Down / Page Up", "next / previous slide (Right still steps)"),
    )),
)

KEYS = tuple(entry for _, entries in KEY_GROUPS for entry in entries)


def keys_html() -> str:
    """The key table as rich text, one heading per group."""
    parts = []
    for group, entries in KEY_GROUPS:
        rows = "".join(f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;&nbsp;</td><td>{html.escape(what)}</td></tr>"
                       for keys, what in entries)
        parts.append(f"<h3>{html.escape(group)}</h3><table>{rows}</table>")
    return "".join(parts)


class KeysSheet(QDialog):
    """A non-modal sheet that can stay open beside the window while teaching.

    No taller than the window it belongs to (nor the screen): the keys scroll, Close stays in view.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("gdgui keys")
        self.setObjectName("keysSheet")
        self.label = label = QLabel(keys_html(), self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)  # a narrow screen wraps the longer lines instead of cutting them
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        """The whole sheet when there is room; else as tall as the window (or screen) allows."""
        label, bar = self.label.sizeHint(), self.scroll.verticalScrollBar().sizeHint().width()
        tall = self.label.heightForWidth(label.width())  # a wrapped line makes the words taller than the hint
        margins = self.layout().contentsMargins()
        wanted = QSize(label.width() + bar + margins.left() + margins.right(),
                       max(label.height(), tall) + self.buttons.sizeHint().height() + self.layout().spacing()
                       + margins.top() + margins.bottom())
        return wanted.boundedTo(self._room())

    def showEvent(self, event) -> None:  # noqa: N802 — Qt override
        self.resize(self.sizeHint())  # the fonts may have changed since the last time (projector mode)
        super().showEvent(event)

    def _room(self) -> QSize:
        room = self.screen().availableGeometry().size()
        owner = self.parentWidget()
        room = room.boundedTo(owner.window().size()) if owner is not None else room
        return room * _ROOM_FRACTION  # the rest for the sheet's title bar
