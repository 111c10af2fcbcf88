"""A gate whose local derivative is infinite, undefined or a corner's at the point says so under it and
in its tooltip, as a user meets it: the formula typed into the Backprop box, the value typed into the
inputs table, End to run both passes; the engine's convention (√′(0) := 0) is named where it is used."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QLabel,
    QTableWidget,
    QWidget,
)

from gdgui.views.backprop.inputs_table import NAME, VALUE
from gdgui.views.widgets.program_edit import ProgramEdit
from tests.views.helpers import hover_tooltip


def _type_formula(qtbot, window, text):
    edit = window.findChild(ProgramEdit, "graphExpressionEdit")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _type_value(qtbot, gui, name, text):
    """F2 on the input's value cell, the number typed, Enter: as the inputs table is used."""
    table = gui.window.findChild(QTableWidget, "graphInputsTable")
    table.setFocus()
    row = [table.item(r, NAME).text() for r in range(table.rowCount())].index(name)
    table.setCurrentCell(row, VALUE)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gui.graph.document.values[name] == float(text), timeout=2000)


def _at(qtbot, gui, formula, values):
    """The Backprop tab showing ``formula`` at ``values``, both passes run (End): the scene."""
    gui.window.tabs.setCurrentIndex(1)
    _type_formula(qtbot, gui.window, formula)
    for name, text in values.items():
        _type_value(qtbot, gui, name, text)
    view = gui.window.findChild(QGraphicsView, "graphView")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert gui.graph.walkthrough.cursor == len(gui.graph.walkthrough.steps)
    return view.scene()


def _gate(scene, gui, symbol):
    (node_id,) = [i for i, node in gui.graph.graph.nodes.items() if node.kind == "op" and node.label == symbol]
    return scene.nodes[node_id]


def _wire_into(scene, gate):
    return next(w for e, w in scene.wires.items() if e.dst == gate.node_id)


@pytest.mark.parametrize("formula, values, symbol", [("sqrt(x)", {"x": "0"}, "√"),
                                                      ("sqrt(x*x + y*y)", {"x": "0", "y": "0"}, "√")])
def test_a_square_root_at_zero_says_its_slope_is_infinite_and_names_the_convention_it_uses(
        qtbot, gui, formula, values, symbol):
    scene = _at(qtbot, gui, formula, values)
    gate = _gate(scene, gui, symbol)
    assert gate.badge.text() == "∂ = ∞ here · uses 0"
    assert _wire_into(scene, gate).grad_label.text() == "0"  # what the engine passes on, by the convention
    tip = hover_tooltip(scene, gate)
    assert "is infinite here" in tip and "The engine uses √′(0) := 0 instead, so the local ∂ used is 0" in tip
    assert "Ackley" in tip
    assert "√′(0) := 0" in hover_tooltip(scene, _wire_into(scene, gate).grad_label)
    rows = gui.window.findChild(QWidget, "chainRulePanel").rows()
    assert any(row.endswith("× 0 = 0  (∂ = ∞ here; by convention √′(0) := 0)") for row in rows)
    badge, body = gate.badge.sceneBoundingRect(), gate.sceneBoundingRect()
    others = [p.sceneBoundingRect() for item in scene.nodes.values() if item is not gate
              for p in (item, item.caption, item.badge) if p is item or p.text()]
    assert badge.bottom() > body.bottom() and not any(badge.intersects(rect) for rect in others)
    gui.window.tabs.setCurrentIndex(0)


@pytest.mark.parametrize("value, badge, words, grad", [("-1", "∂ undefined here", "is undefined here", "undefined"),
                                                        ("0", "∂ = ∞ here", "is infinite here", "∞")])
def test_a_logarithm_at_zero_or_below_says_so_instead_of_a_finite_slope(qtbot, gui, value, badge, words, grad):
    scene = _at(qtbot, gui, "log(x)", {"x": value})
    gate = _gate(scene, gui, "log")
    assert gate.badge.text() == badge
    assert _wire_into(scene, gate).grad_label.text() == grad  # ∂f/∂x: 1/x would give −1 beside f undefined
    tip = hover_tooltip(scene, gate)
    assert f"log at x = {value.replace('-', '−')}: its local ∂f/∂x {words}" in tip and "convention" not in tip
    gui.window.tabs.setCurrentIndex(0)


def test_the_badge_waits_for_the_backward_pass_and_leaves_with_an_ordinary_value(qtbot, gui):
    scene = _at(qtbot, gui, "sqrt(x)", {"x": "0"})
    gate = _gate(scene, gui, "√")
    caption = gui.window.findChild(QLabel, "passCaption")
    gui.graph.step_back()
    assert caption.text() == "Step 2 of 3 · backward starts: ∂f/∂f = 1" and gate.badge.text() == ""
    gui.graph.step_forward()
    assert caption.text() == "Step 3 of 3 · backward through f · ∂ = ∞ here; by convention √′(0) := 0 · done"
    gui.graph.rewind()
    assert gate.badge.text() == ""  # the local partial is used by the backward pass: said there
    gui.graph.run_backward()
    assert gate.badge.text() == "∂ = ∞ here · uses 0"
    _type_value(qtbot, gui, "x", "4")
    assert gate.badge.text() == "" and "infinite" not in hover_tooltip(scene, gate)
    gui.window.tabs.setCurrentIndex(0)
