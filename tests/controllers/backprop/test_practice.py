"""Practice mode on the Backprop tab's controller: predict a gradient, then reveal it (issue 17).

The true gradients the judgement uses are checked against numbers worked by hand and against
central differences of f written out in plain Python, not against the graph's own backward pass.
"""

import math

import pytest

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.backprop.practice import is_right


@pytest.fixture
def ctrl(qtbot):
    """(x + y)·z at x = −2, y = 5, z = −4 (cs231n's example), both passes shown, messages kept."""
    controller = GraphController()
    controller.said = []
    controller.message.connect(controller.said.append)
    assert controller.set_expression("(x + y) * z")
    controller.set_values("values", {"x": -2.0, "y": 5.0, "z": -4.0})
    return controller


def _wire(ctrl, src_name, dst_name=None):
    names = ctrl.names()
    return next(e for e in ctrl.graph.edges() if names[e.src] == src_name and (dst_name is None or names[e.dst] == dst_name))


@pytest.mark.parametrize("guess, truth, right", [
    (-4.0, -4.0, True), (-4.039, -4.0, True), (-4.041, -4.0, False),  # 1 % of 4 is 0.04
    (0.0099, 0.0, True), (0.0101, 0.0, False),                           # 0.01 near zero
    (200.0, 202.0, True), (199.9, 202.0, False),                          # 1 % of 202 is 2.02
    (math.inf, math.inf, True), (1e308, math.inf, False), (-math.inf, math.inf, False),
    (math.nan, math.nan, True), (0.0, math.nan, False), (math.nan, 0.0, False),
])
def test_right_within_one_percent_or_a_hundredth(guess, truth, right):
    assert is_right(guess, truth) is right


def test_practice_hides_gradients_and_keeps_values(ctrl):
    walk = ctrl.walkthrough
    assert walk.edge_grads_shown()  # a typed formula opens solved
    assert ctrl.practice.start()
    walk = ctrl.walkthrough
    assert walk.edge_grads_shown() == set() and not walk.output_grad_shown()
    assert walk.edge_values_shown() == set(walk.edges)
    assert [row.grad_text for row in ctrl.input_rows()] == ["", "", ""]


def test_a_right_and_a_wrong_prediction_are_judged_revealed_and_scored(ctrl):
    practice = ctrl.practice
    practice.start()
    q, z = _wire(ctrl, "q"), _wire(ctrl, "z")
    assert practice.target == q  # suggested first: the backward pass starts at f's inputs
    assert practice.predict("−4.02")  # ∂f/∂q = z = −4 by hand
    assert practice.verdict == "Right: ∂f/∂q = −4 (you said −4.02)"
    assert practice.line == "∂f/∂q = ∂f/∂f · z = 1 × (−4) = −4"
    assert ctrl.walkthrough.edge_grads_shown() == {q}
    assert practice.target == z
    assert practice.predict("2")  # ∂f/∂z = q = x + y = 3 by hand
    assert practice.verdict == "Not quite: ∂f/∂z = 3; you said 2, off by 1"
    assert practice.score_text() == "1 of 2 right" and practice.left_count() == 2
    assert ctrl.said[-1] == "Not quite: ∂f/∂z = 3; you said 2, off by 1. 1 of 2 right"


def test_every_wire_in_backward_order_matches_central_differences(ctrl):
    """Predicting each suggested wire with the central difference of f itself is always right."""
    def f(x, y, z):
        return (x + y) * z
    point, h = {"x": -2.0, "y": 5.0, "z": -4.0}, 1e-5

    def derivative(name):
        up, down = dict(point), dict(point)
        up[name] += h
        down[name] -= h
        return (f(**up) - f(**down)) / (2 * h)
    expected = {"q": point["z"], "z": derivative("z"), "x": derivative("x"), "y": derivative("y")}
    practice = ctrl.practice
    practice.start()
    order = []
    while practice.target is not None:
        name = ctrl.names()[practice.target.src]
        order.append(name)
        practice.predict(repr(expected[name]))
    assert order == ["q", "z", "x", "y"]
    assert practice.score_text() == "4 of 4 right" and practice.left_count() == 0


def test_an_input_picked_whose_value_branches_is_its_whole_gradient(qtbot):
    ctrl = GraphController()
    ctrl.set_expression("x * x + x")
    ctrl.set_values("values", {"x": 3.0})
    ctrl.practice.start()
    assert ctrl.practice.select_input("x")
    assert ctrl.practice.target_name(ctrl.practice.target) == "∂f/∂x"
    assert ctrl.practice.predict("7")  # d(x² + x)/dx = 2x + 1 = 7 at 3, by hand
    assert ctrl.practice.verdict.startswith("Right: ∂f/∂x = 7")
    assert "Σ" not in ctrl.practice.line and "gradients add" in ctrl.practice.line
    assert {row.name: row.grad_text for row in ctrl.input_rows()} == {"x": "7"}


