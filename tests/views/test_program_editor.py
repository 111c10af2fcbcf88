"""Programs in the Backprop formula box: micrograd's code pasted as written, built with Ctrl+Enter,
each assigned name one gate with its name on screen; Enter starts a new line of a program, Escape
reverts, an error puts the cursor at its line and column."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.micrograd_programs import (
    MORE_DA,
    MORE_DB,
    MORE_G,
    MORE_OPS,
    NEURON,
    NEURON_GRADS,
    NEURON_O,
    SANITY_CHECK,
    SANITY_DX,
    SANITY_NODES,
    SANITY_Y,
)
from tests.views.helpers import focus_widget

BACKPROP = 1
CTRL = Qt.KeyboardModifier.ControlModifier


def _paste_and_build(qtbot, gui, text):
    """Paste ``text`` into the box (as Ctrl+V would: an edit), then Ctrl+Enter; the box it was typed in."""
    edit = focus_widget(qtbot, gui, BACKPROP, "graphExpressionEdit")
    edit.selectAll()
    edit.insertPlainText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not gui.graph.layouts.busy, timeout=10_000)
    return edit


def _output_and_grads(gui):
    graph = gui.graph.graph
    grads = {name: float(graph.grads[node_id]) for name, node_id in graph.input_ids().items()}
    return float(graph.values[graph.output()]), grads


def _captions(gui):
    """The gate names drawn above the gates, as the scene shows them."""
    scene = gui.window.tabs.widget(BACKPROP).scene
    scene.finish_building()
    return sorted(item.caption.text() for item in scene.nodes.values() if item.caption.text())


def test_sanity_check_pasted_builds_micrographs_graph_with_its_names_on_screen(qtbot, gui):
    edit = _paste_and_build(qtbot, gui, SANITY_CHECK)
    value, grads = _output_and_grads(gui)
    assert value == pytest.approx(SANITY_Y, abs=1e-9) and grads == {"x": pytest.approx(SANITY_DX, abs=1e-9)}
    assert len(gui.graph.graph.nodes) == SANITY_NODES
    captions = _captions(gui)
    assert {"z", "q", "h", "y"} <= set(captions) and captions.count("z") == 1
    assert gui.window.tabs.widget(BACKPROP).view.hasFocus()  # Ctrl+Enter gave the keys back to the graph
    assert edit.text() == SANITY_CHECK  # the program stays in the box, not its formula written out
    lines = edit.fontMetrics().lineSpacing()
    assert 3 * lines <= edit.height() < 4 * lines  # folded to three lines: the graph gets the room
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=1000)
    assert 6 * lines <= edit.height() < 7 * lines  # typed in: six of its nine lines show
    gui.theme.set_projector(True)  # a projector's graph needs the room: the program folds to one line
    gui.window.tabs.widget(BACKPROP).view.setFocus()
    qtbot.waitUntil(lambda: not edit.hasFocus(), timeout=1000)
    lines = edit.fontMetrics().lineSpacing()
    assert lines <= edit.height() < 2 * lines
    assert "from the program" in gui.window.statusBar().currentMessage()


def test_more_ops_and_the_neuron_through_the_window(qtbot, gui):
    _paste_and_build(qtbot, gui, MORE_OPS)
    value, grads = _output_and_grads(gui)
    assert value == pytest.approx(MORE_G, abs=1e-9)
    assert grads == {"a": pytest.approx(MORE_DA, abs=1e-9), "b": pytest.approx(MORE_DB, abs=1e-9)}
    assert {"c", "c′", "c″", "d″", "e", "g′"} <= set(_captions(gui))
    _paste_and_build(qtbot, gui, NEURON)
    value, grads = _output_and_grads(gui)
    assert value == pytest.approx(NEURON_O, abs=1e-9) and grads == pytest.approx(NEURON_GRADS, abs=1e-9)
    assert set(_captions(gui)) == {"x1w1", "x2w2", "x1w1x2w2", "n", "o"}
    gui.graph.undo_stack.undo()  # back to the graph of the earlier program: the box shows that program
    assert gui.window.tabs.widget(BACKPROP).expression_edit.text() == MORE_OPS


def test_enter_starts_a_new_line_of_a_program_and_escape_reverts(qtbot, gui):
    edit = focus_widget(qtbot, gui, BACKPROP, "graphExpressionEdit")
    nodes = dict(gui.graph.graph.nodes)
    qtbot.keyClicks(edit, "a = 2.0")
    one_line = edit.height()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "b = a.tanh() * a")
    assert edit.text() == "a = 2.0\nb = a.tanh() * a" and edit.hasFocus() and gui.graph.graph.nodes == nodes
    assert edit.height() > one_line  # the box grew to show both lines
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == "" and not edit.isModified() and not edit.hasFocus()


def test_enter_on_a_formula_still_builds_it_and_gives_the_keys_back(qtbot, gui):
    edit = focus_widget(qtbot, gui, BACKPROP, "graphExpressionEdit")
    qtbot.keyClicks(edit, "x.tanh() * y")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert gui.graph.expression_text() == "tanh(x) * y" and not edit.hasFocus()


@pytest.mark.parametrize("text, line, column", [("a = 2\nb = a.foo()", 2, 7), ("a = 2\nb = a.data", 2, 5)])
def test_an_error_keeps_the_program_and_puts_the_cursor_at_its_line_and_column(qtbot, gui, text, line, column):
    edit = _paste_and_build(qtbot, gui, text)
    assert edit.hasFocus() and edit.text() == text and gui.graph.graph.nodes == {}
    cursor = edit.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (line, column)
    assert gui.window.statusBar().currentMessage().startswith(f"Line {line}, column {column}: ")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == "" and QApplication.focusWidget() is not edit
