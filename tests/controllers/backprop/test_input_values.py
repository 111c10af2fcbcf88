"""Input values: set without a document round trip, randomized by seed, started from a preset or the
last graph (and said so), and read by the inputs table with gradients once the backward pass arrives."""

import pytest

from gdgui.controllers.backprop.controller import GraphController
from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.graph_document import document_from_dict, random_values
from gdgui.core.autodiff.passes import Walkthrough


@pytest.fixture
def controller(qtbot):
    graph_controller = GraphController()
    graph_controller.messages, graph_controller.signals = [], []
    graph_controller.message.connect(graph_controller.messages.append)
    graph_controller.graph_changed.connect(lambda: graph_controller.signals.append("graph"))
    graph_controller.passes_changed.connect(lambda: graph_controller.signals.append("passes"))
    return graph_controller


def _rebuilt(controller):
    """The controller's document read back from its plain data, both passes run afresh: the slow path."""
    doc = document_from_dict(controller.state_dict())
    doc.graph.forward(doc.values)
    doc.graph.backward()
    return doc.graph


def _same_passes(controller) -> None:
    graph, fresh = controller.graph, _rebuilt(controller)
    assert {n: float(v) for n, v in graph.values.items()} == {n: float(v) for n, v in fresh.values.items()}
    assert {n: float(v) for n, v in graph.grads.items()} == {n: float(v) for n, v in fresh.grads.items()}
    assert {e: (float(r.local), float(r.grad)) for e, r in graph.edge_records.items()} == \
           {e: (float(r.local), float(r.grad)) for e, r in fresh.edge_records.items()}


def _grad(controller, name):
    return float(controller.graph.grads[controller.graph.input_ids()[name]])


# ----- the fast path ---------------------------------------------------------------------------------

def test_a_value_edit_changes_no_structure_and_gives_the_hand_worked_passes(controller):
    controller.load_preset("03-cs231n-simple.json")  # (x + y) · z at x = −2, y = 5, z = −4
    graph = controller.graph
    controller.signals.clear()
    assert controller.set_input_value("x", "1")
    assert controller.signals == ["passes"]  # no graph_changed: the scene keeps every item
    assert controller.graph is graph
    assert float(graph.values[graph.output()]) == (1 + 5) * -4
    assert (_grad(controller, "x"), _grad(controller, "y"), _grad(controller, "z")) == (-4.0, -4.0, 6.0)
    _same_passes(controller)


def test_undo_and_redo_of_a_value_edit_restore_exactly(controller):
    controller.load_preset("02-logistic-regression.json")
    before = controller.state_dict()
    controller.set_input_value("w0", "−1.25")
    after = controller.state_dict()
    assert after["values"]["w0"] == -1.25 and controller.undo_stack.count() == 2
    controller.signals.clear()
    controller.undo_stack.undo()
    assert controller.state_dict() == before and controller.signals == ["passes"]
    _same_passes(controller)
    controller.undo_stack.redo()
    assert controller.state_dict() == after
    _same_passes(controller)


def test_a_value_edit_keeps_the_walkthrough_where_it_was(controller):
    controller.load_preset("05-fork.json")
    controller.rewind()
    for _ in range(3):
        controller.step_forward()
    controller.set_input_value("a", "4")
    assert controller.walkthrough.cursor == 3
    controller.undo_stack.undo()
    assert controller.walkthrough.cursor == 3


@pytest.mark.parametrize("cursor", [2, 9, 17])
def test_after_a_value_edit_the_walkthrough_tells_what_a_new_one_would(controller, cursor):
    controller.load_preset("02-logistic-regression.json")
    controller.rewind()
    for _ in range(cursor):
        controller.step_forward()
    controller.set_input_value("x1", "0.75")
    controller.gradient_step()
    fresh, walk, names = _rebuilt(controller), controller.walkthrough, controller.names()
    new = Walkthrough(fresh, cursor)
    assert [line.text for line in walk.lines(names)] == [line.text for line in new.lines(names)]
    assert walk.branch_sums() == new.branch_sums() and walk.line_count() == new.line_count()
    assert controller.step_caption() == graph_text.step_caption(new, names)


