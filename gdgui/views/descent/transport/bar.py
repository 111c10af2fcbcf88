"""The transport bar under the map: play/pause, a step back, a step, reset, the timeline to scrub and
the step counter; while a run plays neither the timeline nor the counter lays out or repaints more
than what changed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame_data import Frame

__all__ = ["TransportBar"]

_TIMELINE_HEIGHTS = 6  # the timeline is at least this many text heights wide


class _StepLabel(QLabel):
    """"step k / n", asking for the width of the run's longest such text: its size hint stays put
    while k and n grow, so the buttons and the timeline beside it are not laid out (and repainted)
    every frame. Squeezed, it needs no more than its text, as a plain label."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._most = 0
        self._longest: tuple[tuple, int] = ((), 0)  # (the most steps and the font, the longest text's width)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_most(self, steps: int) -> None:
        if steps != self._most:
            self._most = steps
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        margins = self.contentsMargins()
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._longest_width() + margins.left() + margins.right() + 2), hint.height())

    def _longest_width(self) -> int:
        """The width of "step n / n" for the most steps, every digit the widest (asked every frame: kept)."""
        key = (self._most, self.font().key())
        if key != self._longest[0]:
            metrics = self.fontMetrics()
            widest = max("0123456789", key=metrics.horizontalAdvance)
            longest = _step_text(self._most, self._most).translate(str.maketrans("0123456789", widest * 10))
            self._longest = (key, metrics.horizontalAdvance(longest))
        return self._longest[1]


class _StepCounter(QWidget):
    """Holds the step label, at its own size and without a layout: a label's new text asks its
    parent's layout to lay the row out again (~0.3 ms a frame while a run plays), so the label's
    parent is this holder, which asks the row only when the label's sizes changed (a new text, the
    most steps, a font: the label's own request for a layout comes here)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = _StepLabel(self)
        self.setSizePolicy(self.label.sizePolicy())
        self._known = self._sizes()

    def _refresh(self) -> None:
        if self._sizes() != self._known:
            self._known = self._sizes()
            self.updateGeometry()

    def _sizes(self) -> tuple[QSize, QSize]:
        return self.label.sizeHint(), self.label.minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return self.label.minimumSizeHint()

    def event(self, event) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._refresh()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())


class _Timeline(QSlider):
    """The timeline; ``show_step`` asks for a repaint only when the handle moves. While a run plays at
    its newest step the handle stays at the end as the range grows: a new range repainted the slider
    every frame (~0.3 ms), for the same picture."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._quiet = False

    def show_step(self, step: int, latest: int) -> None:
        """Range 0 to ``latest`` and value ``step``, without a signal."""
        before = self._handle()
        self._quiet = True
        try:
            with QSignalBlocker(self):
                self.setRange(0, latest)
                self.setValue(step)
        finally:
            self._quiet = False
        if self._handle() != before:
            self.update()

    def _handle(self) -> tuple:
        """What the handle's place is made of: at the end of a range whatever its length, or else the
        range and the position."""
        low, high, position = self.minimum(), self.maximum(), self.sliderPosition()
        return (low, "end") if high > low and position == high else (low, high, position)

    def sliderChange(self, change) -> None:  # noqa: N802 — Qt override: repaints the slider
        if not self._quiet:
            super().sliderChange(change)


class TransportBar(QWidget):
    """Under the map: play/pause, one step back, one step, reset, and the timeline to scrub."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        specs = (("play", "playButton", "▶ Play", "Play or pause the descent (Space)."),
                 ("back", "stepBackButton", "◀ Back", "One recorded step back (Page Up)."),
                 ("step", "stepButton", "Step ▶", "One step forward (Right arrow or Page Down)."),
                 ("reset", "resetButton", "Reset", "Back to the start, step 0 (R)."))
        for attribute, name, text, tip in specs:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            row.addWidget(button)
            setattr(self, f"{attribute}_button", button)
        self.timeline = _Timeline(self)
        self.timeline.setObjectName("timelineSlider")
        self.timeline.setToolTip("Scrub back through the recorded steps (Page Up / Page Down: one at a time).")
        self._counter = _StepCounter(self)
        self.step_label = self._counter.label
        self.step_label.setObjectName("stepLabel")
        row.addWidget(self.timeline, 1)
        row.addWidget(self._counter)
        self._connect_signals()
        self.step_label.set_most(controller.settings.recorded_steps())
        self._on_frame_changed(controller.frame)

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self._fit_timeline()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        """Without the timeline's width: it hides where it has no room (the side panels fold by this)."""
        hint = super().minimumSizeHint()
        if not self.timeline.isHidden():
            hint.setWidth(hint.width() - self.timeline.minimumWidth() - self.layout().spacing())
        return hint

    def _fit_timeline(self) -> None:
        """The timeline shows where it gets a width a hand can drag. Squeezed beside the buttons and the
        step counter (a race at 1280×720, a small projector with the sidebar) it was a 15-px square that
        read as a check box; it hides there instead, and Page Up / Page Down and the loss plot's step
        line still scrub. Decided from the others' minimum widths, so showing it changes nothing."""
        row = self.layout()
        others = [row.itemAt(i) for i in range(row.count()) if row.itemAt(i).widget() is not self.timeline]
        used = sum(item.minimumSize().width() for item in others) + row.spacing() * len(others)
        least = _TIMELINE_HEIGHTS * self.timeline.fontMetrics().height()
        self.timeline.setMinimumWidth(least)  # shown, it gets that width: the step counter gives way
        self.timeline.setVisible(self.width() - used >= least)

    def _connect_signals(self) -> None:
        c = self._controller
        self.play_button.clicked.connect(c.toggle_play)
        self.back_button.clicked.connect(c.step_back)
        self.step_button.clicked.connect(lambda: c.step())
        self.reset_button.clicked.connect(c.reset)
        self.timeline.valueChanged.connect(self._on_timeline_moved)
        c.playing_changed.connect(self._on_playing_changed)
        c.frame_changed.connect(self._on_frame_changed)
        c.settings_changed.connect(lambda settings: self.step_label.set_most(settings.recorded_steps()))

    def _on_timeline_moved(self, step: int) -> None:
        if step != self._controller.frame.step:
            self._controller.seek(step)

    def _on_playing_changed(self, playing: bool) -> None:
        self.play_button.setText("|| Pause" if playing else "▶ Play")  # ⏸ is missing from common fonts

    def _on_frame_changed(self, frame: Frame) -> None:
        self.timeline.show_step(frame.step, frame.latest)
        self.step_label.setText(_step_text(frame.step, frame.latest))  # its request for a layout goes to _counter


def _step_text(step: int, latest: int) -> str:
    return f"step {step:,} / {latest:,}"
