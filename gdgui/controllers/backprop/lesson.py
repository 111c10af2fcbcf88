"""Walking through the passes and learning from them: the Backprop tab's lesson controls.

Mixed into ``GraphController`` (which owns the document, the walkthrough and the
signals); kept apart so each file stays one subject.
"""

from __future__ import annotations

from dataclasses import replace

import shiboken6

from gdgui.core.autodiff import graph_edits
from gdgui.core.autodiff.gradcheck import band, grad_check
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.numbers import TYPED_DIGITS, scientific, short

MIN_DIGITS, MAX_DIGITS = 2, 8
LOSS = "loss"  # the output's name in the presets of a neuron with a loss (07, 08): a chart of it beside the graph


class LessonMixin:
    """Walkthrough cursor, precision, gradient check and gradient step of a ``GraphController``."""

    def set_params(self, names: list[str]) -> bool:
        if [n for n in names if n in self._doc.values] == self._doc.params:
            return False
        return self.edit("choose parameters", lambda d: setattr(d, "params", [n for n in names if n in d.values]))

    def set_learning_rate(self, rate: float) -> bool:
        if rate == self._doc.learning_rate:
            return False
        return self.edit("set η", lambda d: setattr(d, "learning_rate", graph_edits.parse_value(rate, "η")))

    def gradient_step(self) -> bool:
        """w ← w − η·∂f/∂w on the chosen parameters, then both passes again."""
        if self._walk is None:
            self.message.emit(f"No gradient yet: {self.pass_error}")
            return False
        grads = {name: self.graph.grads[node_id] for name, node_id in self.graph.input_ids().items()}
        before = float(self.graph.values[self.graph.output()])
        try:  # on a copy of the values: a refused step changes none of them
            changes = graph_edits.gradient_step(replace(self._doc, values=dict(self._doc.values)), grads)
        except GraphError as error:
            self.message.emit(str(error))
            return False
        index = self.undo_stack.index()
        self.set_values("gradient step", {name: new for name, (_, new) in changes.items()})
        after = float(self.graph.values[self.graph.output()])
        self.message.emit(f"Gradient step with η = {short(self._doc.learning_rate, TYPED_DIGITS)}: "
                          f"{self.output_name()} went from {self.format(before)} to {self.format(after)}")
        if self.undo_stack.index() != index:  # a zero gradient changes nothing: no step to undo or plot
            self.undo_stack.command(index).step_loss = (before, after)
            self._first_step_at = index if self._first_step_at is None else min(index, self._first_step_at)
            self._show_step_losses()
        return True

    def output_name(self) -> str:
        """What the graph computes, in words: its output gate's name ("loss" in a loss preset), else f."""
        return self._doc.names.get(self._walk.output, "f") if self._walk is not None else "f"

    def _on_undo_index_changed(self, _index: int) -> None:
        if shiboken6.isValid(self.undo_stack):  # the stack clears itself as it is deleted, and says so
            self._show_step_losses()

    def _show_step_losses(self) -> None:
        """The output before the first gradient step and after each one, of the steps on the undo stack
        since the document came: an undone step leaves the chart, a redone one comes back."""
        steps, top = [], self.undo_stack.index() - 1
        # Down to the lowest place a step was ever taken (an edit's index change walks nothing before one).
        for index in range(top, top if self._first_step_at is None else self._first_step_at - 1, -1):
            command = self.undo_stack.command(index)
            if getattr(command, "whole", False):  # a new document: its steps start here
                break
            if hasattr(command, "step_loss"):
                steps.append(command.step_loss)
        losses = [steps[-1][0], *(after for _, after in reversed(steps))] if steps else []
        if losses != self.step_losses:
            self.step_losses = losses
            self.step_losses_changed.emit(losses)

    def check_gradients(self) -> tuple[list[tuple[str, str, str, str]], str]:
        """Per input (name, ∂f/∂input, relative error against central differences, band), and the verdict."""
        if self._walk is None:
            self.message.emit(f"Nothing to check: {self.pass_error}")
            return [], ""
        result = grad_check(graph_edits.copy_document(self._doc).graph, self._doc.values)
        ids = self.graph.input_ids()
        rows = [(name, self.format(self.graph.grads[ids[name]]), scientific(error), band(error))
                for name, error in result.per_input.items()]
        reason = result.reason(short)
        verdict = f"{result.verdict.capitalize()}: {reason}"
        self.message.emit(f"Gradient check: {result.verdict} ({reason})")
        return rows, verdict

    # ----- walkthrough ---------------------------------------------------------------------
    def set_digits(self, digits: int) -> None:
        digits = max(MIN_DIGITS, min(MAX_DIGITS, int(digits)))
        if digits != self.digits:
            self.digits = digits
            self.passes_changed.emit()

    def run_forward(self) -> None:
        self._go_to(self._walk.forward_count if self._walk else 0)

    def run_backward(self) -> None:
        self._go_to(len(self._walk.steps) if self._walk else 0)

    def step_forward(self) -> None:
        self.steps_forward(1)

    def steps_forward(self, count: int) -> None:
        """``count`` steps on through the passes (Right, pressed ``count`` times), stopping at their end.
        (Not a parameter of ``step_forward``: a button's ``clicked(checked=False)`` would fill it.)"""
        self._go_to(self._walk.cursor + count if self._walk else 0)

    def step_back(self) -> None:
        self._go_to(self._walk.cursor - 1 if self._walk else 0)

    def rewind(self) -> None:
        self._go_to(0)

    def set_practice(self, revealed: frozenset | None) -> None:
        """Practice mode: the values shown, gradients only on the ``revealed`` wires; None: practice over,
        both passes shown (``practice.py``)."""
        if self._walk is None:
            return
        self._walk.practice = None if revealed is None else frozenset(revealed)
        cursor = self._walk.forward_count if revealed is not None else len(self._walk.steps)
        self._walk.cursor, self._cursor, self._at_end = cursor, cursor, revealed is None
        self.passes_changed.emit()

    def _go_to(self, cursor: int) -> None:
        if self._walk is None:
            self.message.emit(f"The passes cannot run yet: {self.pass_error}")
            return
        if self._walk.practice is not None:
            self.message.emit("Practice: predict the gradients (Reveal all or P ends practice)")
            return
        cursor = max(0, min(cursor, len(self._walk.steps)))
        if cursor == self._walk.cursor:
            return
        self._walk.cursor, self._cursor = cursor, cursor
        self._at_end = cursor == len(self._walk.steps)
        self.passes_changed.emit()
