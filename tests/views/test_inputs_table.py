"""The inputs table beside the graph: rows that follow the model, values typed with keys, Randomize by seed,
and a value edit that rewrites exactly the labels a freshly drawn graph would show."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsSceneHelpEvent,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
)

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.autodiff.graph_document import random_values
from gdgui.core.numbers import short
from gdgui.views.backprop.graph_labels import TextItem
from gdgui.views.backprop.inputs_table import GRAD, NAME, VALUE
from gdgui.views.backprop.tab import BackpropTab
from gdgui.views.widgets.text_rows import TextRows


def _new_tab(qtbot, size=(1400, 850)):
    widget = BackpropTab(GraphController(), ThemeController())
    qtbot.addWidget(widget)
    widget.resize(*size)
    return widget


@pytest.fixture
def tab(qtbot):
    return _new_tab(qtbot)


@pytest.fixture
def graph_changes(tab):
    changes = []
    tab.controller.graph_changed.connect(lambda: changes.append("graph"))
    return changes


def _table(tab) -> QTableWidget:
    return tab.findChild(QTableWidget, "graphInputsTable")


def _rows(tab):
    table = _table(tab)
    return [tuple(table.item(row, column).text() for column in (NAME, VALUE, GRAD)) for row in range(table.rowCount())]


def _row_of(tab, name) -> int:
    return [row[0] for row in _rows(tab)].index(name)


def _wire_from(tab, input_name):
    node_id = tab.controller.graph.input_ids()[input_name]
    return next(w for e, w in tab.scene.wires.items() if e.src == node_id)


def _editor(tab, qtbot, name) -> QLineEdit:
    """Focus the value cell of ``name`` and open its editor with F2, as a user would."""
    table = _table(tab)
    table.setFocus()
    table.setCurrentCell(_row_of(tab, name), VALUE)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is table.viewport()
    return editor


def _editing(tab) -> bool:
    return _table(tab).state() == QAbstractItemView.State.EditingState


def _enter(qtbot, tab, editor, name, expected) -> None:
    """Enter in a cell editor: the view commits it once back in the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.controller.document.values[name] == expected and not _editing(tab), timeout=2000)


def _chain_lines(tab) -> list[str]:
    return tab.chain_panel.rows()


def _labels(tab) -> dict:
    """Every text the scene shows on wires and badges."""
    scene = tab.scene
    texts = {edge: (w.value_label.text(), w.grad_label.text()) for edge, w in scene.wires.items()}
    texts["output"] = (scene.output_wire.value_label.text(), scene.output_wire.grad_label.text())
    texts.update({node_id: item.badge.text() for node_id, item in scene.nodes.items()})
    return texts


# ----- rows ------------------------------------------------------------------------------------------

def test_rows_show_the_presets_values_and_hand_worked_gradients(tab):
    tab.controller.load_preset("02-logistic-regression.json")
    assert _rows(tab) == [("w0", "−3", "0.1966"), ("w1", "2", "−0.1966"), ("x1", "−1", "0.3932"),
                          ("w2", "−3", "−0.3932"), ("x2", "−2", "−0.5898")]
    table = _table(tab)
    bold = [table.item(row, NAME).font().bold() for row in range(table.rowCount())]
    assert bold == [True, True, False, True, False]  # the parameters a gradient step updates
    assert not tab.inputs.params_note.isHidden()
    tab.controller.load_preset("05-fork.json")
    assert tab.inputs.params_note.isHidden()


def test_rows_follow_typed_formulas_undo_and_the_walkthrough(tab):
    tab.controller.load_preset("03-cs231n-simple.json")
    tab.controller.set_expression("x * w")
    assert _rows(tab) == [("x", "−2", "1"), ("w", "1", "−2")]  # f = x·w: ∂f/∂x = w, ∂f/∂w = x
    tab.controller.rewind()
    assert _rows(tab) == [("x", "−2", ""), ("w", "1", "")]
    tab.controller.undo_stack.undo()  # another graph: its walkthrough starts over
    assert _rows(tab) == [("x", "−2", ""), ("y", "5", ""), ("z", "−4", "")]
    tab.controller.run_backward()
    assert _rows(tab) == [("x", "−2", "−4"), ("y", "5", "−4"), ("z", "−4", "3")]


