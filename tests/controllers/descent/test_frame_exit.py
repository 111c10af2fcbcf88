"""Where a step leaves the map: the crossing of its segment with the domain's edge, by hand."""

import math

import pytest

from gdgui.controllers.descent.frame_data import edge_crossing

DOMAIN = (-5.0, 5.0, -5.0, 5.0)


@pytest.mark.parametrize("a, b, crossing", [
    ((0.0, 0.0), (10.0, 0.0), (5.0, 0.0)),            # straight out of the right edge
    ((0.0, 4.0), (2.0, 8.0), (0.5, 5.0)),             # the top, a quarter of the way
    ((4.0, 4.0), (8.0, 6.0), (5.0, 4.5)),             # past both the right edge and the top: the right comes first
    ((0.0, 0.0), (-10.0, -10.0), (-5.0, -5.0)),       # through the corner
])
def test_a_step_off_the_map_crosses_the_first_edge_it_goes_past(a, b, crossing):
    assert edge_crossing(a, b, DOMAIN) == pytest.approx(crossing)


def test_a_step_to_no_finite_point_has_no_crossing():
    assert edge_crossing((0.0, 0.0), (math.inf, 0.0), DOMAIN) is None
    assert edge_crossing((0.0, 0.0), (math.nan, 1.0), DOMAIN) is None
