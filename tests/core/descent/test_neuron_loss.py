"""The Descent function "loss of a neuron over two weights": its value and gradient checked against
the log loss worked by hand in NumPy, central differences and the sum of the samples' graph gradients;
its data set checked like any setting."""

import math

import numpy as np
import pytest

from gdgui.core.autodiff.graph_document import document_from_dict
from gdgui.core.descent.functions import get_function, neuron_objective
from gdgui.core.descent.neuron.dataset import BIAS, DEFAULT_DATASET, MAX_POINTS, checked_dataset, snapped
from gdgui.core.descent.neuron.sample_graph import bridge, sample_document
from gdgui.core.descent.settings import DescentSettings

EDITED = ((0.3, -2.7, 1), (-1.2, 0.4, 0), (2.5, 2.5, 1), (0.0, 0.0, 0), (-3.0, 3.0, 1))
POINTS = [(0.0, 0.0), (-3.0, 3.0), (0.96, 0.29), (2.5, -1.75), (-4.0, -4.0)]


def _by_hand(dataset, w1, w2):
    """Σ −t·log σ(z) − (1 − t)·log(1 − σ(z)) and its gradient Σ (σ(z) − t)·(x1, x2), z = w0 + w1·x1 + w2·x2."""
    data = np.array(dataset, dtype=float)
    z = BIAS + w1 * data[:, 0] + w2 * data[:, 1]
    s, t = 1 / (1 + np.exp(-z)), data[:, 2]
    loss = -(t * np.log(s) + (1 - t) * np.log(1 - s)).sum()
    return loss, ((s - t) @ data[:, :2])


@pytest.mark.parametrize("dataset", [DEFAULT_DATASET, EDITED])
def test_value_and_gradient_match_the_log_loss_worked_by_hand(dataset):
    objective = neuron_objective(dataset)
    values, grads = objective.value_and_grad(np.array(POINTS))
    for (w1, w2), value, grad in zip(POINTS, values, grads):
        loss, expected = _by_hand(dataset, w1, w2)
        assert value == pytest.approx(loss, rel=1e-12)
        np.testing.assert_allclose(grad, expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("dataset", [DEFAULT_DATASET, EDITED])
def test_gradient_matches_central_differences(dataset):
    objective, h = neuron_objective(dataset), 1e-5
    for w1, w2 in POINTS:
        _, grad = objective.value_and_grad(np.array([[w1, w2]]))
        steps = np.array([[w1 + h, w2], [w1 - h, w2], [w1, w2 + h], [w1, w2 - h]])
        f = objective.value(steps)
        np.testing.assert_allclose(grad[0], [(f[0] - f[1]) / (2 * h), (f[2] - f[3]) / (2 * h)], rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("dataset", [DEFAULT_DATASET, EDITED])
def test_map_gradient_is_the_sum_of_the_sample_graphs_gradients(dataset):
    objective = neuron_objective(dataset)
    for w1, w2 in POINTS:
        _, grad = objective.value_and_grad(np.array([[w1, w2]]))
        summed = np.zeros(2)
        for sample in dataset:  # each sample's graph, run forward and backward as the Backprop tab runs it
            doc = sample_document(sample, w1, w2)
            doc.graph.forward(doc.values)
            doc.graph.backward()
            ids = doc.graph.input_ids()
            summed += [doc.graph.grads[ids["w1"]], doc.graph.grads[ids["w2"]]]
        np.testing.assert_allclose(grad[0], summed, rtol=1e-10, atol=1e-12)
        link = bridge(dataset, w1, w2)
        np.testing.assert_allclose(link.summed_grad, summed, rtol=1e-12)
        assert link.count == len(dataset)


def test_the_bridge_document_is_the_first_sample_at_the_map_weights_with_w1_and_w2_ticked():
    link = bridge(EDITED, 1.5, -0.25)
    doc = document_from_dict(link.document)
    assert doc.values == {"w0": BIAS, "w1": 1.5, "w2": -0.25, "x1": 0.3, "x2": -2.7, "t": 1.0}
    assert doc.params == ["w1", "w2"]
    doc.graph.forward(doc.values)
    z = BIAS + 1.5 * 0.3 - 0.25 * -2.7
    assert doc.graph.values[doc.graph.output()] == pytest.approx(-math.log(1 / (1 + math.exp(-z))), rel=1e-12)
    assert doc.names[doc.graph.output()] == "loss"


def test_the_catalog_lists_it_with_the_default_data_and_no_made_up_minimum():
    objective = get_function("neuron_loss")
    assert objective.name == "Loss of a neuron over two weights"
    assert objective.formula.count("log(") == len(DEFAULT_DATASET)
    assert objective.minima == () and objective.minima_source is None  # found numerically, like a typed f
    assert "Σ over 8 points" in objective.shown


def test_settings_with_an_edited_data_set_round_trip_and_change_the_function():
    settings = DescentSettings().updated({"function": "neuron_loss", "dataset": [list(p) for p in EDITED]})
    assert settings.dataset == EDITED
    assert settings.objective().formula == neuron_objective(EDITED).formula != get_function("neuron_loss").formula
    again = DescentSettings().updated(settings.to_dict())
    assert again == settings
    assert DescentSettings().to_dict()["dataset"] is None


@pytest.mark.parametrize("value, words", [
    ("points", "expected a list of [x1, x2, class] points"),
    ([], "between 1 and 20 points, not 0"),
    ([[0, 0, 1]] * (MAX_POINTS + 1), "not 21"),
    ([[0, 0, 1], [1, 2]], "point 2: expected [x1, x2, class]"),
    ([[0, "1", 1]], "point 1: x2 must be a number from −3 to 3"),
    ([[math.nan, 0, 1]], "point 1: x1 must be a number"),
    ([[0, 3.5, 1]], "point 1: x2 must be a number from −3 to 3, got 3.5"),
    ([[0, 0, 2]], "point 1: the class must be 0 or 1, got 2"),
    ([[0, 0, True]], "the class must be 0 or 1, got True"),
    ([[0, 0, 0.5]], "the class must be 0 or 1, got 0.5"),
])
def test_bad_data_sets_are_refused_naming_the_point_and_the_problem(value, words):
    with pytest.raises(ValueError, match="dataset: .*") as error:
        checked_dataset(value)
    assert words in str(error.value)
    with pytest.raises(ValueError, match="dataset"):
        DescentSettings().updated({"dataset": value})


def test_a_clicked_point_is_snapped_to_the_grid_and_kept_in_the_square():
    assert snapped(0.333, -1.26) == (0.3, -1.3)
    assert snapped(3.4, -9.0) == (3.0, -3.0)


def test_the_longest_data_set_still_parses_with_coordinates_kept_to_hundredths():
    dataset = checked_dataset([[-2.754321, -2.999, label % 2] for label in range(MAX_POINTS)])
    assert dataset[0] == (-2.75, -3.0, 0)
    objective = neuron_objective(dataset)
    loss, grad = _by_hand(dataset, 0.5, -0.5)
    value, got = objective.value_and_grad(np.array([[0.5, -0.5]]))
    assert value[0] == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(got[0], grad, rtol=1e-10)
