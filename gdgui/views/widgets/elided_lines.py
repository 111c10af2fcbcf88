"""Lines of rich text in a fixed number of rows: what does not fit ends in "…", the whole in the tooltip;
and a status bar whose message does the same. Either cuts a line at a space, so that a number is shown
whole or not at all: "‖∇f‖ = 9.54e" (of 9.54e−07) and "f = 5.…" read as numbers they are not."""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel, QSizeGrip, QSizePolicy, QStatusBar, QStyle, QStyleOption, QWidget

__all__ = ["ElidedLines", "ElidedStatusBar", "elided_at_space"]

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
        count = _kept(_visible(row), self._bold_metrics, width)
        return row if count is None else _cut(row, count, ELLIPSIS)

    def _document(self, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        document.setDefaultTextOption(option)
        document.setHtml(html)
        return document


def elided_at_space(text: str, metrics: QFontMetricsF, width: float) -> str:
    """Plain ``text`` as it fits ``width`` in ``metrics``' font: whole, or cut at a space and ended in "…"."""
    count = _kept(text, metrics, width)
    return text if count is None else text[:count] + ELLIPSIS


def _kept(text: str, metrics: QFontMetricsF, width: float) -> int | None:
    """How many characters of ``text`` go before the "…" at ``width`` (None: it fits whole): as many as
    Qt's elision keeps, back to the last space before a cut inside a word (a number among them); Qt's
    count where the cut falls at a space or no space comes before it."""
    kept = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if kept == text:
        return None
    count = max(0, len(kept) - 1)
    if count == 0 or count >= len(text) or text[count].isspace() or text[count - 1].isspace():
        return count
    space = next((index for index in range(count - 1, -1, -1) if text[index].isspace()), None)
    return count if space is None else space + 1


class ElidedStatusBar(QStatusBar):
    """A status bar whose message, too long for it, is cut at a space and ends in "…" (``elided_at_space``;
    Qt's own clips it at the window's edge, "‖∇f‖ = 9.54e"); the whole message in its tooltip.
    ``currentMessage`` stays the whole message."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.messageChanged.connect(self.setToolTip)

    def shown_message(self) -> str:
        """The message as painted."""
        return elided_at_space(self.currentMessage(), QFontMetricsF(self.font()), self._message_rect().width())

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt override: QStatusBar's, but the message elided
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        painter.drawText(self._message_rect(), flags, self.shown_message())

    def _message_rect(self) -> QRect:
        """Where QStatusBar puts its message (``QStatusBarPrivate::messageRect``: no widgets are added here)."""
        grip = self.findChild(QSizeGrip)
        right = grip.x() if grip is not None and grip.isVisible() else self.width() - 12
        return QRect(6, 0, right - 6, self.height())


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
