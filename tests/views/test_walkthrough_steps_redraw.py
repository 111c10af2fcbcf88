"""A step redraws only what it changes, and ends where a drawing made from scratch would.

The chain-rule panel adds, removes and restyles only a step's rows, and the scene looks only at
the wires and nodes the step touched.  After every move of a seeded random walk (steps forward
and back, rewind, both passes, other digits, an edit), the panel shows exactly the rows of a
panel built afresh and of the lines written step by step here, and the scene exactly the labels,
pens and badges of a scene built afresh.
"""

import random

import pytest

from benchmarks.graph_shapes import mlp
from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.backprop import panels
from gdgui.views.backprop.graph_scene import GraphScene
from gdgui.views.backprop.panels import ChainRulePanel

FORMULAS = ["reciprocal(exp((w0 * x0 + w1) * -1) + 1) * x0",  # σ's gates: the σ(1−σ) line follows
            "(a + b) * (b + 1)", "(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)", "x * x + x"]
CAP = 7  # few rows, so the walk crosses the "earlier lines not shown" row often


@pytest.fixture
def capped(monkeypatch):
    monkeypatch.setattr(panels, "SHOWN_LINES", CAP)


def _expected_rows(controller) -> list[tuple[str, bool]]:
    """The count row, the last ``CAP`` lines (the current step's marked), the σ lines: from each step's lines."""
    walk = controller.walkthrough
    lines = [(text, index == walk.cursor - 1) for index in range(walk.cursor)
             for text in walk.step_lines(walk.steps[index], controller.names(), controller.digits)]
    hidden = max(0, len(lines) - CAP)
    count = [(f"… {hidden} earlier lines not shown: the last {CAP} follow", False)] if hidden else []
    return count + lines[hidden:] + [(text, False) for text in controller.sigmoid_identity_lines()]


def _rows(panel) -> list[tuple[str, bool]]:
    return [(text, panel.is_marked(row)) for row, text in enumerate(panel.rows())]


def _drawn(scene) -> dict:
    wires = {edge: (wire.value_label.text(), wire.grad_label.text(), wire.pen().widthF(),
                    wire.value_label._font.bold()) for edge, wire in scene.wires.items()}
    nodes = {node_id: (item.current, item.warning, item.loose, item.badge.text()) for node_id, item in scene.nodes.items()}
    out = scene.output_wire
    return {"wires": wires, "nodes": nodes, "out": (out.value_label.text(), out.grad_label.text(), out.pen().widthF())}


def _moves(controller, rng):
    steps = len(controller.walkthrough.steps)
    return [controller.step_forward] * 6 + [controller.step_back] * 4 + [
        controller.rewind, controller.run_forward, controller.run_backward,
        lambda: controller.set_digits(rng.randint(2, 8)),
        lambda: controller._go_to(rng.randint(0, steps)),
        lambda: controller.set_input_value(rng.choice(controller.graph.input_names()), str(rng.uniform(-2, 2)))]


@pytest.mark.parametrize("formula", FORMULAS)
def test_after_any_walk_the_panel_and_scene_show_what_a_fresh_drawing_shows(qtbot, capped, formula):
    rng = random.Random(formula)
    controller, theme = GraphController(), ThemeController()
    panel = ChainRulePanel(controller)
    qtbot.addWidget(panel)
    scene = GraphScene(controller, theme)
    assert controller.set_expression(formula)
    for _ in range(120):
        rng.choice(_moves(controller, rng))()
        assert _rows(panel) == _expected_rows(controller)
    fresh_panel = ChainRulePanel(controller)
    qtbot.addWidget(fresh_panel)
    assert _rows(panel) == _rows(fresh_panel)
    assert _drawn(scene) == _drawn(GraphScene(controller, theme))


def test_a_long_walk_stepped_through_keeps_every_row_right(qtbot, capped):
    """Forward and back through a 2-layer net one step at a time: the count row comes and goes."""
    controller, theme = GraphController(), ThemeController()
    panel = ChainRulePanel(controller)
    qtbot.addWidget(panel)
    scene = GraphScene(controller, theme)
    controller.apply_state(mlp(60, inputs=3))
    total = len(controller.walkthrough.steps)
    controller.rewind()
    for move in [controller.step_forward] * total + [controller.step_back] * total:
        move()
        assert _rows(panel) == _expected_rows(controller)
    assert _drawn(scene) == _drawn(GraphScene(controller, theme))


def _newest_row_in_view(panel) -> bool:
    last = panel.document().lastBlock()
    bottom = panel.blockBoundingGeometry(last).translated(panel.contentOffset()).bottom()
    return last.text() == panel.rows()[-1] and 0 < bottom <= panel.viewport().height() + 1


def test_the_newest_row_is_in_view_in_a_short_panel_and_after_it_narrows_or_its_font_grows(qtbot):
    controller = GraphController()
    panel = ChainRulePanel(controller)
    qtbot.addWidget(panel)
    panel.resize(320, 90)  # rows wrap to several lines each; only one or two rows fit
    with qtbot.waitExposed(panel):
        panel.show()
    assert controller.set_expression("(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)")
    controller.rewind()
    for _ in range(len(controller.walkthrough.steps)):
        controller.step_forward()
        assert _newest_row_in_view(panel)
    panel.resize(200, 90)
    assert _newest_row_in_view(panel)
    panels.restyle(panel, 2 * panel.font().pointSizeF())
    assert _newest_row_in_view(panel)


@pytest.mark.parametrize("back", [0, 3])
def test_value_edits_that_make_and_break_ties_keep_every_row_and_label_right(qtbot, capped, back):
    """x meets y (a max and a min at a tie write a line more), √ at 0 (a singular note), −0, huge numbers:
    the rows and labels a value edit rewrites in place are those a fresh drawing shows."""
    controller, theme = GraphController(), ThemeController()
    panel = ChainRulePanel(controller)
    qtbot.addWidget(panel)
    scene = GraphScene(controller, theme)
    assert controller.set_expression("max(x, y) * y + min(x, y) + sqrt(x)")
    for _ in range(back):
        controller.step_back()
    controller.set_input_value("y", "1")
    ties = set()
    for value in ["2", "1", "0", "-0", "1", "1e300", "3", "1", "0.5"]:
        assert controller.set_input_value("x", value)
        assert _rows(panel) == _expected_rows(controller)
        assert _drawn(scene) == _drawn(GraphScene(controller, theme))
        ties.add(any("a tie" in text for text, _ in _rows(panel)))
    assert ties == ({True, False} if back == 0 else {False})  # stepped back: no tie among the rows shown


def test_a_tie_that_moves_from_one_gate_to_another_moves_its_line(qtbot):
    """One edit ends max's tie and starts min's: as many lines as before, but not in the same steps."""
    controller = GraphController()
    panel = ChainRulePanel(controller)
    qtbot.addWidget(panel)
    assert controller.set_expression("max(x, y) * 2 + min(z, w)")
    controller.set_values("tie at max", {"x": 1.0, "y": 1.0, "z": 2.0, "w": 3.0})
    rows = _rows(panel)
    controller.set_values("tie at min", {"x": 1.0, "y": 2.0, "z": 3.0, "w": 3.0})
    assert len(_rows(panel)) == len(rows) and _rows(panel) != rows
    walk = controller.walkthrough
    assert _rows(panel) == [(text, index == walk.cursor - 1) for index in range(walk.cursor)
                            for text in walk.step_lines(walk.steps[index], controller.names(), controller.digits)]