# ----- typing values -----------------------------------------------------------------------------------

def test_a_value_typed_in_the_cell_with_enter_changes_the_model_and_the_wires(tab, qtbot, activate, graph_changes):
    tab.controller.load_preset("03-cs231n-simple.json")  # (x + y) · z at −2, 5, −4
    activate(tab)
    depth = tab.controller.undo_stack.count()
    graph_changes.clear()
    editor = _editor(tab, qtbot, "x")
    assert editor.text() == "-2" and editor.selectedText() == "-2"
    qtbot.keyClicks(editor, "1")
    _enter(qtbot, tab, editor, "x", 1.0)
    assert _rows(tab) == [("x", "1", "−4"), ("y", "5", "−4"), ("z", "−4", "6")]
    assert _wire_from(tab, "x").value_label.text() == "1" and _wire_from(tab, "z").grad_label.text() == "6"
    assert tab.scene.output_wire.value_label.text() == "−24"
    assert graph_changes == [] and tab.controller.undo_stack.count() == depth + 1
    tab.controller.undo_stack.undo()
    assert _rows(tab)[0] == ("x", "−2", "−4") and _wire_from(tab, "x").value_label.text() == "−2"


def test_a_key_typed_on_the_focused_table_starts_editing_the_value(tab, qtbot, activate):
    tab.controller.load_preset("05-fork.json")
    activate(tab)
    table = _table(tab)
    table.setFocus()
    table.setCurrentCell(_row_of(tab, "b"), NAME)  # the current cell moves to the value beside it
    assert table.currentColumn() == VALUE
    qtbot.keyClick(table, Qt.Key.Key_Minus)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "0.5")
    assert editor.text() == "-0.5"
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: tab.controller.document.values["b"] == -0.5, timeout=2000)
    assert _rows(tab)[1] == ("b", "−0.5", "2")  # ∂f/∂b = (b + 1) + (a + b) = 0.5 + 1.5


def test_escape_cancels_the_typed_value(tab, qtbot, activate):
    tab.controller.load_preset("05-fork.json")
    activate(tab)
    before, depth = tab.controller.state_dict(), tab.controller.undo_stack.count()
    editor = _editor(tab, qtbot, "a")
    qtbot.keyClicks(editor, "7")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _editing(tab), timeout=2000)
    assert tab.controller.state_dict() == before and tab.controller.undo_stack.count() == depth
    assert _rows(tab)[0] == ("a", "2", "2")


@pytest.mark.parametrize("typed, words", [("abc", "a: 'abc' is not a number"), ("1e999", "not a finite number")])
def test_a_bad_value_is_refused_and_the_cell_shows_the_old_one(tab, qtbot, activate, typed, words):
    tab.controller.load_preset("05-fork.json")
    activate(tab)
    before = tab.controller.state_dict()
    editor = _editor(tab, qtbot, "a")
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: words in tab.status.text(), timeout=2000)
    assert tab.controller.state_dict() == before and _rows(tab)[0] == ("a", "2", "2")


# ----- Randomize -----------------------------------------------------------------------------------------

