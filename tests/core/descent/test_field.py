"""The contour map's numbers: grid sampling, log-scale choice, contour levels, arrows."""

import math

import numpy as np
import pytest

from gdgui.core.descent.field import LOG_SPAN_FACTOR, arrow_segments, direction_arrows, sample_field
from gdgui.core.descent.functions import get_function, objective_from_expr


def test_grid_is_indexed_y_then_x_over_the_domain():
    field = sample_field(objective_from_expr("x + 10*y"), (-1, 1, 0, 2), points=5)
    assert field.xs.tolist() == [-1, -0.5, 0, 0.5, 1]
    assert field.ys.tolist() == [0, 0.5, 1, 1.5, 2]
    # values[j, i] = f(xs[i], ys[j]) = xs[i] + 10 ys[j]
    assert field.values[1, 0] == pytest.approx(-1 + 5)
    assert field.values[0, 4] == pytest.approx(1)


@pytest.mark.parametrize("function_id, expected", [
    ("quadratic", False), ("easom", False), ("ackley", False),
    ("himmelblau", True), ("rosenbrock", True),
])
def test_log_colour_scale_is_recommended_where_f_spans_decades(function_id, expected):
    assert sample_field(get_function(function_id), points=200).log_recommended is expected


def test_log_colours_are_log10_of_f_above_its_minimum():
    field = sample_field(get_function("himmelblau"), points=100)
    colour = field.colour_values(log=True)
    expected = np.log10(field.values - np.nanmin(field.values) + field.log_offset)
    np.testing.assert_allclose(colour, expected)
    assert np.isfinite(colour).all()
    assert field.colour_values(log=False) is field.values


def test_log_factor_boundary_uses_the_fifth_percentile():
    # f = |x| on [-1, 1]: f − min spans 1 and its 5th percentile is 0.05 → ratio 20 < 50.
    field = sample_field(objective_from_expr("abs(x)"), (-1, 1, -1, 1), points=201)
    assert 20 < LOG_SPAN_FACTOR and field.log_recommended is False


def test_levels_are_evenly_spaced_inside_the_range():
    field = sample_field(get_function("quadratic"), points=101)
    levels = field.levels(log=False, count=4)
    # f ranges over [0, 75] on the grid (x² + 2y² at the corners = 25 + 50).
    np.testing.assert_allclose(levels, [15, 30, 45, 60])


def test_arrow_segments_shaft_and_head():
    rows = arrow_segments([[0, 0]], [[1, 0]], head=0.5)
    assert rows.shape == (6, 2)
    np.testing.assert_allclose(rows[0], [0, 0])
    np.testing.assert_allclose(rows[1], [1, 0])
    angle = math.radians(25)
    heads = sorted(map(tuple, rows[[3, 5]].round(12)), key=lambda p: p[1])
    back_x = 1 - 0.5 * math.cos(angle)
    np.testing.assert_allclose(heads, [[back_x, -0.5 * math.sin(angle)], [back_x, 0.5 * math.sin(angle)]])
    assert rows[2].tolist() == rows[4].tolist() == [1, 0]  # both head strokes start at the tip


def test_direction_arrows_point_downhill_with_equal_length():
    rows = direction_arrows(get_function("quadratic"), (-5, 5, -5, 5), per_side=4).reshape(-1, 6, 2)
    shafts = rows[:, 1] - rows[:, 0]
    tails = rows[:, 0] + shafts / 2  # arrows are centred on the grid points
    np.testing.assert_allclose(np.hypot(*shafts.T), 0.7 * 2.5)
    # −∇f of x² + 2y² is −(2x, 4y): each arrow is parallel to it.
    downhill = -np.column_stack([2 * tails[:, 0], 4 * tails[:, 1]])
    cross = shafts[:, 0] * downhill[:, 1] - shafts[:, 1] * downhill[:, 0]
    np.testing.assert_allclose(cross, 0, atol=1e-9)
    assert ((shafts * downhill).sum(axis=1) > 0).all()
