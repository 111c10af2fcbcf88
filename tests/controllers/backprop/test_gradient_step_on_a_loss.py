"""A gradient step on the neuron-with-loss presets: the loss falls, the status says "loss went from
… to …" with the graph's own numbers, and ``step_losses`` gains one point per step."""

import math

import pytest

PRESETS = ["07-neuron-squared-error.json", "08-neuron-log-loss.json"]


def _loss_by_hand(preset: str, v: dict) -> float:
    s = 1 / (1 + math.exp(-(v["w0"] + v["w1"] * v["x1"] + v["w2"] * v["x2"])))
    if preset.startswith("07"):
        return (s - v["t"]) ** 2
    return -(v["t"] * math.log(s) + (1 - v["t"]) * math.log(1 - s))


@pytest.mark.parametrize("preset", PRESETS)
def test_each_step_lowers_the_loss_and_says_so(controller, preset):
    assert controller.load_preset(preset)
    assert controller.document.params == ["w0", "w1", "w2"] and "t" in controller.document.values
    seen = []
    controller.step_losses_changed.connect(lambda losses: seen.append(list(losses)))
    for step in range(1, 6):
        before = _loss_by_hand(preset, controller.document.values)
        assert controller.gradient_step()
        after = _loss_by_hand(preset, controller.document.values)
        assert after < before
        assert controller.messages[-1] == (f"Gradient step with η = 0.5: loss went from {controller.format(before)} "
                                           f"to {controller.format(after)}")
        assert len(controller.step_losses) == step + 1
        assert controller.step_losses[-2:] == pytest.approx([before, after], rel=1e-12)
    assert len(seen) == 5
    assert controller.output_name() == "loss"


def test_the_target_is_an_input_with_a_gradient(controller):
    controller.load_preset("08-neuron-log-loss.json")
    graph = controller.graph
    ids = graph.input_ids()
    v = controller.document.values
    z = v["w0"] + v["w1"] * v["x1"] + v["w2"] * v["x2"]
    assert graph.grads[ids["t"]] == pytest.approx(-z, rel=1e-12)  # ∂/∂t of −t·log σ(z) − (1 − t)·log(1 − σ(z))


def test_a_new_graph_empties_the_steps_and_a_formula_still_says_f(controller):
    controller.load_preset("07-neuron-squared-error.json")
    controller.gradient_step()
    emptied = []
    controller.step_losses_changed.connect(emptied.append)
    controller.set_expression("w*x + b")
    assert emptied == [[]] and controller.step_losses == []
    controller.set_params(["w"])
    controller.gradient_step()
    assert " f went from " in controller.messages[-1]
    assert controller.output_name() == "f"


def test_undo_takes_a_step_off_the_chart_and_redo_puts_it_back(controller):
    controller.load_preset("07-neuron-squared-error.json")
    losses = [_loss_by_hand("07", controller.document.values)]
    for _ in range(3):
        controller.gradient_step()
        losses.append(_loss_by_hand("07", controller.document.values))
    assert controller.step_losses == pytest.approx(losses, rel=1e-12)
    controller.undo_stack.undo()
    assert controller.step_losses == pytest.approx(losses[:3], rel=1e-12)
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.step_losses == []  # every step undone: nothing to plot, not the first loss alone
    controller.undo_stack.redo()
    assert controller.step_losses == pytest.approx(losses[:2], rel=1e-12)
    controller.set_values("typed", {"w0": 3.0})  # a value edit after an undo: the undone steps are gone
    controller.undo_stack.undo()
    assert controller.step_losses == pytest.approx(losses[:2], rel=1e-12)
    controller.gradient_step()
    assert len(controller.step_losses) == 3 and controller.step_losses[:2] == pytest.approx(losses[:2], rel=1e-12)


def test_undoing_back_to_the_previous_graph_brings_its_steps_back(controller):
    controller.load_preset("07-neuron-squared-error.json")
    controller.gradient_step()
    steps = list(controller.step_losses)
    controller.load_preset("08-neuron-log-loss.json")
    assert controller.step_losses == []
    controller.undo_stack.undo()
    assert controller.step_losses == steps