def test_start_over_reveal_all_and_the_step_keys(ctrl):
    practice = ctrl.practice
    practice.start()
    practice.predict("1")
    cursor = ctrl.walkthrough.cursor
    ctrl.step_forward()
    ctrl.run_backward()
    assert ctrl.walkthrough.cursor == cursor and "Practice" in ctrl.said[-1]  # the passes wait for predictions
    practice.start_over()
    assert practice.score_text() == "0 of 0 right" and ctrl.walkthrough.edge_grads_shown() == set()
    practice.predict("−4")
    practice.reveal_all()
    assert not practice.active and ctrl.said[-1] == "Practice over: 1 of 1 right; every gradient is shown"
    walk = ctrl.walkthrough
    assert walk.cursor == len(walk.steps) and walk.edge_grads_shown() == set(walk.edges)


def test_new_values_or_another_graph_start_over_and_a_moved_node_does_not(ctrl):
    practice = ctrl.practice
    practice.start()
    practice.predict("−4")
    x = ctrl.graph.input_ids()["x"]
    assert ctrl.move_nodes({x: (10.0, 20.0)})
    assert practice.score_text() == "1 of 1 right" and ctrl.walkthrough.edge_grads_shown() == {_wire(ctrl, "q")}
    ctrl.randomize_inputs(3)
    assert practice.active and practice.score_text() == "0 of 0 right"
    ctrl.set_expression("a * b")
    assert practice.active and practice.score_text() == "0 of 0 right"
    assert ctrl.walkthrough.edge_grads_shown() == set()
    ctrl.set_expression("a *")  # refused: the graph stays
    assert practice.active
    ctrl.clear_graph()
    assert not practice.active  # nothing left to predict


def _numeric_gradient(ctrl) -> dict[str, float]:
    """∂f/∂input by central differences of the forward pass alone (on a copy of the document)."""
    from gdgui.core.autodiff import graph_edits
    from gdgui.core.autodiff.gradcheck import central_differences

    doc = graph_edits.copy_document(ctrl.document)
    names = list(doc.graph.input_names())

    def f(points):
        out = []
        for row in points:
            doc.graph.forward(dict(zip(names, row)))
            out.append(float(doc.graph.values[doc.graph.output()]))
        return out
    slopes = central_differences(f, [[ctrl.document.values[name] for name in names]])[0]
    return dict(zip(names, slopes))


@pytest.mark.parametrize("preset", [name for _, name in GraphController().presets()])
def test_every_preset_input_predicted_by_finite_differences_is_right(qtbot, preset):
    ctrl = GraphController()
    assert ctrl.load_preset(preset)
    practice = ctrl.practice
    assert practice.start()
    for name, slope in _numeric_gradient(ctrl).items():
        if practice.select_input(name):  # an input on no wire has nothing to predict
            assert practice.predict(repr(float(slope))) and practice.verdict.startswith("Right"), (name, practice.verdict)
    assert practice.right_count() == len(practice.predictions) > 0


def test_a_hidden_gradient_is_not_in_the_wire_tooltip(ctrl):
    q = _wire(ctrl, "q")
    assert "1.0 × −4.0 = −4.0" in ctrl.edge_tooltip(q)  # upstream × local = contribution, every digit
    ctrl.practice.start()
    assert "= −4.0" not in ctrl.edge_tooltip(q) and "gradient hidden" in ctrl.edge_tooltip(q)
    ctrl.practice.predict("-4")
    assert "1.0 × −4.0 = −4.0" in ctrl.edge_tooltip(q)


def test_practice_on_a_program_names_its_wires_by_the_program(qtbot):
    """micrograd's lecture neuron typed as a program: the first wire to predict is o's, from n, and
    ∂o/∂n = 1 − tanh²(n) = 1 − 1/2 = 0.5 by hand (o = tanh(asinh(1)) = 1/√2)."""
    controller = GraphController()
    assert controller.set_expression("x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.8813735870195432\n"
                                     "n = x1*w1 + x2*w2 + b\no = n.tanh()")
    practice = controller.practice
    assert practice.start()
    names = controller.names()
    assert (names[practice.target.src], names[practice.target.dst]) == ("n", "o")
    assert practice.predict("0.5") and practice.verdict == "Right: ∂o/∂n = 0.5 (you said 0.5)"
    assert practice.line == "∂o/∂n = ∂o/∂o · (1 − tanh²(n)) = 1 × (1 − 0.7071²) = 0.5"
    assert practice.predict("7") and practice.verdict.startswith("Not quite")  # the next wire, x1w1x2w2 + b's
    assert practice.score_text().startswith("1 of 2 right")


def test_an_infinite_gradient_is_predicted_as_the_window_writes_it(qtbot):
    """1/x at x = 0: f = ∞ and ∂f/∂x = −1/x² = −∞ by hand; the window shows "−∞", so a student types it."""
    ctrl = GraphController()
    assert ctrl.set_expression("1/x")
    ctrl.set_values("values", {"x": 0.0})
    practice = ctrl.practice
    practice.start()
    practice.select_wire(_wire(ctrl, "x"))
    assert practice.predict("∞")
    assert practice.verdict == "Not quite: ∂f/∂x = −∞; you said ∞"
    practice.start_over()
    practice.select_wire(_wire(ctrl, "x"))
    assert practice.predict("−∞") and practice.verdict == "Right: ∂f/∂x = −∞ (you said −∞)"
