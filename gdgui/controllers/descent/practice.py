"""Practice mode on the Descent tab: guess where the next step lands, and whether γ converges.

While practice is on, a click on the map (before a step) is the student's guess of where the
selected optimizer's next step lands; the step reveals the landing, the distance from the guess,
and plain GD's step −γ·∇f drawn from the point it left. Before Play the student answers "will this
γ converge?"; Play then says who was right and why, by the one rule for plain GD: stable below
2/λmax (``Stability``, ``controllers/descent/map.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from gdgui.core.numbers import TYPED_DIGITS, point_text, short

__all__ = ["DescentPractice", "Reveal"]


@dataclass(frozen=True)
class Reveal:
    """What a step showed a guess: from ``start`` the optimizer landed at ``landing``; plain GD's step
    −γ·∇f from ``start`` ends at ``gd_end``; the guess was ``distance`` from the landing."""

    step: int
    start: tuple[float, float]
    landing: tuple[float, float]
    guess: tuple[float, float]
    gd_end: tuple[float, float]

    @property
    def distance(self) -> float:
        return math.dist(self.guess, self.landing)


class DescentPractice(QObject):
    """Predict-then-reveal state of a ``DescentController`` (``controller.practice``).

    Signals:
        changed(): practice on or off, a guess placed or revealed, or the γ question answered or judged.
    """

    changed = Signal()

    def __init__(self, controller):
        super().__init__(controller)
        self._ctrl = controller
        self.active = False
        self.guess: tuple[float, float] | None = None
        self._guess_at: tuple[int, tuple[float, float]] | None = None  # (step, point) the guess was made from
        self.reveal: Reveal | None = None
        self.answer: bool | None = None  # "γ converges": yes / no, for the γ on show
        self.verdict = ""
        self._answered_lr: float | None = None  # the γ the answer was given for
        controller.frame_changed.connect(self._on_frame_changed)

    def toggle(self) -> None:
        """P: practice on, or off."""
        self.set_active(not self.active)

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        self.active, self.guess, self._guess_at, self.reveal, self.answer, self.verdict = on, None, None, None, None, ""
        self._ctrl.message.emit("Practice: click where the next step lands, then Step; answer whether γ converges, "
                                "then Play" if on else "Practice off")
        self.changed.emit()

    # ----- the next step's landing ----------------------------------------------------------------
    def place_guess(self, x: float, y: float) -> bool:
        """The student's guess of where the next step lands (from the point on show)."""
        if not self.active:
            return False
        frame = self._ctrl.frame
        self.guess, self._guess_at, self.reveal = (float(x), float(y)), (frame.step, frame.selected_point), None
        self._ctrl.message.emit(f"Your guess: {point_text(x, y)}. Step (Right) shows where it lands")
        self.changed.emit()
        return True

    def _on_frame_changed(self, frame) -> None:
        if not self.active:
            return
        if self._guess_at is not None and frame.step == self._guess_at[0] + 1:
            self._show_landing(frame)
        elif self.reveal is not None and frame.step != self.reveal.step or \
                self._guess_at is not None and frame.step != self._guess_at[0]:
            self.guess, self._guess_at, self.reveal = None, None, None  # another step on show: the guess is of no step
            self.changed.emit()

    def _show_landing(self, frame) -> None:
        start = self._guess_at[1]
        with np.errstate(all="ignore"):
            _, grad = self._ctrl.objective.value_and_grad(np.array([start]))
        lr = self._ctrl.settings.lr
        gd_end = (start[0] - lr * float(grad[0, 0]), start[1] - lr * float(grad[0, 1]))
        self.reveal = Reveal(frame.step, start, frame.selected_point, self.guess, gd_end)
        self.guess, self._guess_at = None, None
        step = point_text(lr * float(grad[0, 0]), lr * float(grad[0, 1]))
        self._ctrl.message.emit(f"Step {frame.step} landed at {point_text(*self.reveal.landing)}: your guess was "
                                f"{short(self.reveal.distance)} away. γ·∇f = {step} from {point_text(*start)}")
        self.changed.emit()

    # ----- will this γ converge? ----------------------------------------------------------------------
    def answer_converges(self, yes: bool) -> None:
        if not self.active:
            return
        self.answer, self._answered_lr, self.verdict = bool(yes), self._ctrl.settings.lr, ""
        self._ctrl.message.emit(f"You say γ = {short(self._ctrl.settings.lr, TYPED_DIGITS)} "
                                f"{'converges' if yes else 'does not converge'}: press Play to see")
        self.changed.emit()

    def allows_play(self) -> bool:
        """Play asks the question first while practice is on; once answered, Play says who was right."""
        if not self.active:
            return True
        if self.answer is None or self._answered_lr != self._ctrl.settings.lr:  # no answer for this γ yet
            self.answer = None
            self._ctrl.message.emit(f"Practice: first answer — will γ = {short(self._ctrl.settings.lr, TYPED_DIGITS)} "
                                    "converge? (Yes / No)")
            return False
        self.verdict = self._judgement(self.answer)
        self.answer = None  # a new γ, or the next Play, asks again
        self._ctrl.message.emit(self.verdict)
        self.changed.emit()
        return True

    def converges(self) -> bool:
        """Plain GD's verdict: γ below 2/λmax (or no curvature limit) converges."""
        return not self._ctrl.stability.exceeded

    def _judgement(self, yes: bool) -> str:
        stability, lr = self._ctrl.stability, short(self._ctrl.settings.lr, TYPED_DIGITS)
        truth, bound = self.converges(), stability.bound
        who = "You were right" if yes == truth else "Not this time"
        said = "converges" if yes else "does not converge"
        if bound is None:
            why = "f's curvature sets no limit on γ here, so plain GD does not overshoot"
        else:
            side = "below" if truth else "above"
            why = (f"γ = {lr} is {side} 2/λmax = {short(bound, 3)}, so plain GD "
                   + ("converges" if truth else "overshoots and does not converge"))
        return f"{who}: you said γ {said}; {why}"
