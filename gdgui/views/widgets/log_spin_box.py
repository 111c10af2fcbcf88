"""A spin box for quantities that live on a log scale (γ, ε, tolerances): 1e-6 is as easy as 0.5."""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from gdgui.core.numbers import DEFAULT_DIGITS, number, plain

__all__ = ["LogSpinBox"]


class LogSpinBox(QDoubleSpinBox):
    """Shows 4 significant digits (``0.01``, ``1e-6``); the arrows multiply by 10^(1/steps_per_decade)."""

    def __init__(self, low: float, high: float, steps_per_decade: int = 10, parent: QWidget | None = None):
        super().__init__(parent)
        self._per_decade = steps_per_decade
        self.setDecimals(15)  # the value is kept as typed; the text shows what matters
        self.setRange(low, high)
        self.setKeyboardTracking(False)  # commit on Enter or focus-out, not on every digit

    def textFromValue(self, value: float) -> str:  # noqa: N802 — Qt override
        return plain(value, DEFAULT_DIGITS)  # ASCII: the text is edited and read back

    def valueFromText(self, text: str) -> float:  # noqa: N802 — Qt override
        try:
            return number(text, "value")
        except ValueError:
            return self.value()

    def validate(self, text: str, position: int):
        try:
            value = number(text, "value")
        except ValueError:
            return QValidator.State.Intermediate, text, position
        inside = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if inside else QValidator.State.Intermediate), text, position

    def stepBy(self, steps: int) -> None:  # noqa: N802 — Qt override
        value = self.value()
        if value <= 0:  # a log step cannot leave zero: jump to the smallest positive decade
            value = max(self.minimum(), 1e-12) / 10 ** (1 / self._per_decade)
        self.setValue(min(self.maximum(), max(self.minimum(), value * 10 ** (steps / self._per_decade))))
