"""The Backprop tab: numbers on the right wires, Σ badges, keys, editing by hand, exports, projector sizes."""

import xml.etree.ElementTree as ElementTree

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.theme import NORMAL, ThemeController
from gdgui.core.autodiff.graph import Edge
from gdgui.views.backprop import graph_export
from gdgui.views.backprop.tab import BackpropTab
from gdgui.views.widgets.program_edit import ProgramEdit
from tests.views.helpers import hover_tooltip


@pytest.fixture
def tab(qtbot):
    widget = BackpropTab(GraphController(laptop=NORMAL), ThemeController())
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    return widget


def _wire_from(tab, input_name):
    node_id = tab.controller.graph.input_ids()[input_name]
    (wire,) = [w for e, w in tab.scene.wires.items() if e.src == node_id]
    return wire


def _chain_lines(tab):
    panel = tab.chain_panel
    return panel.rows()


def _load(tab, name):
    tab.preset_combo.setCurrentIndex(tab.preset_combo.findData(name))
    tab.preset_combo.activated.emit(tab.preset_combo.currentIndex())


def test_required_object_names(tab):
    for kind, name in ((ProgramEdit, "graphExpressionEdit"), (QPushButton, "forwardButton"),
                       (QPushButton, "backwardButton"), (QPushButton, "graphStepBackButton"),
                       (QPlainTextEdit, "chainRulePanel")):
        assert tab.findChild(kind, name) is not None, name
    assert tab.view.objectName() == "graphView"


def test_seed_logistic_preset_shows_the_slides_numbers_on_the_right_wires(tab):
    _load(tab, "02-logistic-regression.json")
    tab.digits_spin.setValue(6)
    expected = {"w0": ("-3", "0.196612"), "w1": ("2", "-0.196612"), "w2": ("-3", "-0.393224"),
                "x1": ("-1", "0.393224"), "x2": ("-2", "-0.589836")}
    for name, (value, grad) in expected.items():
        wire = _wire_from(tab, name)
        assert wire.value_label.text() == value.replace("-", "−")
        assert wire.grad_label.text() == grad.replace("-", "−")
    assert tab.scene.output_wire.value_label.text() == "0.731059"
    assert tab.scene.output_wire.grad_label.text() == "1"


def test_default_precision_is_four_significant_digits_and_tooltips_hold_all_digits(tab):
    _load(tab, "02-logistic-regression.json")
    wire = _wire_from(tab, "x2")
    assert wire.grad_label.text() == "−0.5898"
    tip = hover_tooltip(tab.scene, wire.grad_label)
    assert "upstream × local = contribution" in tip and "−0.589835" in tip and wire.toolTip() == tip


@pytest.mark.parametrize("name, input_grads", [
    ("01-sum-times.json", {"x1": "−2", "x2": "−2", "x3": "4"}),
    ("03-cs231n-simple.json", {"x": "−4", "y": "−4", "z": "3"}),
    ("04-sigmoid-neuron.json", {"x0": "0.3932", "x1": "−0.5898", "w0": "−0.1966", "w2": "0.1966"}),
    ("06-max-router.json", {"x": "−8", "y": "6", "z": "2", "w": "0"}),
])
def test_other_presets_show_hand_worked_gradients(tab, name, input_grads):
    _load(tab, name)
    for input_name, grad in input_grads.items():
        assert _wire_from(tab, input_name).grad_label.text() == grad


def test_fork_shows_two_plus_three_and_the_sigma_badge(tab):
    _load(tab, "05-fork.json")
    b = tab.controller.graph.input_ids()["b"]
    assert tab.scene.nodes[b].badge.text() == "Σ 2 + 3 = 5"
    assert _chain_lines(tab)[-1].startswith("∂f/∂b = 2 + 3 = 5")
    assert tab.scene.nodes[tab.controller.graph.input_ids()["a"]].badge.text() == ""
    tab.step_back_button.click()
    assert tab.scene.nodes[b].badge.text() == ""  # the contribution via c has not arrived yet


def test_keys_step_through_the_passes_and_the_panel_follows(tab, qtbot, activate):
    _load(tab, "03-cs231n-simple.json")
    activate(tab)
    tab.rewind_button.click()
    tab.view.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(tab.view, key)
    walk = tab.controller.walkthrough
    assert walk.cursor == 4
    assert _chain_lines(tab) == [line.text for line in walk.lines(tab.controller.names())]
    assert _chain_lines(tab)[-2:] == ["∂f/∂q = ∂f/∂f · z = 1 × (−4) = −4",
                                            "∂f/∂z = ∂f/∂f · q = 1 × 3 = 3"]
    assert tab.scene.nodes[walk.output].current
    qtbot.keyClick(tab.view, Qt.Key.Key_PageUp)
    assert walk.cursor == 3 and tab.caption.text().startswith("Step 3 of 5")
    tab.forward_button.click()
    assert walk.cursor == 2 and tab.scene.output_wire.grad_label.text() == ""
    tab.backward_button.click()
    assert walk.cursor == 5


