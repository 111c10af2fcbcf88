"""A text field of one line that grows to a few as a program is typed or pasted into it.

It reads and is read like a ``QLineEdit`` (``text``, ``setText``, ``isModified``, ``cursorPosition``,
``returnPressed``, ``textEdited``), so the window's field keys (Enter applies, Escape reverts) treat
it as one.  Enter applies it, unless ``newline_on_enter(text)`` says the text is several lines in the
making (a program): then Enter starts a new line, and Ctrl+Enter applies.  Shift+Enter always starts
a new line.  Its height follows its lines, from one to ``MAX_LINES`` while it has the focus (being
typed in), to its first ``FOLDED_LINES`` otherwise (the graph below gets the room back; a projector's tab asks
for one, ``set_folded_lines``); past that it scrolls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

__all__ = ["FOLDED_LINES", "MAX_LINES", "ProgramEdit"]

MAX_LINES = 6
FOLDED_LINES = 3
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ProgramEdit(QPlainTextEdit):
    """Signals: ``returnPressed()`` the text is to be applied; ``textEdited(str)`` the user changed it."""

    returnPressed = Signal()  # noqa: N815 - QLineEdit's names, so it reads as one
    textEdited = Signal(str)  # noqa: N815

    def __init__(self, newline_on_enter: Callable[[str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._newline_on_enter = newline_on_enter
        self._setting = False
        self._folded_lines = FOLDED_LINES
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit_height)
        self.textChanged.connect(self._on_text_changed)
        self._fit_height()

    # ----- as a QLineEdit ------------------------------------------------------------------------
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802
        """Show ``text`` as the field's value: no undo history, not modified, the cursor at the end."""
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False
        self.end(False)
        self.document().setModified(False)
        self._fit_height()
        self.verticalScrollBar().setValue(0)  # folded, it shows the program's first lines

    def isModified(self) -> bool:  # noqa: N802
        return self.document().isModified()

    def setModified(self, modified: bool) -> None:  # noqa: N802
        self.document().setModified(modified)

    def isUndoAvailable(self) -> bool:  # noqa: N802
        return self.document().isUndoAvailable()

    def cursorPosition(self) -> int:  # noqa: N802
        return self.textCursor().position()

    def setCursorPosition(self, position: int) -> None:  # noqa: N802
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def deselect(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def end(self, mark: bool) -> None:
        mode = QTextCursor.MoveMode.KeepAnchor if mark else QTextCursor.MoveMode.MoveAnchor
        self.moveCursor(QTextCursor.MoveOperation.End, mode)

    # ----- keys and size -------------------------------------------------------------------------
    def newline_on_enter(self) -> bool:
        """Whether a plain Enter starts a new line (a program is being typed) rather than applying."""
        return self._newline_on_enter(self.toPlainText())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in _ENTER:
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.ShiftModifier \
                    or (modifiers == Qt.KeyboardModifier.NoModifier and self.newline_on_enter()):
                self.insertPlainText("\n")
            else:
                self.returnPressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self._fit_height()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self._fit_height()
        self.verticalScrollBar().setValue(0)

    def set_folded_lines(self, lines: int) -> None:
        """How many lines show while the field is not typed in."""
        self._folded_lines = lines
        self._fit_height()

    def _fit_height(self) -> None:
        lines = max(1, min(self.document().blockCount(), MAX_LINES if self.hasFocus() else self._folded_lines))
        line = max(self.blockBoundingRect(self.document().firstBlock()).height(), self.fontMetrics().lineSpacing())
        frame = self.document().documentMargin() + 2 * self.frameWidth()  # the margin is above the text only
        self.setFixedHeight(round(lines * line + frame))
        every_line_shown = self.document().blockCount() <= lines
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if every_line_shown
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def _on_text_changed(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())