@pytest.mark.parametrize("text, words", [("abc", "a: 'abc' is not a number"), ("1e999", "not a finite number"),
                                         ("", "is not a number"), ("nan", "not a finite number")])
def test_a_bad_value_is_refused_with_a_message_and_changes_nothing(controller, text, words):
    controller.load_preset("05-fork.json")
    before, depth = controller.state_dict(), controller.undo_stack.count()
    assert not controller.set_input_value("a", text)
    assert words in controller.messages[-1]
    assert controller.state_dict() == before and controller.undo_stack.count() == depth


def test_the_same_value_again_is_no_undo_step(controller):
    controller.load_preset("05-fork.json")
    depth = controller.undo_stack.count()
    assert controller.set_input_value("a", "2.0")
    assert controller.undo_stack.count() == depth


def test_the_box_editor_takes_the_fast_path_for_a_value_and_the_full_one_for_a_name(controller):
    controller.load_preset("03-cs231n-simple.json")
    x = controller.graph.input_ids()["x"]
    controller.signals.clear()
    assert controller.edit_input(x, "x = 3")
    assert controller.signals == ["passes"] and controller.document.values["x"] == 3.0
    assert controller.edit_input(x, "p = 4")
    assert controller.signals[1:] == ["graph", "passes"] and controller.document.values == {"p": 4.0, "y": 5.0,
                                                                                             "z": -4.0}
    assert not controller.edit_input(x, "p = abc") and "p: 'abc' is not a number" in controller.messages[-1]


def test_a_gradient_step_is_a_value_edit(controller):
    controller.load_preset("02-logistic-regression.json")
    w0, grad = controller.document.values["w0"], _grad(controller, "w0")
    controller.signals.clear()
    assert controller.gradient_step()
    assert controller.signals == ["passes"]
    assert controller.document.values["w0"] == w0 - 0.5 * grad
    _same_passes(controller)
    controller.undo_stack.undo()
    assert controller.document.values["w0"] == w0


def test_a_refused_gradient_step_changes_nothing(controller):
    controller.set_expression("w * x")
    controller.set_params(["w"])
    controller.set_input_value("x", "1e300")  # ∂f/∂w = x: with η = 1e10 the step overflows
    controller.set_learning_rate(1e10)
    before, depth = controller.state_dict(), controller.undo_stack.count()
    assert not controller.gradient_step()
    assert controller.messages[-1] == "the step would make w infinite or NaN; lower η"
    assert controller.state_dict() == before and controller.undo_stack.count() == depth


# ----- Randomize -------------------------------------------------------------------------------------

def test_randomize_is_reproducible_by_seed_advances_and_is_one_undo_step(controller, qtbot):
    controller.load_preset("02-logistic-regression.json")
    before, depth = controller.state_dict(), controller.undo_stack.count()
    assert controller.randomize_inputs()
    first = dict(controller.document.values)
    assert controller.seed == 1 and first == random_values(controller.graph.input_names(), 1)
    assert controller.undo_stack.count() == depth + 1
    assert controller.messages[-1].startswith("Random inputs, seed 1: w0 = ")
    controller.randomize_inputs()
    assert controller.seed == 2 and controller.document.values != first
    other = GraphController()
    other.load_preset("02-logistic-regression.json")
    other.randomize_inputs(1)
    assert other.document.values == first and other.seed == 1
    _same_passes(controller)
    controller.undo_stack.undo()
    assert controller.seed == 1 and controller.document.values == first
    controller.undo_stack.undo()
    assert controller.state_dict() == before and controller.seed == 0


def test_the_seed_names_the_values_on_show_only_while_they_are_the_drawn_ones(controller):
    controller.load_preset("05-fork.json")
    controller.randomize_inputs(4)
    controller.move_nodes({controller.graph.input_ids()["a"]: (1.0, 2.0)})  # the values stay: so does the seed
    assert controller.seed == 4
    controller.set_input_value("a", "0.5")
    assert controller.seed == 0
    controller.randomize_inputs()  # the seed after the last one drawn
    assert controller.seed == 5
    controller.load_preset("05-fork.json")
    assert controller.seed == 0


