"""The Descent controller's setters: one per widget, each a checked change of the settings.

A mixin of :class:`DescentController`, which provides ``_settings``, ``_selected``, ``_change``,
``_emit_frame``, ``analysis`` and the signals used here.
"""

from __future__ import annotations

from gdgui.core.autodiff.expr import ParseError, undefined_part
from gdgui.core.descent.functions import objective_from_expr
from gdgui.core.descent.neuron.dataset import DEFAULT_DATASET, MAX_POINTS, snapped
from gdgui.core.descent.optimizers import OPTIMIZERS
from gdgui.core.descent.run_inputs import random_starts

__all__ = ["SettingSetters"]


class SettingSetters:
    """Setters that never raise: a refused value is reported and the widgets revert."""

    def set_function(self, function_id: str) -> None:
        if function_id != self._settings.function or self._settings.expression is not None:
            self._change(function=function_id, domain=None)

    def check_expression(self, text: str) -> bool:
        """Validate a typed formula without applying it; reports the error or acceptance."""
        try:
            objective_from_expr(text, self._settings.domain)
        except ParseError as error:
            self.expression_failed.emit(error.message, error.column or 1)
            return False
        except ValueError as error:
            self.expression_failed.emit(str(error), 1)
            return False
        self.expression_accepted.emit()
        return True

    def set_expression(self, text: str) -> None:
        """Use a typed f(x, y); a bad formula keeps the previous function and reports the error.

        A valid formula with a part that is not a number (x/0) is used, and the note says why
        its values are ∞ or undefined."""
        if self.check_expression(text) and text != self._settings.expression:
            if self._change(function=None, expression=text) and (part := undefined_part(text)):
                self.message.emit(f"Note, column {part.column}: {part.sentence()}")

    def set_domain(self, domain) -> None:
        self._change(domain=None if domain is None else tuple(domain))

    def reset_domain(self) -> None:
        self._change(domain=None)

    def set_optimizer_checked(self, name: str, checked: bool) -> None:
        names = [n for n in self._settings.optimizers if n != name]
        if checked:
            names.append(name)
        # The registry's order is the display order, whatever order the boxes were ticked in.
        self._change(optimizers=tuple(n for n in OPTIMIZERS if n in names))

    def select_optimizer(self, name: str) -> None:
        """The optimizer whose hyper-parameters, status, sweep and basin map are in focus."""
        if name != self._selected:
            self._selected = name
            self._emit_frame()
            self.analysis.settings_changed(self._settings, {"selected"}, name)

    def set_hyperparameter(self, name: str, key: str, value: float) -> None:
        if self._settings.hyperparameters(name).get(key) == value:
            return  # a default is the same value whether it is written down or not
        hyper = {n: dict(v) for n, v in self._settings.hyper.items()}
        hyper.setdefault(name, {})[key] = value
        self._change(hyper=hyper)

    def set_lr(self, lr: float) -> None:
        self._change(lr=lr)

    def set_start(self, x: float, y: float) -> None:
        self._change(start=(x, y))
        if self._settings.swarm:
            self.message.emit("The swarm starts from random points; set particles to 1 to start here.")

    def set_seed(self, seed: int) -> None:
        self._change(seed=seed)

    def new_random_start(self) -> None:
        """Next seed; one particle moves to a random start from it, a swarm is redrawn."""
        seed = (self._settings.seed + 1) % 2**31
        x, y = random_starts(self._settings.resolved_domain(), 1, seed)[0]
        self._change(seed=seed, start=(float(x), float(y)))

    def set_particles(self, count: int) -> None:
        self._change(particles=count)

    def set_speed(self, steps_per_second: int) -> None:
        self._change(speed=steps_per_second)

    def set_max_steps(self, steps: int) -> None:
        self._change(max_steps=steps)

    def set_tol(self, tol: float) -> None:
        self._change(tol=tol)

    def add_sample(self, x1: float, x2: float, label: int) -> None:
        """A point of class ``label`` (0 or 1) in the neuron-loss function's data set, snapped to its grid."""
        dataset = self._settings.dataset or DEFAULT_DATASET
        if len(dataset) >= MAX_POINTS:
            self.message.emit(f"The data set holds {MAX_POINTS} points at most: undo (Ctrl+Z) or reset it first")
            return
        if self._change(dataset=(*dataset, (*snapped(x1, x2), label))):
            self.message.emit(f"Added a point of class {label}: the loss map is drawn again (Ctrl+Z takes it back)")

    def reset_dataset(self) -> None:
        if self._settings.dataset is not None:
            self._change(dataset=None)
