"""Read-only rows of text in one document, changed where they are: a change costs its own rows.

A list view lays every row out again after each row it gains (word-wrapped, hundreds of rows
took milliseconds); a plain-text document lays out only the blocks that changed, and only when
they are shown.  Each row is one block; a *marked* row is bold on a pale background.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

__all__ = ["TextRows"]

_END, _KEEP = QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor


class TextRows(QPlainTextEdit):
    """Rows of text (one line each: a line break reads as a space); ``insert_rows``, ``remove_rows``,
    ``set_row`` and ``mark_row`` edit them in place, and edits made ``with editing():`` are laid out once."""

    def __init__(self, mark_colour: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setUndoRedoEnabled(False)  # the rows are rewritten at every step: keep no history
        self._rows = 0  # an empty document still holds one (empty) block
        self._marked_block = QTextBlockFormat()
        self._marked_block.setBackground(QBrush(mark_colour))
        self._marked_chars = QTextCharFormat()
        self._marked_chars.setFontWeight(QFont.Weight.Bold)

    # ----- reading ---------------------------------------------------------------------------
    def row_count(self) -> int:
        return self._rows

    def rows(self) -> list[str]:
        """The text of every row, first to last."""
        return [self.document().findBlockByNumber(row).text() for row in range(self._rows)]

    def is_marked(self, row: int) -> bool:
        """Row ``row`` is drawn bold on the mark colour."""
        block = self.document().findBlockByNumber(row)
        bold = all(f.format.fontWeight() == QFont.Weight.Bold for f in block.textFormats())
        return bold and block.blockFormat().background() == self._marked_block.background()

    # ----- editing ---------------------------------------------------------------------------
    @contextmanager
    def editing(self):
        """Edits inside are laid out once, at the end (each one alone would lay its rows out)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            yield
        finally:
            cursor.endEditBlock()

    def clear_rows(self) -> None:
        cursor = QTextCursor(self.document())  # not document().clear(): that would end an edit block
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        self._rows = 0

    def insert_rows(self, row: int, rows: list[tuple[str, bool]]) -> None:
        """Put ``rows`` (text, marked) before row ``row`` (at the end if ``row`` is the count)."""
        if not rows:
            return
        if self._rows == 0 or row == 0:
            self._insert_first(*rows[0])
            row, rows = 1, rows[1:]
        cursor = self._cursor_at(row - 1)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        for marked, texts in _runs(rows):  # one insertion per run of rows that look alike
            cursor.insertBlock(self._block_format(marked), self._char_format(marked))
            cursor.insertText("\n".join(texts), self._char_format(marked))  # each line a block like the first
        self._rows += len(rows)

    def _insert_first(self, text: str, marked: bool) -> None:
        """A new first row: the old first row, if any, moves into a block after it with its own look."""
        cursor, empty = self._cursor_at(0), self._rows == 0
        below = cursor.blockFormat()
        cursor.insertText(text.replace("\n", " "), self._char_format(marked))
        if not empty:
            cursor.insertBlock(below)
        self._cursor_at(0).setBlockFormat(self._block_format(marked))
        self._rows += 1

    def remove_rows(self, row: int, count: int) -> None:
        """Take away ``count`` rows from row ``row`` on."""
        count = min(count, self._rows - row)
        if count <= 0:
            return
        if count == self._rows:
            return self.clear_rows()
        if row == 0:  # the next row merges into the first block: give it its own look back
            look = self._cursor_at(count).blockFormat()
            cursor = self._cursor_at(0)
            cursor.setPosition(self._cursor_at(count).position(), _KEEP)
            cursor.removeSelectedText()
            cursor.setBlockFormat(look)
        else:  # from the end of the row before: the rows after keep their own blocks
            cursor = self._cursor_at(row - 1)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            last = self._cursor_at(row + count - 1)
            last.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.setPosition(last.position(), _KEEP)
            cursor.removeSelectedText()
        self._rows -= count

    def set_row(self, row: int, text: str) -> None:
        cursor = self._cursor_at(row)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, _KEEP)
        cursor.insertText(text, cursor.charFormat())

    def mark_row(self, row: int, marked: bool) -> None:
        cursor = self._cursor_at(row)
        cursor.setBlockFormat(self._block_format(marked))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, _KEEP)
        cursor.setCharFormat(self._char_format(marked))

    def scroll_to_end(self) -> None:
        """Show the last row whole (its block is laid out first, so a wrapped row is not cut off)."""
        cursor = self.textCursor()
        cursor.movePosition(_END)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _cursor_at(self, row: int) -> QTextCursor:
        return QTextCursor(self.document().findBlockByNumber(row))

    def _block_format(self, marked: bool) -> QTextBlockFormat:
        return QTextBlockFormat(self._marked_block) if marked else QTextBlockFormat()

    def _char_format(self, marked: bool) -> QTextCharFormat:
        return QTextCharFormat(self._marked_chars) if marked else QTextCharFormat()


def _runs(rows: list[tuple[str, bool]]) -> list[tuple[bool, list[str]]]:
    """Consecutive rows that are marked alike, as (marked, their texts)."""
    runs: list[tuple[bool, list[str]]] = []
    for text, marked in rows:
        if runs and runs[-1][0] == marked:
            runs[-1][1].append(text.replace("\n", " "))
        else:
            runs.append((marked, [text.replace("\n", " ")]))
    return runs
