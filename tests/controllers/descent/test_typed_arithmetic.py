"""The Descent controller with typed formulas whose arithmetic Python refuses: an accepted one is
the map, the run and the settings at once (with a note saying why values are ∞ or undefined); a
refused one leaves all three on the previous function."""

import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController
from gdgui.core.descent.settings import DescentSettings

NOTES = {
    "x/0": "Note, column 1: x/0 has no finite value (division by zero)",
    "reciprocal(0) + x": "Note, column 1: reciprocal(0) is ∞ (division by zero)",
    "log(0)*x": "Note, column 1: log(0) is −∞ (log of 0)",
    "0/0 + x": "Note, column 1: 0/0 is undefined (division by zero)",
    "x + 1/0": "Note, column 5: 1/0 is ∞ (division by zero)",
    "0^-1*x": "Note, column 1: 0^-1 is ∞ (division by zero)",
    "sqrt(-1)+x": "Note, column 1: sqrt(-1) is undefined (square root of a negative number)",
    "exp(1000)*x": "Note, column 1: exp(1000) is ∞ (too large for a floating-point number)",
    "10^400*x": "Note, column 1: 10^400 is ∞ (too large for a floating-point number)",
}
REFUSED = {"x^reciprocal(0)": (2, "the exponent is infinite (division by zero)"),
           "x^1e308": (2, "the exponent is larger than 1000 in magnitude"),
           "09*x": (1, "a number cannot start with 0 (write 9, not 09)"),
           "x +": (4, "the formula ends too early (a missing operand?)"),
           "foo(x)": (1, "unknown function 'foo'; known: add, sub, mul, div, neg, pow, exp, log, sqrt, abs, "
                         "sin, cos, tan, tanh, sigmoid, relu, max, min, square, reciprocal")}


@pytest.fixture
def controller(qtbot):
    descent = DescentController()
    descent.messages, descent.failures = [], []
    descent.message.connect(descent.messages.append)
    descent.expression_failed.connect(lambda message, column: descent.failures.append((column, message)))
    yield descent
    descent.pause()
    descent.minima_search.cancel()
    QThreadPool.globalInstance().waitForDone(10_000)


def _agrees(controller, formula):
    assert controller.settings.expression == formula and controller.settings.function is None
    assert controller.map_data.objective.formula == formula
    assert controller.record.run.objective.formula == formula
    assert DescentSettings().updated(controller.state_dict()).expression == formula  # a session reopens


@pytest.mark.parametrize("text", list(NOTES) + ["x^0"])
def test_an_accepted_formula_is_the_map_the_run_and_the_settings(controller, text):
    formula = f"{text} + y^2"
    controller.set_expression(formula)
    _agrees(controller, formula)
    assert controller.failures == []
    if text in NOTES:
        assert controller.messages[-1] == NOTES[text]
        line = controller.frame.status[0]
        assert "undefined or infinite here" in line.text and "Traceback" not in line.text
    controller.step(5)  # a run that cannot start stays put, with its status
    assert controller.frame.step == (5 if text == "x^0" else 0)


@pytest.mark.parametrize("text", REFUSED)
def test_a_refused_formula_leaves_everything_on_the_previous_function(controller, text):
    controller.set_expression("x^2 + y^4")
    controller.set_expression(text)
    _agrees(controller, "x^2 + y^4")
    assert controller.failures[-1] == REFUSED[text]


@pytest.mark.parametrize("text", ["^".join(["x"] * 490), "x^(" + "+".join(["x"] * 490) + ")"])
def test_500_deep_formulas_are_checked_and_used(controller, text):
    formula = f"{text} + y^2"
    assert controller.check_expression(formula)
    controller.set_expression(formula)
    _agrees(controller, formula)
    controller.step(3)


def test_a_start_where_only_the_gradient_is_undefined_says_so(controller):
    controller.set_start(-1.0, 1.0)
    controller.set_expression("x^(x+x) + y^2")  # f(−1, 1) = 2, but ∂f/∂x needs log(−1)
    line = controller.frame.status[0]
    assert line.status == "diverged"
    assert line.text.startswith("the gradient is undefined or infinite here: pick a start where f has a finite slope — ")
