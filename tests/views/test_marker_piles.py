"""Markers piled on one whole-pixel place: at most PILE_DEPTH stamps drawn there, the last ones, and
the map looks as every stamp drew it but for the faintest pixels of a deep pile's rim."""

import numpy as np
import pytest

from gdgui.views.descent.map_items.piles import PILE_DEPTH, pile_tops
from gdgui.views.descent.point_cloud import PointCloudItem
from tests.views.helpers import plot_pixels, small_plot


def _later_on_the_same_place(left, top) -> np.ndarray:
    """For each stamp, how many stamps after it land on its place: counted one by one."""
    return np.array([sum(1 for j in range(i + 1, len(left)) if left[j] == left[i] and top[j] == top[i])
                     for i in range(len(left))])


def test_pile_tops_keeps_every_stamp_but_those_under_the_last_few_of_their_place_in_order():
    rng = np.random.default_rng(3)
    for _ in range(150):
        count, depth = int(rng.integers(1, 120)), int(rng.integers(1, 6))
        left, top = rng.integers(-2, 3, count).astype(float), rng.integers(5, 8, count).astype(float)
        expected = np.flatnonzero(_later_on_the_same_place(left, top) < depth)
        tops = pile_tops(left, top, depth)
        assert np.array_equal(np.arange(count) if tops is None else tops, expected)
        assert (tops is None) == (len(expected) == count)


def test_pile_tops_draws_every_stamp_of_shallow_piles_and_of_far_flung_ones():
    left = np.array([0.0, 1, 0, 1, 0, 1])
    assert pile_tops(left, np.zeros(6), depth=3) is None
    far = np.array([0.0, 0, 0, 1e18, 0])
    assert pile_tops(far, np.zeros(5), depth=1) is None  # a place grid that large is not worth sorting


def _unsaturated_rim(marker) -> int:
    """The marker's see-through pixels that PILE_DEPTH stamps leave short of full coverage."""
    image = marker.toImage()
    alpha = np.array([[image.pixelColor(x, y).alpha() for x in range(image.width())]
                      for y in range(image.height())]) / 255
    return int(np.count_nonzero((alpha > 0) & (1 - (1 - alpha) ** PILE_DEPTH < 254.5 / 255)))


@pytest.mark.parametrize("size", [7.7, 12.6])  # the swarm's marker in the window and on a projector
def test_a_swarm_piled_on_a_few_pixels_looks_as_if_every_stamp_were_drawn(qtbot, size):
    rng = np.random.default_rng(int(size * 10))
    pixel = 10 / 420
    # Converged particles: the same point to within far less than a pixel, so each pile is one place.
    piles = [centre + rng.uniform(-1e-6, 1e-6, size=(400, 2)) * pixel
             for centre in ((-3.01, 2.02), (0.03, 0.01), (2.5, -3))]
    shallow = [centre + rng.uniform(-0.2, 0.2, size=(PILE_DEPTH // 2, 2)) * pixel for centre in ((-3, -3), (3, 3))]
    scattered = rng.uniform(-4.5, 4.5, size=(300, 2))
    plot = small_plot(qtbot, "#3b8a5a")
    cloud = PointCloudItem()
    cloud.set_style(fill="#0072B2", size=size, outline_px=1.5)
    plot.addItem(cloud)

    def drawn(points, depth):
        cloud.pile_depth = depth
        cloud.set_points(points)
        return plot_pixels(plot)

    every = np.vstack([*shallow, scattered])
    assert np.array_equal(drawn(every, PILE_DEPTH), drawn(every, 10 ** 9))  # no deep pile: the very pixels
    points = np.vstack([piles[0], *shallow, piles[1], scattered, piles[2]])
    piled, all_stamps = drawn(points, PILE_DEPTH), drawn(points, 10 ** 9)
    differ = np.count_nonzero((piled != all_stamps).any(axis=2))
    assert 0 < differ <= len(piles) * _unsaturated_rim(cloud.marker())
