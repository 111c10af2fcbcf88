"""Help ▸ Keys: every key of docs/ARCHITECTURE.md "Keys", grouped by where it works, in large type."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

__all__ = ["KEY_GROUPS", "KEYS", "keys_html", "KeysSheet"]

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
    )),
    ("Backprop tab", (
        ("Right, Page Down", "next gate of the forward, then the backward pass"),
        ("Page Up", "one gate back"),
        ("Home / End", "start over / show both passes"),
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
    """A non-modal sheet that can stay open beside the window while teaching."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("gdgui keys")
        self.setObjectName("keysSheet")
        self.label = label = QLabel(keys_html(), self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
