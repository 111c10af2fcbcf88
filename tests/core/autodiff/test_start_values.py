"""The values a new formula's inputs start at, said aloud, and seeded random values a class can read."""

import math

import pytest

from gdgui.core.autodiff import graph_edits
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import GIVEN, LAST, NEW, PRESET, random_values, start_values


def test_each_name_takes_the_first_source_that_has_it():
    start = start_values(["x", "y", "z", "w"], given={"w": 0.5}, preset=("CS231n", {"x": -2.0, "w": 9.0}),
                         last={"x": 7.0, "y": 5.0})
    assert start.values == {"x": -2.0, "y": 5.0, "z": 1.0, "w": 0.5}
    assert start.sources == {"x": PRESET, "y": LAST, "z": NEW, "w": GIVEN}


def test_the_sentence_groups_the_inputs_by_where_their_values_came_from():
    start = start_values(["x", "y", "z"], {}, None, {"x": -2.0, "y": 5.0})
    assert start.said() == "x = −2, y = 5 (from the last graph); z = 1 (new)"
    preset = start_values(["x", "y"], {}, ("(x + y) · z", {"x": -2.0, "y": 0.125}), {})
    assert preset.said() == "x = −2, y = 0.125 (from the preset “(x + y) · z”)"
    given = start_values(["x"], {"x": -1.5}, None, {}, given_words="from the Descent tab's point")
    assert given.said() == "x = −1.5 (from the Descent tab's point)"


def test_a_value_is_said_as_typed_not_rounded_to_the_wires_digits():
    assert start_values(["a"], {}, None, {"a": 0.123456}).said() == "a = 0.123456 (from the last graph)"


def test_random_values_are_reproducible_by_seed_readable_and_in_range():
    names = [f"x{i}" for i in range(50)]
    first = random_values(names, 7)
    assert first == random_values(names, 7)
    assert first != random_values(names, 8)
    assert list(first) == names
    for value in first.values():
        assert -2.0 <= value <= 2.0
        assert value == round(value, 2)
    assert len(set(first.values())) > 40  # spread out, not one value repeated


def test_random_values_never_show_minus_zero():
    for seed in range(200):
        for value in random_values(["a", "b", "c"], seed).values():
            assert not (value == 0.0 and math.copysign(1.0, value) < 0)


@pytest.mark.parametrize("text, value", [("-1.5", -1.5), ("x = 2", 2.0), (" x=−3 ", -3.0), ("4e2", 400.0)])
def test_a_typed_value_that_renames_nothing_is_read_as_a_value(text, value):
    assert graph_edits.typed_value("x", text) == value


@pytest.mark.parametrize("text", ["y", "y = 2", "x1 = 3"])
def test_a_typed_name_is_a_rename_not_a_value(text):
    assert graph_edits.typed_value("x", text) is None


@pytest.mark.parametrize("text", ["x = abc", "x = 1e999", "x = "])
def test_a_bad_typed_value_is_refused_with_the_inputs_name(text):
    with pytest.raises(GraphError, match="^x: "):
        graph_edits.typed_value("x", text)
