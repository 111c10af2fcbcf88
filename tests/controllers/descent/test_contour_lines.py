"""Contour lines traced from a sampled field: on the level sets of f, one NaN-separated path per level."""

import contourpy
import numpy as np
import pytest

from gdgui.controllers.descent.contour_lines import contour_lines, join_pieces
from gdgui.core.descent.field import sample_field
from gdgui.core.descent.functions import get_function, objective_from_expr


def test_quadratic_contour_is_the_ellipse_x2_plus_2y2_equals_level():
    field = sample_field(get_function("quadratic"), points=201)
    lines = contour_lines(field, log=False, count=4)
    assert len(lines) == 4
    points = lines[0][np.isfinite(lines[0]).all(axis=1)]
    np.testing.assert_allclose(points[:, 0] ** 2 + 2 * points[:, 1] ** 2, 15, rtol=0.01)


def test_pieces_of_one_level_are_separated_by_nan_rows():
    # Himmelblau's four minima give four closed curves at a low (log) level.
    field = sample_field(get_function("himmelblau"), points=200)
    low_line = contour_lines(field, log=True, count=18)[0]
    assert np.isnan(low_line).all(axis=1).sum() >= 3


def test_non_finite_values_become_nan_and_are_skipped():
    field = sample_field(objective_from_expr("log(x)"), (-1, 1, -1, 1), points=21)
    assert np.isnan(field.values[:, :10]).all()
    assert np.isfinite(field.values[:, 11:]).all()
    lines = contour_lines(field, log=False, count=3)
    assert all(np.isfinite(line).all(axis=1).any() for line in lines)


def test_a_function_finite_nowhere_has_no_levels():
    field = sample_field(objective_from_expr("log(-1 - x^2)"), (-1, 1, -1, 1), points=11)
    assert not field.finite
    assert field.levels(log=False).size == 0
    assert contour_lines(field, log=False) == []


@pytest.mark.parametrize("objective, domain, log", [
    (get_function("rastrigin"), None, False),
    (get_function("himmelblau"), None, True),
    (objective_from_expr("sqrt(1 - x^2 - y^2)"), (-2, 2, -2, 2), False),  # NaN outside the unit disc
    (objective_from_expr("log(x)"), (-1, 1, -1, 1), False),
])
def test_lines_are_contourpys_pieces_joined_by_nan_rows(objective, domain, log):
    # The reference: contourpy's separate pieces of each level, on the masked field, joined by hand.
    field = sample_field(objective, domain, points=120)
    colour = field.colour_values(log)
    generator = contourpy.contour_generator(field.xs, field.ys, np.ma.masked_invalid(colour),
                                            line_type=contourpy.LineType.Separate)
    expected = [join_pieces(generator.lines(level)) for level in field.levels(log)]
    lines = contour_lines(field, log)
    assert len(lines) == len(expected) == 18
    for line, reference in zip(lines, expected):
        np.testing.assert_array_equal(line, reference)


def test_lines_of_the_full_map_traced_on_fewer_points_stay_on_their_levels_and_reach_the_edges():
    field = sample_field(get_function("quadratic"))  # 400 points a side: traced on LINE_POINTS of them
    x0, x1, y0, y1 = field.domain
    lines = contour_lines(field, log=False)
    for line, level in zip(lines, field.levels(log=False)):
        points = line[np.isfinite(line).all(axis=1)]
        np.testing.assert_allclose(points[:, 0] ** 2 + 2 * points[:, 1] ** 2, level, rtol=2e-3)
    top = lines[-1][np.isfinite(lines[-1]).all(axis=1)]
    assert top[:, 0].max() == x1 and top[:, 0].min() == x0  # the last grid column is kept: no gap at the edge
