"""Practice mode on the Descent tab: its sidebar section and what it draws on the map.

``PracticePanel``: the toggle (``descentPracticeButton``), "Will this γ converge?" Yes / No
(``convergeYesButton``, ``convergeNoButton``) and what practice says (``descentPracticeLabel``).
``PracticeLayer``: the guess (a cross), and once the step is taken, a dashed line from the guess to
where the step landed with the distance, and plain GD's step −γ·∇f as an arrow from the point it left.
The state is ``controller.practice`` (``controllers/descent/practice.py``).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gdgui.controllers.shell.theme import Sizes
from gdgui.core.numbers import point_text, short
from gdgui.views.widgets.plot_style import INK, pen, theme_font

__all__ = ["PracticePanel", "PracticeLayer"]

_GUESS_COLOUR, _STEP_COLOUR = "#d6336c", "#1b1b1b"
_Z = 40  # above the paths, the markers and the minima


class PracticePanel(QWidget):
    """Practice on / off, the γ question, and the last verdict."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.practice = controller.practice
        self.toggle = QPushButton("Practice: predict, then reveal")
        self.toggle.setObjectName("descentPracticeButton")
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("Click the map where the next step lands, then Step; answer whether γ converges, "
                               "then Play")
        self.question = QLabel("Will this γ converge?")
        self.yes = QPushButton("Yes")
        self.yes.setObjectName("convergeYesButton")
        self.no = QPushButton("No")
        self.no.setObjectName("convergeNoButton")
        for button, said in ((self.yes, "converges"), (self.no, "does not converge")):
            button.setCheckable(True)
            button.setToolTip(f"Your answer before Play: plain GD at this γ {said}")
        self.label = QLabel()
        self.label.setObjectName("descentPracticeLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        answers = QHBoxLayout()
        for widget in (self.question, self.yes, self.no):
            answers.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addLayout(answers)
        layout.addWidget(self.label)
        self.toggle.toggled.connect(self.practice.set_active)
        self.yes.clicked.connect(lambda: self.practice.answer_converges(True))
        self.no.clicked.connect(lambda: self.practice.answer_converges(False))
        self.practice.changed.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self) -> None:
        p = self.practice
        for button, on in ((self.toggle, p.active), (self.yes, p.answer is True), (self.no, p.answer is False)):
            with QSignalBlocker(button):
                button.setChecked(on)
        for widget in (self.question, self.yes, self.no, self.label):
            widget.setVisible(p.active)
        self.label.setText(self._words())

    def _words(self) -> str:
        p = self.practice
        if p.reveal is not None:
            r = p.reveal
            said = f"Step {r.step} landed at {point_text(*r.landing)}: your guess was {short(r.distance)} away."
        elif p.guess is not None:
            said = f"Your guess: {point_text(*p.guess)}. Step (Right) reveals it."
        else:
            said = "Click the map where the next step lands."
        return "\n".join(t for t in (said, p.verdict) if t)


class PracticeLayer:
    """The guess, the landing's distance from it, and −γ·∇f, on the map."""

    def __init__(self, plot: pg.PlotItem, practice, sizes: Sizes):
        self.practice = practice
        self.guess = pg.ScatterPlotItem(pxMode=True, symbol="x")
        self.miss = pg.PlotDataItem()
        self.step = pg.PlotDataItem()
        self.head = pg.ArrowItem(headLen=14, tipAngle=30, brush=_STEP_COLOUR, pen=pen(_STEP_COLOUR, 1))
        # The distance beside the guess, −γ·∇f beside the point the step left: off the landing's marker.
        self.distance = pg.TextItem(color=_GUESS_COLOUR, anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 215))
        self.step_label = pg.TextItem("−γ·∇f", color=INK, anchor=(1, 1), fill=pg.mkBrush(255, 255, 255, 215))
        for item in self.items():
            item.setZValue(_Z)
            plot.addItem(item)
        self.apply_theme(sizes)
        practice.changed.connect(self.show)
        self.show()

    def items(self) -> tuple:
        return self.guess, self.miss, self.step, self.head, self.distance, self.step_label

    def apply_theme(self, sizes: Sizes) -> None:
        self.guess.setSize(sizes.marker_px + 8)
        self.guess.setPen(pen(_GUESS_COLOUR, sizes.line_px))
        self.guess.setBrush(pg.mkBrush(_GUESS_COLOUR))
        self.miss.setPen(pen(_GUESS_COLOUR, sizes.line_px, style=Qt.PenStyle.DashLine))
        self.step.setPen(pen(_STEP_COLOUR, sizes.line_px + 1))
        for text in (self.distance, self.step_label):
            text.setFont(theme_font(sizes))

    def show(self) -> None:
        p = self.practice
        reveal = p.reveal if p.active else None
        guess = reveal.guess if reveal is not None else p.guess if p.active else None
        self.guess.setData([guess[0]] if guess else [], [guess[1]] if guess else [])
        self.guess.setVisible(guess is not None)  # an empty scatter item still paints, every frame
        for item in (self.miss, self.step, self.head, self.distance, self.step_label):
            item.setVisible(reveal is not None)
        if reveal is None:
            self.miss.setData([], [])
            self.step.setData([], [])
            return
        (gx, gy), (lx, ly), (sx, sy), (ex, ey) = reveal.guess, reveal.landing, reveal.start, reveal.gd_end
        self.miss.setData([gx, lx], [gy, ly])
        self.distance.setText(f"{short(reveal.distance)} away")
        self.distance.setPos(gx, gy)
        self.step.setData([sx, ex], [sy, ey])
        self.head.setPos(ex, ey)
        # ArrowItem points along its angle from the tip: 180° points right, so turn it to the step's direction.
        self.head.setStyle(angle=180 - math.degrees(math.atan2(ey - sy, ex - sx)))
        self.step_label.setPos(sx, sy)
