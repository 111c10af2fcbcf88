"""Lines of rich text in a fixed number of rows: what does not fit ends in "…", the whole in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QTextCursor, QTextDocument, QTextLine, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["ElidedLines"]

ELLIPSIS = "…"
_JOIN = "&nbsp;&nbsp;·&nbsp;&nbsp;"  # lines beyond the last row share it
_SAMPLE = "<b>■ Ág</b> Ág‖∇f‖"       # the tallest things a row holds, for its height


class ElidedLines(QLabel):
    """A label of ``rows`` rows that never asks for more width or height than that.

    Its height is ``rows`` lines of its font whatever the text, and it asks for no width, so a
    long line neither widens the window nor pushes what is above or beside it. A line too long
    for the width is cut and ends in "…" (its colours and bold kept); lines beyond the last row
    are joined onto it. The tooltip holds every line in full, then ``tip``.
    """

    def __init__(self, rows: int = 1, tip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._rows, self._tip, self._lines = max(1, rows), tip, []
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(False)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setToolTip(tip)
        self._fit_height()

    def set_rows(self, rows: int) -> None:
        if max(1, rows) != self._rows:
            self._rows = max(1, rows)
            self._fit_height()
            self._show()

    def set_lines(self, lines: list[str]) -> None:
        """Rich-text lines, one a row."""
        self._lines = list(lines)
        self._show()
        self.setToolTip("<br>".join(self._lines + ([f"<br><i>{self._tip}</i>"] if self._tip else [])))

    def full_lines(self) -> list[str]:
        return list(self._lines)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return QSize(0, self.height())  # any width will do: the text is cut to it

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return QSize(0, self.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._show()

    def changeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()
            self._show()

    def _fit_height(self) -> None:
        sample = self._document("<br>".join([_SAMPLE] * self._rows))
        margins = self.contentsMargins()
        self.setFixedHeight(round(sample.size().height()) + margins.top() + margins.bottom() + 1)

    def _show(self) -> None:
        rows = self._lines[:self._rows - 1] + ([_JOIN.join(self._lines[self._rows - 1:])]
                                                if len(self._lines) >= self._rows else [])
        width = self.contentsRect().width()
        self.setText("<br>".join(self._elided(row, width) for row in rows))

    def _elided(self, row: str, width: float) -> str:
        document = self._document(row)
        if document.idealWidth() <= width:
            return row
        line = document.firstBlock().layout().lineAt(0)
        target = max(0.0, width - QFontMetricsF(self.font()).horizontalAdvance(ELLIPSIS))
        cut = line.xToCursor(target, QTextLine.CursorPosition.CursorOnCharacter)
        while True:  # the ellipsis takes the format (bold, size) of what it follows: measure, and step back
            trial = self._document(row)
            cursor = QTextCursor(trial)
            cursor.setPosition(cut)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(ELLIPSIS)
            if trial.idealWidth() <= width or cut == 0:
                return _body(trial.toHtml())
            cut -= 1

    def _document(self, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        document.setDefaultTextOption(option)
        document.setHtml(html)
        return document


def _body(html: str) -> str:
    """What a QTextDocument's HTML holds between <body …> and </body>, its one paragraph unwrapped."""
    inner = html[html.index(">", html.index("<body")) + 1:html.rindex("</body>")].strip()
    start, end = inner.find(">") + 1, inner.rfind("</p>")
    return inner[start:end] if inner.startswith("<p") and end > 0 else inner
