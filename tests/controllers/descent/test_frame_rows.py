"""``strided_rows`` takes by slicing the rows fancy indexing takes for ``decimated_indices``."""

import numpy as np
import pytest

from gdgui.controllers.descent.frame import strided_rows
from gdgui.core.descent.traces import decimated_indices


@pytest.mark.parametrize("limit", [2, 3, 7, 300, 2000])
def test_the_rows_are_those_fancy_indexing_takes_for_every_count(limit):
    history = np.random.default_rng(5).normal(size=(4100, 3, 5))
    for count in [*range(0, 40), *range(limit - 2, limit + 3), 1999, 2000, 2001, 3998, 3999, 4000, 4100]:
        indices = decimated_indices(count, limit)
        xy = strided_rows(history[:, 1, :2], indices)
        np.testing.assert_array_equal(xy, history[indices, 1, :2])
        assert xy.flags.c_contiguous
        column = strided_rows(history[:count, 2, 0], indices)
        np.testing.assert_array_equal(column, history[indices, 2, 0])


def test_the_rows_are_a_copy_not_a_view_of_the_history():
    history = np.arange(33.0).reshape(11, 3)  # rows 0, 4 and 8 (every 4th of 11 in 4 points) and the last, 10
    rows = strided_rows(history[:, :2], decimated_indices(11, 4))
    history[:] = -1
    np.testing.assert_array_equal(rows, [[0, 1], [12, 13], [24, 25], [30, 31]])
