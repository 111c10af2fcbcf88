"""Typing formulas whose arithmetic Python refuses, character by character, into the Descent and
Backprop formula boxes: no crash report, the map/run/settings and the graph/drawing agree, and a
session saved afterwards reopens on the function the map shows."""

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView, QLabel, QWidget

from gdgui.views.shell.crash_dialog import CrashReporter

ACCEPTED = ["x/0", "reciprocal(0) + x", "log(0)*x", "0/0 + x", "x + 1/0", "x^0", "0^-1*x", "sqrt(-1)+x",
            "exp(1000)*x", "10^400*x"]
REFUSED = {"x^reciprocal(0)": "Column 2: the exponent is infinite (division by zero)",
           "x^1e308": "Column 2: the exponent is larger than 1000 in magnitude",
           "09*x": "Column 1: a number cannot start with 0 (write 9, not 09)"}


@pytest.fixture
def reporter(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    crash = CrashReporter(tmp_path / "logs")
    crash.install()
    yield crash
    assert crash.dialog is None, crash.dialog.details.toPlainText()
    assert crash.log_path is None or not crash.log_path.exists() or crash.log_path.read_text() == ""


def _type(qtbot, window, name, text, typed=None):
    """Type ``text`` into the box one key at a time (the box checks the formula on every keystroke),
    then Enter; only the last ``typed`` characters are keyed when given (a 1,000-key test is slow)."""
    edit = window.findChild(QWidget, name)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    start = 0 if typed is None else len(text) - typed
    edit.setText(text[:start])
    qtbot.keyClicks(edit, text[start:])
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    return edit


def _descent_agrees(gui, formula):
    assert gui.descent.settings.expression == formula
    assert gui.descent.map_data.objective.formula == formula
    assert gui.descent.record.run.objective.formula == formula


def _backprop_agrees(gui):
    scene = gui.window.findChild(QGraphicsView, "graphView").scene()
    scene.finish_building()  # a graph of hundreds of nodes is drawn in slices
    assert set(scene.nodes) == set(gui.graph.graph.nodes)


@pytest.mark.qt_no_exception_capture
def test_typed_formulas_with_undefined_values_are_used_in_both_tabs(qtbot, gui, reporter, tmp_path):
    window = gui.window
    for text in ACCEPTED:
        formula = f"{text} + y^2"
        _type(qtbot, window, "expressionEdit", formula)
        _descent_agrees(gui, formula)
        assert window.findChild(QLabel, "expressionError").text() == ""
        if text != "x^0":
            assert window.statusBar().currentMessage().startswith("Note, column ")
            assert "f is undefined or infinite here" in window.findChild(QLabel, "statusLabel").toolTip()  # the whole status
        _type(qtbot, window, "graphExpressionEdit", text)
        assert gui.graph.walkthrough is not None
        _backprop_agrees(gui)
        path = tmp_path / "undefined.gdgui"
        assert gui.session.save(path)
        gui.descent.set_function("quadratic")
        assert gui.session.open(path)
        _descent_agrees(gui, formula)
    gui.descent.set_function("quadratic")


@pytest.mark.qt_no_exception_capture
def test_refused_formulas_change_nothing_and_the_saved_session_reopens(qtbot, gui, reporter, tmp_path):
    window = gui.window
    _type(qtbot, window, "expressionEdit", "x^2 + y^4")
    _type(qtbot, window, "graphExpressionEdit", "x*y + 1")
    graph_before, depth = gui.graph.state_dict(), gui.graph.undo_stack.count()
    for text, message in REFUSED.items():
        _type(qtbot, window, "expressionEdit", f"{text} + y^2")
        assert window.findChild(QLabel, "expressionError").text() == message
        _descent_agrees(gui, "x^2 + y^4")
        _type(qtbot, window, "graphExpressionEdit", text)
        assert window.statusBar().currentMessage() == message
        assert gui.graph.state_dict() == graph_before and gui.graph.undo_stack.count() == depth
        _backprop_agrees(gui)
        path = tmp_path / "refused.gdgui"
        assert gui.session.save(path)
        gui.descent.set_function("quadratic")
        assert gui.session.open(path)
        _descent_agrees(gui, "x^2 + y^4")
        assert gui.graph.expression_text() == "x * y + 1"
    gui.descent.set_function("quadratic")


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("text", ["^".join(["x"] * 490), "x^(" + "+".join(["x"] * 490) + ")"])
def test_500_deep_formulas_typed_into_both_boxes(qtbot, gui, reporter, text):
    _type(qtbot, gui.window, "graphExpressionEdit", text, typed=10)
    qtbot.waitUntil(lambda: not gui.graph.layouts.busy, timeout=30_000)  # this big, laid out on a worker
    assert gui.graph.walkthrough is not None and len(gui.graph.graph.nodes) >= 490
    _backprop_agrees(gui)
    formula = f"{text} + y^2"
    _type(qtbot, gui.window, "expressionEdit", formula, typed=60)
    _descent_agrees(gui, formula)
    assert gui.window.findChild(QLabel, "expressionError").text() == ""
    gui.descent.step(3)
    gui.descent.set_function("quadratic")
