"""A few points' stop checks on Python floats (a race) against NumPy's arrays: the same answers."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gdgui.core.descent.functions import get_function
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run
from gdgui.core.descent.stepping.stopping import FEW_FLOATS, all_finite, extent

TOL = 1e-3
SPECIAL = st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -1e308, 0.0, -0.0, TOL, TOL * (1 + 1e-15)])
NUMBER = st.one_of(st.floats(-1e3, 1e3), st.floats(-2e-3, 2e-3), SPECIAL)


def few_points(draw, n: int, columns: int) -> np.ndarray:
    return np.array(draw(st.lists(NUMBER, min_size=n * columns, max_size=n * columns))).reshape(n, columns)


@st.composite
def points(draw):
    n = draw(st.integers(1, FEW_FLOATS))
    return few_points(draw, n, 2), few_points(draw, n, 1)[:, 0], few_points(draw, n, 2)


@settings(max_examples=300, deadline=None)
@given(points())
def test_a_few_points_pass_as_finite_only_when_every_number_is(arrays):
    x, f, g = arrays
    finite = np.isfinite(x).all() and np.isfinite(f).all() and np.isfinite(g).all()
    ends = extent(x)
    if all_finite(x, f, g, ends):
        assert finite
        assert ends == (x.min(), x.max())
    elif finite:  # only a sum past the largest float may send finite numbers to the columns' check
        assert max(np.abs(x).max(), np.abs(f).max(), np.abs(g).max()) > 1e300 / (5 * FEW_FLOATS)


@settings(max_examples=300, deadline=None)
@given(points())
def test_a_few_gradients_are_flat_where_numpy_finds_them_flat(arrays):
    _, _, g = arrays
    run = Run(get_function("himmelblau"), make_optimizer("gd", 0.01), [(0.0, 0.0)], tol=TOL)
    gx, gy = g[:, 0], g[:, 1]
    with np.errstate(all="ignore"):
        expected = gx * gx + gy * gy <= TOL * TOL
    flat = run._flat(g)
    assert (flat is None and not expected.any()) or np.array_equal(flat, expected)
