"""DescentSettings: validation names the bad field and never half-applies; round trips through dicts."""

import numpy as np
import pytest

from gdgui.core.descent.runs import random_starts
from gdgui.core.descent.settings import RECORD_BUDGET, DescentSettings


def test_defaults_are_the_course_opening():
    settings = DescentSettings()
    assert settings.function == "quadratic" and settings.optimizers == ("gd",)
    assert settings.resolved_domain() == (-5, 5, -5, 5)


def test_round_trip_through_a_plain_dict():
    settings = DescentSettings().updated({
        "expression": "x^2 + y^2", "function": None, "domain": [-2, 2, -1, 3],
        "optimizers": ["momentum", "adam"], "hyper": {"adam": {"beta1": 0.8}}, "lr": 0.02,
        "start": [1, -0.5], "seed": 7, "particles": 30, "speed": 100, "max_steps": 500, "tol": 0,
    })
    again = DescentSettings().updated(settings.to_dict())
    assert again == settings
    assert again.hyperparameters("adam") == {"beta1": 0.8, "beta2": 0.999, "eps": 1e-8}


@pytest.mark.parametrize("changes, named", [
    ({"function": "nope"}, "function: unknown function 'nope'"),
    ({"function": None, "expression": "x^2 + * y"}, "expression: this is not a valid formula"),
    ({"function": None, "expression": "x + z"}, "expression: f(x, y) may only use the variables x and y"),
    ({"optimizers": ["gd", "sgd2"]}, "optimizers: unknown optimizer 'sgd2'"),
    ({"optimizers": []}, "optimizers: check at least one optimizer"),
    ({"lr": 0}, "lr: 0 is outside the allowed range"),
    ({"lr": "fast"}, "lr: 'fast' is not a number"),
    ({"lr": float("nan")}, "lr: nan is not a finite number"),
    ({"start": [1]}, "start: expected X,Y (two numbers), got [1]"),
    ({"particles": 10_001}, "particles: 10,001 is outside the allowed range 1 … 10,000"),
    ({"particles": 2.5}, "particles: 2.5 is not a whole number"),
    ({"domain": [1, 0, 0, 1]}, "domain: needs x min < x max"),
    ({"domain": [-1e308, 1e308, -1, 1]}, "domain: too wide"),
    ({"seed": 10**400}, "seed: a number of 401 digits is outside the allowed range 0 … 2,147,483,647"),
    ({"lr": 10**400}, "lr: a number of 401 digits is not a finite number"),
    ({"hyper": {"adam": {"beta1": 1.5}}}, "hyper: adam: beta1 must be a number in [0, 1)"),
    ({"hyper": {"gd": {"momentum": 0.5}}}, "hyper: gd has no hyper-parameter 'momentum'"),
    ({"speed": 0}, "speed: 0 is outside"),
    ({"colour": "red"}, "unknown setting 'colour'"),
])
def test_bad_values_name_the_field(changes, named):
    settings = DescentSettings()
    with pytest.raises(ValueError) as error:
        settings.updated(changes)
    assert named in str(error.value)
    assert settings == DescentSettings()  # unchanged


def test_choosing_a_catalog_function_drops_a_typed_one():
    typed = DescentSettings().updated({"function": None, "expression": "x^2"})
    assert typed.updated({"function": "easom"}).expression is None


def test_swarm_starts_are_the_core_seeded_random_starts():
    settings = DescentSettings().updated({"particles": 50, "seed": 3, "function": "easom"})
    np.testing.assert_array_equal(settings.starts(), random_starts((-10, 10, -10, 10), 50, 3))
    assert DescentSettings().starts().tolist() == [[-4.0, 3.5]]


def test_recorded_steps_respect_the_memory_budget():
    settings = DescentSettings().updated({"particles": 10_000, "optimizers": ["gd", "adam"], "max_steps": 10_000})
    assert settings.recorded_steps() == RECORD_BUDGET // 20_000
    assert DescentSettings().recorded_steps() == 10_000