def test_randomize_shows_its_seed_replays_it_and_is_undoable(tab):
    tab.controller.load_preset("02-logistic-regression.json")
    before = tab.controller.state_dict()
    names = tab.controller.graph.input_names()
    button = tab.findChild(QPushButton, "graphRandomizeButton")
    seed = tab.findChild(QSpinBox, "graphSeedSpin")
    button.click()
    first = random_values(names, 1)
    assert seed.value() == 1 and seed.text() == "seed 1"
    assert [row[1] for row in _rows(tab)] == [short(first[name]) for name in names]
    assert _wire_from(tab, "x1").value_label.text() == short(first["x1"])
    button.click()
    assert seed.value() == 2 and tab.controller.document.values == random_values(names, 2)
    seed.setValue(1)  # the teacher sets the seed: the same values again
    assert tab.controller.document.values == first
    tab.controller.undo_stack.undo()
    assert seed.value() == 2
    tab.controller.undo_stack.undo()
    tab.controller.undo_stack.undo()
    assert tab.controller.state_dict() == before and seed.text() == "seed –"


# ----- the fast path draws what a fresh drawing would ------------------------------------------------------

def test_after_a_value_edit_every_label_reads_as_on_a_freshly_drawn_graph(qtbot, tab):
    tab.controller.load_preset("04-sigmoid-neuron.json")
    tab.controller.rewind()
    for _ in range(9):  # part of the backward pass: some gradients shown, some not yet
        tab.controller.step_forward()
    tab.controller.set_input_value("x0", "0.5")
    tab.controller.randomize_inputs(3)
    fresh = _new_tab(qtbot)
    fresh.controller.apply_state(tab.controller.state_dict())
    fresh.controller.rewind()
    for _ in range(9):
        fresh.controller.step_forward()
    assert _labels(tab) == _labels(fresh)
    assert _rows(tab) == _rows(fresh)
    assert _chain_lines(tab) == _chain_lines(fresh) and tab.caption.text() == fresh.caption.text()


def test_a_value_edit_redraws_only_the_labels_and_rows_whose_text_changed(tab, monkeypatch):
    """A new z in ``x*y + sin(z)*w + tanh(a*b)``: the plates and chain-rule rows that read differently are
    laid out and drawn again, each once; those of x*y and tanh(a*b) are not touched, nor are rows added."""
    tab.controller.set_expression("x*y + sin(z)*w + tanh(a*b)")
    # Read before the watch starts: a node's badge is made when first asked for, and laid out then.
    plates = [label for w in [*tab.scene.wires.values(), tab.scene.output_wire] for label in w.labels()]
    plates += [item.badge for item in tab.scene.nodes.values()]
    relaid, rewritten, rebuilt = [], [], []
    monkeypatch.setattr(TextItem, "_relayout", lambda item, relayout=TextItem._relayout: (
        relaid.append(item), relayout(item))[1])
    monkeypatch.setattr(TextRows, "set_row", lambda rows, row, text, set_row=TextRows.set_row: (
        rewritten.append(row), set_row(rows, row, text))[1])
    for name in ("insert_rows", "remove_rows", "clear_rows"):
        monkeypatch.setattr(TextRows, name, lambda *args, name=name: rebuilt.append(name))
    texts, rows = [plate.text() for plate in plates], _chain_lines(tab)
    tab.controller.set_input_value("z", "0.25")
    changed = [plate for plate, text in zip(plates, texts) if plate.text() != text]
    assert 0 < len(changed) < len(plates) / 2
    assert sorted(map(id, relaid)) == sorted(map(id, changed))
    new_rows = _chain_lines(tab)
    assert 0 < len(rewritten) < len(rows) / 2 and not rebuilt
    assert sorted(rewritten) == [row for row, (old, new) in enumerate(zip(rows, new_rows)) if old != new]
    tab.controller.undo_stack.undo()  # and back: the same rows and plates as before the edit
    assert [plate.text() for plate in plates] == texts and _chain_lines(tab) == rows


def _overlaps(tab) -> list:
    scene = tab.scene
    rects = [label.sceneBoundingRect() for w in [*scene.wires.values(), scene.output_wire]
             for label in w.labels() if label.text()]
    rects += [part.sceneBoundingRect() for n in scene.nodes.values() for part in (n, n.badge, n.caption)
              if not part.boundingRect().isEmpty()]
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]


