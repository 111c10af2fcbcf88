"""The neuron-loss function on the Descent tab: points added to its data set (undoable, the map
drawn again), gradient descent training the neuron, and Ctrl+G's one-sample graph with the status
saying the map's gradient is the sum of the samples' graph gradients."""

import re

import numpy as np
import pytest

from gdgui.core.autodiff.graph_document import document_from_dict
from gdgui.core.descent.neuron.dataset import DEFAULT_DATASET, MAX_POINTS


@pytest.fixture
def neuron(controller):
    controller.messages = []
    controller.message.connect(controller.messages.append)
    controller.set_function("neuron_loss")
    return controller


def test_a_point_added_is_snapped_drawn_again_and_undone(neuron):
    maps = []
    neuron.map_changed.connect(maps.append)
    neuron.add_sample(0.333, -1.26, 0)
    assert neuron.settings.dataset == (*DEFAULT_DATASET, (0.3, -1.3, 0))
    assert len(maps) == 1 and maps[0].objective.formula.count("log(") == len(DEFAULT_DATASET) + 1
    assert neuron.messages[-1].startswith("Added a point of class 0")
    assert neuron.undo_stack.undoText() == "data set"
    neuron.add_sample(1, 1, 1)
    neuron.undo_stack.undo()
    assert neuron.settings.dataset == (*DEFAULT_DATASET, (0.3, -1.3, 0))  # each point is an undo step of its own
    neuron.undo_stack.undo()
    assert neuron.settings.dataset is None
    assert neuron.map_data.objective.formula.count("log(") == len(DEFAULT_DATASET)


def test_a_full_data_set_refuses_more_points_and_says_why(neuron):
    neuron.apply_state({"dataset": [[0, 0, 1]] * MAX_POINTS})
    neuron.add_sample(1, 1, 0)
    assert len(neuron.settings.dataset) == MAX_POINTS
    assert "holds 20 points at most" in neuron.messages[-1]
    neuron.reset_dataset()
    assert neuron.settings.dataset is None


def test_gradient_descent_trains_the_neuron(neuron):
    neuron.set_start(-3, 3)
    neuron.step(60)
    f = neuron.frame
    values, grads = neuron.objective.value_and_grad(np.array([[-3.0, 3.0], f.selected_point]))
    assert values[1] < values[0] / 4
    assert np.linalg.norm(grads[1]) < np.linalg.norm(grads[0]) / 100  # at the bottom of the bowl
    data = np.array(DEFAULT_DATASET)
    w1, w2 = f.selected_point
    predicted = (0.5 + w1 * data[:, 0] + w2 * data[:, 1]) > 0
    assert (predicted == data[:, 2].astype(bool)).sum() >= 6  # the two planted outliers may stay wrong


def _vector(text: str) -> list[float]:
    return [float(v.replace("−", "-")) for v in text.strip("()").split(", ")]


def test_ctrl_g_sends_one_samples_graph_and_says_the_gradients_add_up(neuron):
    neuron.apply_state({"dataset": [[0.3, -2.7, 1], [-1.2, 0.4, 0], [2.5, 2.5, 1]]})
    neuron.set_start(1.5, -0.5)
    sent, formulas = [], []
    neuron.sample_graph_requested.connect(sent.append)
    neuron.graph_requested.connect(lambda *args: formulas.append(args))
    neuron.request_graph()
    assert formulas == [] and len(sent) == 1
    doc = document_from_dict(sent[0])
    assert (doc.values["w1"], doc.values["w2"], doc.values["x1"], doc.values["t"]) == (1.5, -0.5, 0.3, 1.0)
    _, grad = neuron.objective.value_and_grad(np.array([[1.5, -0.5]]))
    words = re.fullmatch(r"∇f on the map (\(.*?\)) = the sum of the 3 samples' graph gradients "
                         r"\(∂loss/∂w1, ∂loss/∂w2\) (\(.*?\)); this graph is sample 1: (\(.*?\))", neuron.messages[-1])
    assert words, neuron.messages[-1]
    np.testing.assert_allclose(_vector(words[1]), grad[0], rtol=1e-3)
    np.testing.assert_allclose(_vector(words[2]), grad[0], rtol=1e-3)
    doc.graph.forward(doc.values)
    doc.graph.backward()
    ids = doc.graph.input_ids()
    np.testing.assert_allclose(_vector(words[3]), [doc.graph.grads[ids["w1"]], doc.graph.grads[ids["w2"]]], rtol=1e-3)


def test_other_functions_still_send_their_formula(controller):
    formulas = []
    controller.graph_requested.connect(lambda formula, values: formulas.append(formula))
    controller.request_graph()
    assert formulas == ["x^2 + 2*y^2"]
