"""Lines of rich text in a fixed number of rows: what does not fit ends in "…", the whole in the tooltip."""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["ElidedLines"]

ELLIPSIS = "…"
_TOKENS = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|[<&]")  # a tag, an entity (one character), or plain text
_EMPTY_TAGS = {"br", "hr", "img"}  # tags that hold nothing and are never closed
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
        bold = QFont(self.font())
        bold.setBold(True)
        self._bold_metrics = QFontMetricsF(bold)
        sample = self._document("<br>".join([_SAMPLE] * self._rows))
        margins = self.contentsMargins()
        self.setFixedHeight(round(sample.size().height()) + margins.top() + margins.bottom() + 1)

    def _show(self) -> None:
        rows = self._lines[:self._rows - 1] + ([_JOIN.join(self._lines[self._rows - 1:])]
                                                if len(self._lines) >= self._rows else [])
        width = self.contentsRect().width()
        self.setText("<br>".join(self._elided(row, width) for row in rows))
        # Lay the rich text out now: left to the paint event, Qt's layout of it asks for a second
        # paint of the label (every text change painted twice while a run plays).
        QLabel.minimumSizeHint(self)

    def _elided(self, row: str, width: float) -> str:
        """``row`` cut to ``width``, measured in bold (as wide as any part of it can be drawn)."""
        text = _visible(row)
        kept = self._bold_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        if kept == text:
            return row
        return _cut(row, max(0, len(kept) - 1), ELLIPSIS)

    def _document(self, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        document.setDefaultTextOption(option)
        document.setHtml(html)
        return document


def _visible(html: str) -> str:
    """The characters rich text shows (tags dropped, entities read)."""
    return "".join(unescape(token) for token in _TOKENS.findall(html) if not token.startswith("<"))


def _cut(html: str, count: int, tail: str = "") -> str:
    """``html`` up to its ``count``-th shown character, then ``tail`` in the tags still open there
    (so a cut line's colour reaches its "…"), then those tags closed: rows share one document, and
    a span left open would colour every row below it."""
    kept, shown, still_open = [], 0, []
    for token in _TOKENS.findall(html):
        if token.startswith("<") and token != "<":
            _follow(token, still_open)
        elif shown + (size := 1 if token.startswith("&") else len(token)) > count:
            kept.append(token[:count - shown] if size > 1 else "")
            break
        else:
            shown += size
        kept.append(token)
    return "".join(kept) + tail + "".join(f"</{name}>" for name in reversed(still_open))


def _follow(tag: str, still_open: list[str]) -> None:
    """Keep ``still_open`` (names of the tags open so far) up to date with ``tag``."""
    name = re.match(r"</?\s*(\w+)", tag)
    if name is None or tag.endswith("/>") or name.group(1).lower() in _EMPTY_TAGS:
        return
    if not tag.startswith("</"):
        still_open.append(name.group(1))
    elif still_open and still_open[-1] == name.group(1):
        still_open.pop()
