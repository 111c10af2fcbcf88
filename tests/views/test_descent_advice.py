"""Advice that fits what the student sees: the γ hint and the status line, read off the window."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QListWidget, QPushButton, QSpinBox

UNBOUNDED = "f has no minimum here: it falls without bound"
CIRCLING = "circling a point where f has no gradient"


def _child(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def _said(window, name) -> str:
    """A label's words as read, with its tooltip (where a long text shows in full)."""
    label = _child(window, QLabel, name)
    return " ".join(QTextDocumentFragment.fromHtml(html).toPlainText() for html in (label.text(), label.toolTip()))


def _type_formula(qtbot, window, formula):
    edit = _child(window, QLineEdit, "expressionEdit")
    edit.clear()
    qtbot.keyClicks(edit, formula)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _tick(window, *names):
    listing = _child(window, QListWidget, "optimizerList")
    for row in range(listing.count()):
        if listing.item(row).data(Qt.ItemDataRole.UserRole) in names:
            listing.item(row).setCheckState(Qt.CheckState.Checked)


def _play_out(gui, steps):
    """Max steps typed in, then stepped to the end (the timer's own steps, without waiting on it)."""
    _child(gui.window, QSpinBox, "maxStepsSpin").setValue(steps)
    while not gui.descent.record.run.finished:
        gui.descent.step(100)


def test_himmelblau_at_gamma_0_03_is_shown_unsafe_with_the_bound_at_its_steepest_minimum(qtbot, gui):
    window = gui.window
    combo = _child(window, QComboBox, "functionCombo")
    combo.setCurrentIndex(combo.findData("himmelblau"))
    assert gui.descent.settings.function == "himmelblau"
    _child(window, QDoubleSpinBox, "startXSpin").setValue(0)
    _child(window, QDoubleSpinBox, "startYSpin").setValue(0)
    _child(window, QDoubleSpinBox, "lrSpin").setValue(0.03)
    # Hessian at (0, 0) is diag(−42, −26); at (−3.7793, −3.2832) λmax ≈ 133.8, so 2/λmax ≈ 0.0149 < 0.03.
    text = _said(window, "stabilityLabel")
    assert "No limit here: at the start f curves down in every direction — near the minima γ < 0.0149" in text
    assert "γ is above it: plain GD will overshoot." in text


def test_abs_with_momentum_and_adam_says_circling_a_kink_never_curves_down(qtbot, gui):
    window = gui.window
    _type_formula(qtbot, window, "abs(x)+abs(y)")
    _tick(window, "momentum", "adam")
    for start in ((-4, 3.5), (0, 2)):
        _child(window, QDoubleSpinBox, "startXSpin").setValue(start[0])
        _child(window, QDoubleSpinBox, "startYSpin").setValue(start[1])
        assert "curves down" not in _said(window, "stabilityLabel")
    for _ in range(3):  # the step button, as a user clicks it; then the rest of 300 steps at once
        _child(window, QPushButton, "stepButton").click()
    gui.descent.step(297)
    said = _said(window, "statusLabel")
    assert said.count(CIRCLING) >= 3 and "try a larger γ" not in said
    _play_out(gui, 1000)
    said = _said(window, "statusLabel")
    assert said.count(CIRCLING) >= 3 and "try a larger γ" not in said and "curves down" not in said
    positions = gui.descent.record.run.positions
    assert np.abs(positions).max() < 1.5  # all three are circling the origin, not wandering off


@pytest.mark.parametrize("formula", ["x*y", "-x^2-y^2"])
def test_an_unbounded_f_says_so_in_the_window(qtbot, gui, formula):
    _type_formula(qtbot, gui.window, formula)
    _play_out(gui, 1000)
    said = _said(gui.window, "statusLabel")
    assert UNBOUNDED in said and "γ is too large" not in said
    assert gui.descent.record.run.trajectory(0)[-1, 2] < -1e6  # f fell far below anything on the map


def test_a_too_large_gamma_on_the_bowl_still_says_gamma_is_too_large(qtbot, gui):
    _child(gui.window, QDoubleSpinBox, "lrSpin").setValue(0.6)
    _play_out(gui, 1000)
    said = _said(gui.window, "statusLabel")
    assert "γ is too large" in said and "γ < 0.5" in said and UNBOUNDED not in said