def test_randomize_with_nothing_to_randomize_or_a_negative_seed_says_why(controller):
    assert not controller.randomize_inputs()
    assert controller.messages[-1].startswith("No inputs to randomize")
    controller.load_preset("05-fork.json")
    assert not controller.randomize_inputs(-3) and "seed" in controller.messages[-1]


# ----- start values, said aloud ---------------------------------------------------------------------

def test_a_presets_formula_typed_starts_at_the_presets_values(controller):
    assert controller.set_expression("(x+y)*z")  # the CS231n preset, spaced differently
    assert controller.document.values == {"x": -2.0, "y": 5.0, "z": -4.0}
    assert controller.messages[-1] == ("Start values: x = −2, y = 5, z = −4 "
                                       "(from the preset “(x + y) · z  (CS231n)”)")


def test_a_new_formula_keeps_the_last_graphs_values_by_name_and_says_so(controller):
    controller.load_preset("03-cs231n-simple.json")
    controller.set_input_value("y", "0.5")
    assert controller.set_expression("x * y + q")
    assert controller.document.values == {"x": -2.0, "y": 0.5, "q": 1.0}
    assert controller.messages[-1] == "Start values: x = −2, y = 0.5 (from the last graph); q = 1 (new)"


def test_show_as_graph_says_its_values_come_from_the_descent_point(controller):
    controller.show_expression("x^2 + 2*y^2", {"x": -1.0, "y": 0.25})
    assert controller.messages[-1] == "Start values: x = −1, y = 0.25 (from the Descent tab's point)"


def test_a_note_about_an_undefined_part_comes_first_and_the_start_values_follow(controller):
    assert controller.set_expression("x/0")
    assert controller.messages[-1].startswith("Note, column ")
    assert controller.messages[-1].endswith(". Start values: x = 1 (new)")


def test_a_formula_without_inputs_says_nothing_about_start_values(controller):
    controller.set_expression("x")
    assert controller.set_expression("2 * 3") and controller.graph.input_names() == []
    assert controller.messages[-1] == "Start values: x = 1 (new)"  # the one before: nothing new to say


# ----- what the inputs table reads ----------------------------------------------------------------------

def test_rows_give_each_gradient_once_the_backward_pass_has_brought_all_of_it(controller):
    controller.load_preset("05-fork.json")  # (a + b)(b + 1) at a = 2, b = 1: ∂f/∂a = 2, ∂f/∂b = 2 + 3
    assert [(r.name, r.value_text, r.grad_text) for r in controller.input_rows()] == [("a", "2", "2"),
                                                                                       ("b", "1", "5")]
    controller.rewind()
    seen = []
    for _ in controller.walkthrough.steps:
        controller.step_forward()
        seen.append(tuple(r.grad_text for r in controller.input_rows()))
    # b feeds both gates: its sum is whole only after the last backward step, like a's single wire into c.
    assert seen == [("", "")] * 6 + [("2", "5")]


def test_rows_mark_parameters_and_keep_every_digit_for_editing(controller):
    controller.load_preset("02-logistic-regression.json")
    controller.set_input_value("x1", "0.123456789")
    rows = {row.name: row for row in controller.input_rows()}
    assert [name for name, row in rows.items() if row.param] == ["w0", "w1", "w2"]
    assert rows["x1"].value_text == "0.1235" and rows["x1"].exact_text == "0.123456789"


def test_rows_without_passes_show_values_but_no_gradients(controller):
    controller.set_expression("x * y")
    controller.unwire(next(n for n, node in controller.graph.nodes.items() if node.kind == "op"), 1)
    assert controller.walkthrough is None
    assert [(r.name, r.grad_text) for r in controller.input_rows()] == [("x", ""), ("y", "")]
    assert controller.set_input_value("x", "3") and controller.document.values["x"] == 3.0