def test_typing_an_expression_builds_the_graph_and_errors_keep_it(tab, qtbot):
    tab.expression_edit.setText("(x + y) * z")
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_Return)
    assert sorted(tab.controller.graph.input_names()) == ["x", "y", "z"]
    assert len(tab.scene.nodes) == 5 and len(tab.scene.wires) == 4
    tab.expression_edit.setText("x + (y")
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_Return)
    assert len(tab.scene.nodes) == 5
    assert tab.expression_edit.cursorPosition() == 4 and "not closed" in tab.status.text()


def test_delete_key_removes_the_selection_and_ctrl_z_brings_it_back(tab, qtbot, activate):
    _load(tab, "05-fork.json")
    activate(tab)
    before = tab.controller.state_dict()
    a = tab.controller.graph.input_ids()["a"]
    tab.scene.nodes[a].setSelected(True)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert a not in tab.controller.graph.nodes and a not in tab.scene.nodes
    assert "needs argument 1" in tab.scene.nodes[_named(tab, "c")].badge.text()
    assert not tab.forward_button.isEnabled()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.controller.state_dict() == before and a in tab.scene.nodes
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert a not in tab.controller.graph.nodes


def _named(tab, name):
    return next(i for i, n in tab.controller.names().items() if n == name)


def test_dragging_from_a_port_to_a_gate_connects_them(tab, qtbot):
    controller = tab.controller
    controller.add_input((0.0, 0.0), "x")
    controller.add_op("exp", (250.0, 0.0))
    with qtbot.waitExposed(tab):
        tab.show()
    tab.view.fit()
    x, exp = controller.graph.input_ids()["x"], next(n for n in controller.graph.nodes if n != "n0")
    start = tab.view.mapFromScene(tab.scene.nodes[x].out_port()) - QPoint(4, 0)
    end = tab.view.mapFromScene(tab.scene.nodes[exp].scenePos())
    qtbot.mousePress(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tab.view.viewport(), end)
    qtbot.mouseRelease(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert controller.graph.edges() == [Edge(x, exp, 0)]
    assert tab.scene.output_wire.value_label.text() == "2.718"


def test_dragging_a_node_is_one_undo_step(tab, qtbot):
    _load(tab, "05-fork.json")
    with qtbot.waitExposed(tab):
        tab.show()
    a = tab.controller.graph.input_ids()["a"]
    old = tab.controller.graph.nodes[a].pos
    centre = tab.view.mapFromScene(tab.scene.nodes[a].scenePos()) - QPoint(10, 0)
    qtbot.mousePress(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    for dx in (10, 20, 40):
        qtbot.mouseMove(tab.view.viewport(), centre + QPoint(dx, 30))
    qtbot.mouseRelease(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(40, 30))
    assert tab.controller.graph.nodes[a].pos != old
    tab.controller.undo_stack.undo()
    assert tab.controller.graph.nodes[a].pos == old


def test_double_click_edits_an_input_in_place(tab, qtbot):
    _load(tab, "03-cs231n-simple.json")
    with qtbot.waitExposed(tab):
        tab.show()
    x = tab.controller.graph.input_ids()["x"]
    editor = tab.view.edit_in_place(tab.scene.nodes[x])
    assert editor.text() == "x = -2"
    editor.setText("x = 1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert tab.controller.document.values["x"] == 1.0
    assert _wire_from(tab, "x").value_label.text() == "1"
    assert tab.scene.output_wire.value_label.text() == "−24"


def test_add_node_menu_adds_every_kind(tab):
    menu = tab.add_button.menu()
    actions = {a.text(): a for a in menu.actions()}
    actions["Input"].trigger()
    actions["Constant"].trigger()
    gates = actions["Gate"].menu().actions()
    assert len(gates) == 21  # every op of the table, the power gate x^k too
    next(a for a in gates if a.text().endswith("sigmoid")).trigger()
    kinds = sorted((n.kind, n.op) for n in tab.controller.graph.nodes.values())
    assert kinds == [("const", None), ("input", None), ("op", "sigmoid")]
    assert len(tab.scene.nodes) == 3


def test_expand_then_collapse_sigma_from_the_scene(tab):
    _load(tab, "04-sigmoid-neuron.json")
    sigma = next(n.id for n in tab.controller.graph.nodes.values() if n.op == "sigmoid")
    tab.controller.expand_sigmoid(sigma)
    assert len(tab.scene.nodes) == 15 and tab.scene.nodes[sigma].label() == "1/x"
    assert _chain_lines(tab)[-1].startswith("σ(1−σ) = 0.7311 × 0.2689 = 0.1966")
    assert _wire_from(tab, "x0").grad_label.text() == "0.3932"
    tab.controller.collapse_sigmoid(sigma)
    assert len(tab.scene.nodes) == 10 and tab.scene.nodes[sigma].label() == "σ"


def test_gradient_check_and_gradient_step_panels(tab):
    _load(tab, "02-logistic-regression.json")
    tab.check_panel.button.click()
    table = tab.check_panel.table
    assert table.rowCount() == 5
    assert all(table.item(r, 2).text().endswith("good") for r in range(5))
    tab.step_panel.rate.setValue(1.0)
    assert tab.controller.document.learning_rate == 1.0
    tab.step_panel.step_button.click()
    assert _wire_from(tab, "w0").value_label.text() == "−3.197"  # −3 − 1.0 × 0.1966


def test_ticking_an_input_decides_what_a_gradient_step_changes(tab):
    _load(tab, "02-logistic-regression.json")
    checks = tab.step_panel.param_checks
    assert list(checks) == tab.controller.document.graph.input_names()
    for check in checks.values():
        check.setChecked(False)
    assert not tab.step_panel.step_button.isEnabled()  # nothing to update
    checks["w1"].setChecked(True)
    assert tab.controller.document.params == ["w1"] and tab.step_panel.step_button.isEnabled()
    tab.step_panel.rate.setValue(1.0)
    tab.step_panel.step_button.click()
    # Only w1 moves: w1 ← 2 − 1.0 × ∂f/∂w1 = 2 − (−0.1966) (∂f/∂w1 = x1 · σ' = −1 × 0.1966).
    assert _wire_from(tab, "w1").value_label.text() == "2.197"
    assert _wire_from(tab, "w0").value_label.text() == "−3"


def test_exports_write_a_png_and_an_svg(tab, tmp_path):
    _load(tab, "05-fork.json")
    assert graph_export.export_png(tab.scene, tmp_path / "g.png")
    image = QImage(str(tmp_path / "g.png"))
    assert image.width() > 400 and image.height() > 200
    assert graph_export.export_svg(tab.scene, tmp_path / "g.svg")
    root = ElementTree.parse(tmp_path / "g.svg").getroot()
    assert root.tag.endswith("svg") and "Σ 2 + 3 = 5" in (tmp_path / "g.svg").read_text()


def test_projector_mode_enlarges_fonts_and_lines_and_keeps_the_graph(tab):
    _load(tab, "05-fork.json")
    before = tab.controller.state_dict()
    tab.theme.set_projector(True)
    wire = _wire_from(tab, "a")
    assert wire.pen().widthF() >= 3 and wire.value_label._font.pointSizeF() >= 18
    assert tab.chain_panel.font().pointSizeF() >= 18 and tab.font().pointSizeF() >= 18
    assert tab.controller.state_dict() == before and wire.grad_label.text() == "2"


@pytest.mark.parametrize("projector", [False, True])
def test_labels_never_overlap_on_the_presets(tab, projector):
    tab.theme.set_projector(projector)
    for _, name in tab.controller.presets():
        _load(tab, name)
        rects = [label.sceneBoundingRect() for w in [*tab.scene.wires.values(), tab.scene.output_wire]
                 for label in w.labels() if label.text()]
        rects += [part.sceneBoundingRect() for n in tab.scene.nodes.values() for part in (n, n.badge, n.caption)
                  if not part.boundingRect().isEmpty()]
        overlaps = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if _overlap(a, b)]
        assert overlaps == [], name


def _overlap(a, b) -> bool:
    """More than touching: a badge sits right under its node, and floats may put it 1e-14 inside."""
    both = a.intersected(b)
    return both.width() > 0.01 and both.height() > 0.01


def test_gate_tooltips_use_the_op_table_and_missing_arguments_are_outlined(tab):
    _load(tab, "05-fork.json")
    c = _named(tab, "c")
    assert hover_tooltip(tab.scene, tab.scene.nodes[c]).startswith("c: + (add)\na + b: passes the gradient unchanged")
    a_tip = hover_tooltip(tab.scene, tab.scene.nodes[tab.controller.graph.input_ids()["a"]])
    assert "x = " not in a_tip and a_tip.startswith("input a = 2.0")
    tab.controller.unwire(c, 1)
    assert tab.scene.nodes[c].warning and tab.scene.nodes[c].badge.text() == "⚠ needs argument 2"
    assert tab.caption.text().startswith("Passes off: add (n2) is missing argument 2")


def test_the_graph_option_opens_the_backprop_tab_on_a_preset(qtbot):
    from gdgui import app
    from gdgui import gui as composition

    assert app._gui_parser().parse_args(["--graph", "05-fork"]).graph == "05-fork"
    window = composition.build_main_window(graph="05-fork")
    qtbot.addWidget(window)
    backprop = window.tabs.currentWidget()
    assert window.tabs.currentIndex() == 1 and isinstance(backprop, BackpropTab)
    assert backprop.controller.graph.input_names() == ["a", "b"]


def test_arrow_keys_still_edit_the_expression_while_it_has_focus(tab, qtbot, activate):
    _load(tab, "03-cs231n-simple.json")
    activate(tab)
    tab.rewind_button.click()
    tab.expression_edit.setFocus()
    tab.expression_edit.setCursorPosition(0)
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_Right)
    assert tab.expression_edit.cursorPosition() == 1 and tab.controller.walkthrough.cursor == 0
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_PageDown)  # a clicker's key steps from anywhere
    assert tab.controller.walkthrough.cursor == 1

