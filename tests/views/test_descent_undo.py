"""Undo and redo of the Descent tab's settings, as a user does them: a widget changed, then Ctrl+Z on
the map (or Edit ▸ Undo); the widgets and the controller read back. The keys act on the tab on show."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QListWidget, QSlider, QSpinBox, QWidget

from gdgui.core.descent.functions import get_function

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _widget(gui, cls, name):
    widget = gui.window.findChild(cls, name)
    assert widget is not None, name
    return widget


def _on_map(qtbot, gui):
    plot = _widget(gui, QWidget, "contourPlot")
    plot.setFocus()
    qtbot.waitUntil(plot.hasFocus, timeout=1000)
    return plot


def _undo(qtbot, gui):
    qtbot.keyClick(_on_map(qtbot, gui), Qt.Key.Key_Z, CTRL)


def _redo(qtbot, gui):
    qtbot.keyClick(_on_map(qtbot, gui), Qt.Key.Key_Z, CTRL | SHIFT)


def _check_optimizer(gui, name: str, on: bool):
    items = _widget(gui, QListWidget, "optimizerList")
    row = [items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(items.count())].index(name)
    items.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _checked(gui) -> tuple[str, ...]:
    items = _widget(gui, QListWidget, "optimizerList")
    return tuple(items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(items.count())
                 if items.item(r).checkState() == Qt.CheckState.Checked)


def _momentum_spin(gui) -> QDoubleSpinBox:
    items = _widget(gui, QListWidget, "optimizerList")
    names = [items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(items.count())]
    items.setCurrentRow(names.index("momentum"))  # its hyper-parameters come into the form
    return _widget(gui, QDoubleSpinBox, "momentumSpin")


def _combo_id(gui):
    combo = _widget(gui, QComboBox, "functionCombo")
    return combo.itemData(combo.currentIndex())


# (what is changed, how a user changes it, what the widgets show, what the controller holds)
KINDS = {
    "function": (lambda gui: (combo := _widget(gui, QComboBox, "functionCombo")).setCurrentIndex(
                     combo.findData("himmelblau")),
                 lambda gui: (_combo_id(gui), _widget(gui, QDoubleSpinBox, "domainXMaxSpin").value()),
                 lambda gui: gui.descent.settings.function),
    "domain": (lambda gui: _widget(gui, QDoubleSpinBox, "domainXMaxSpin").setValue(9.5),
               lambda gui: _widget(gui, QDoubleSpinBox, "domainXMaxSpin").value(),
               lambda gui: gui.descent.settings.resolved_domain()[1]),
    "γ": (lambda gui: _widget(gui, QDoubleSpinBox, "lrSpin").setValue(0.05),
          lambda gui: (_widget(gui, QDoubleSpinBox, "lrSpin").value(), _widget(gui, QSlider, "lrSlider").value()),
          lambda gui: gui.descent.settings.lr),
    "start": (lambda gui: _widget(gui, QDoubleSpinBox, "startXSpin").setValue(1.5),
              lambda gui: (_widget(gui, QDoubleSpinBox, "startXSpin").value(),
                           tuple(gui.window.tabs.widget(0).contour_view.start_marker.pos())),
              lambda gui: gui.descent.settings.start),
    "optimizers": (lambda gui: _check_optimizer(gui, "adam", True), _checked,
                   lambda gui: gui.descent.settings.optimizers),
    "hyper-parameter": (lambda gui: _momentum_spin(gui).setValue(0.5), lambda gui: _momentum_spin(gui).value(),
                        lambda gui: gui.descent.settings.hyperparameters("momentum")["momentum"]),
    "particles": (lambda gui: _widget(gui, QSpinBox, "particlesSpin").setValue(40),
                  lambda gui: _widget(gui, QSpinBox, "particlesSpin").value(),
                  lambda gui: (gui.descent.settings.particles, gui.descent.frame.swarm)),
    "seed": (lambda gui: _widget(gui, QSpinBox, "seedSpin").setValue(7),
             lambda gui: _widget(gui, QSpinBox, "seedSpin").value(), lambda gui: gui.descent.settings.seed),
    "speed": (lambda gui: _widget(gui, QSpinBox, "speedSpin").setValue(250),
              lambda gui: _widget(gui, QSpinBox, "speedSpin").value(), lambda gui: gui.descent.settings.speed),
    "tolerance": (lambda gui: _widget(gui, QDoubleSpinBox, "tolSpin").setValue(0.01),
                  lambda gui: _widget(gui, QDoubleSpinBox, "tolSpin").value(), lambda gui: gui.descent.settings.tol),
}


@pytest.mark.parametrize("kind", KINDS)
def test_ctrl_z_on_the_map_undoes_each_kind_of_setting_and_ctrl_shift_z_redoes_it(qtbot, gui, kind):
    change, shown, held = KINDS[kind]
    before = (shown(gui), held(gui))
    change(gui)
    after = (shown(gui), held(gui))
    assert after[0] != before[0] and after[1] != before[1], "the change itself did not take"
    assert gui.descent.undo_stack.undoText() == kind
    _undo(qtbot, gui)
    assert (shown(gui), held(gui)) == before
    _redo(qtbot, gui)
    assert (shown(gui), held(gui)) == after
    assert gui.descent.undo_stack.count() == 1  # one change, one step
    _undo(qtbot, gui)  # the shared window goes back as it was
    if kind == "hyper-parameter":
        gui.descent.select_optimizer("gd")


def test_a_typed_formula_is_undone_back_to_the_catalog_function(qtbot, gui):
    edit = _widget(gui, QLineEdit, "expressionEdit")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "x^2 + y^4")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert gui.descent.settings.expression == "x^2 + y^4"
    _undo(qtbot, gui)
    assert gui.descent.settings.function == "quadratic" and gui.descent.settings.expression is None
    assert _combo_id(gui) == "quadratic"
    assert edit.text() == get_function("quadratic").formula  # the field shows f again, not the undone text
    _redo(qtbot, gui)
    assert gui.descent.settings.expression == "x^2 + y^4" and edit.text() == "x^2 + y^4"
    _undo(qtbot, gui)


def _type_lr(qtbot, gui, text):
    spin = _widget(gui, QDoubleSpinBox, "lrSpin")
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=1000)
    qtbot.keyClick(spin, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_gammas_typed_one_after_another_are_one_step_until_the_run_moves(qtbot, gui):
    stack = gui.descent.undo_stack
    _type_lr(qtbot, gui, "0.05")
    _type_lr(qtbot, gui, "0.2")
    _type_lr(qtbot, gui, "0.3")
    assert gui.descent.settings.lr == 0.3 and stack.count() == 1
    qtbot.keyClick(_on_map(qtbot, gui), Qt.Key.Key_Right)  # the run takes a step with γ = 0.3
    _type_lr(qtbot, gui, "0.02")
    assert stack.count() == 2
    _undo(qtbot, gui)
    assert gui.descent.settings.lr == 0.3
    _undo(qtbot, gui)
    assert gui.descent.settings.lr == 0.1 and _widget(gui, QDoubleSpinBox, "lrSpin").value() == 0.1


def test_a_value_typed_back_to_where_it_was_leaves_no_step(qtbot, gui):
    _type_lr(qtbot, gui, "0.05")
    _type_lr(qtbot, gui, "0.1")
    assert gui.descent.undo_stack.count() == 0 and not gui.descent.undo_stack.canUndo()


def test_new_random_starts_are_steps_of_their_own(qtbot, gui):
    plot = _on_map(qtbot, gui)
    starts = [gui.descent.settings.start]
    for _ in range(2):
        qtbot.keyClick(plot, Qt.Key.Key_N)
        starts.append(gui.descent.settings.start)
    _undo(qtbot, gui)
    assert (gui.descent.settings.start, gui.descent.settings.seed) == (starts[1], 1)
    _undo(qtbot, gui)
    assert (gui.descent.settings.start, gui.descent.settings.seed) == (starts[0], 0)


def test_a_focused_text_field_keeps_its_own_ctrl_z(qtbot, gui):
    edit = _widget(gui, QLineEdit, "expressionEdit")
    _widget(gui, QDoubleSpinBox, "lrSpin").setValue(0.05)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=1000)
    typed = edit.text()
    qtbot.keyClicks(edit, " + y")
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == typed  # the field's own undo
    assert gui.descent.settings.lr == 0.05 and gui.descent.undo_stack.index() == 1
    spin = _widget(gui, QDoubleSpinBox, "lrSpin")
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=1000)
    qtbot.keyClick(spin, Qt.Key.Key_End)
    qtbot.keyClicks(spin, "7")
    qtbot.keyClick(spin, Qt.Key.Key_Z, CTRL)
    assert spin.lineEdit().text() == "0.05"  # the spin box's own undo of the digit typed
    assert gui.descent.settings.lr == 0.05 and gui.descent.undo_stack.index() == 1
    _undo(qtbot, gui)


def test_ctrl_z_acts_on_the_tab_on_show_and_so_does_edit_undo(qtbot, gui):
    window, graph, stack = gui.window, gui.graph, gui.descent.undo_stack
    graph.load_preset("05-fork.json")
    graph_steps = (graph.undo_stack.count(), graph.undo_stack.index())
    _widget(gui, QDoubleSpinBox, "lrSpin").setValue(0.05)
    menu_undo = next(action for action in window.menuBar().actions() if action.text() == "&Edit").menu().actions()[0]
    assert menu_undo.text() == "&Undo γ\tCtrl+Z"
    _undo(qtbot, gui)
    assert gui.descent.settings.lr == 0.1 and (graph.undo_stack.count(), graph.undo_stack.index()) == graph_steps
    window.tabs.setCurrentIndex(1)
    assert menu_undo.text() == f"&Undo {graph.undo_stack.undoText()}\tCtrl+Z"
    view = _widget(gui, QWidget, "graphView")
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=1000)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert graph.undo_stack.index() == graph_steps[1] - 1 and not graph.graph.nodes
    assert gui.descent.settings.lr == 0.1 and stack.canRedo()  # the Descent tab's redo is still there
    window.tabs.setCurrentIndex(0)
    redo = next(action for action in window.menuBar().actions() if action.text() == "&Edit").menu().actions()[1]
    redo.trigger()
    assert gui.descent.settings.lr == 0.05 and _widget(gui, QDoubleSpinBox, "lrSpin").value() == 0.05
    menu_undo.trigger()
    assert gui.descent.settings.lr == 0.1