@pytest.mark.parametrize("preset", ["03-cs231n-simple.json", "06-max-router.json"])
def test_numbers_grown_wider_than_their_spot_move_their_labels_to_a_free_one(tab, preset):
    tab.controller.load_preset(preset)
    for seed in range(1, 13):
        tab.controller.randomize_inputs(seed)
        assert _overlaps(tab) == [], seed


def test_tooltips_name_the_new_values(tab):
    tab.controller.load_preset("03-cs231n-simple.json")
    tab.controller.set_input_value("x", "0.25")
    x = tab.controller.graph.input_ids()["x"]
    assert tab.scene.nodes[x].toolTip().startswith("input x = 0.25")
    label = _wire_from(tab, "x").value_label
    event = QGraphicsSceneHelpEvent(QEvent.Type.GraphicsSceneHelp)
    event.setScenePos(label.sceneBoundingRect().center())
    QApplication.sendEvent(tab.scene, event)
    assert "value: 0.25" in label.toolTip()


def test_a_gradient_check_is_cleared_by_new_values(tab):
    tab.controller.load_preset("05-fork.json")
    tab.check_panel.button.click()
    assert tab.check_panel.table.rowCount() == 2
    tab.controller.step_back()  # a step of the walkthrough keeps it
    assert tab.check_panel.table.rowCount() == 2
    tab.controller.set_input_value("a", "3")
    assert tab.check_panel.table.rowCount() == 0


# ----- fits and reads ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("projector, size", [(False, (1024, 768)), (True, (1024, 768)), (True, (1280, 720))])
def test_the_table_fits_beside_the_graph_and_no_text_is_cut(gui, qtbot, projector, size):
    gui.window.resize(*size)
    gui.theme.set_projector(projector)
    gui.window.tabs.setCurrentIndex(1)
    tab = gui.window.tabs.widget(1)
    gui.graph.load_preset("02-logistic-regression.json")
    gui.graph.set_input_value("x2", "-0.123456")
    table = _table(tab)
    # (The window is no narrower than the Descent tab allows: 1068 px, 1229 px in projector mode.)
    qtbot.waitUntil(lambda: table.mapTo(tab, table.rect().bottomRight()).x() <= tab.width(), timeout=2000)
    assert table.font().pointSizeF() >= (18 if projector else 11)
    assert tab.view.width() > 0.6 * tab.width()  # the graph keeps most of the room
    header = table.horizontalHeader()
    for column in (NAME, VALUE, GRAD):
        items = [table.item(row, column) for row in range(table.rowCount())]
        widest = max(QFontMetrics(item.font()).horizontalAdvance(item.text()) for item in items)
        heading = QFontMetrics(header.font()).horizontalAdvance(table.horizontalHeaderItem(column).text())
        assert table.columnWidth(column) >= max(widest, heading), column
    assert header.length() <= table.viewport().width() + 1  # nothing hidden sideways


def test_in_the_window_keys_typed_in_a_cell_stay_there_and_the_clicker_still_steps(gui, qtbot):
    gui.graph.load_preset("05-fork.json")
    gui.window.tabs.setCurrentIndex(1)
    tab = gui.window.tabs.widget(1)
    editor = _editor(tab, qtbot, "a")
    qtbot.keyClicks(editor, "b")  # B blanks the screen anywhere but in a text field
    assert editor.text() == "b" and not gui.window.blank_overlay.isVisible()
    editor.clear()
    qtbot.keyClicks(editor, "-1.5")
    _enter(qtbot, tab, editor, "a", -1.5)
    assert tab.scene.output_wire.value_label.text() == "−1"  # (−1.5 + 1)(1 + 1)
    gui.graph.rewind()
    editor = _editor(tab, qtbot, "b")
    qtbot.keyClick(editor, Qt.Key.Key_PageDown)
    assert gui.graph.walkthrough.cursor == 1
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _editing(tab), timeout=2000)
