"""Drawn data stays bounded and log plots never see zeros or negatives."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdgui.core.descent.traces import (
    GroupSeries,
    decimated_indices,
    for_log_axis,
    gap_reference,
    held_range,
    row_median_norms,
    row_medians,
    steps_held,
    steps_shown,
    true_runs,
    view_extent,
)


@pytest.mark.parametrize("count", [1, 2, 10, 2000, 2001, 12345, 1_000_000])
def test_decimation_is_bounded_and_keeps_both_ends(count):
    indices = decimated_indices(count, limit=2000)
    assert len(indices) <= 2000
    assert indices[0] == 0 and indices[-1] == count - 1
    assert (np.diff(indices) > 0).all()


def test_short_series_are_not_decimated():
    assert decimated_indices(5).tolist() == [0, 1, 2, 3, 4]
    assert decimated_indices(0).size == 0


def test_group_series_medians_per_step_and_group():
    # 2 steps, 3 particles: group 0 = particle 0, group 1 = particles 1-2.
    rows = np.zeros((2, 3, 5))
    rows[:, :, 2] = [[1, 2, 4], [5, 6, 10]]
    rows[:, :, 3], rows[:, :, 4] = 3, 4  # ‖∇f‖ = 5 everywhere
    series = GroupSeries([slice(0, 1), slice(1, 3)], capacity=1)
    series.extend(rows[:1])
    series.extend(rows[1:])
    steps = np.array([0, 1])
    assert series.length == 2
    assert series.values(0, steps).tolist() == [1, 5]
    assert series.values(1, steps).tolist() == [3, 8]
    assert series.gradient_norms(1, steps).tolist() == [5, 5]


def test_a_race_series_is_each_particle_s_own_f_and_gradient_norm():
    # A race: one particle a group; 3 steps arriving as 2 + 1, one f a NaN (a run that overflowed).
    rows = np.zeros((3, 2, 5))
    rows[:, :, 2] = [[1, 2], [0.5, np.nan], [0.25, -3]]
    rows[:, 0, 3:], rows[:, 1, 3:] = (3, 4), (5, 12)  # ‖∇f‖ = 5 and 13
    series = GroupSeries([slice(0, 1), slice(1, 2)], capacity=2)
    series.extend(rows[:2])
    series.extend(rows[2:])
    steps = np.arange(3)
    assert series.values(0, steps).tolist() == [1, 0.5, 0.25]
    assert series.values(1, steps)[[0, 2]].tolist() == [2, -3] and np.isnan(series.values(1, steps)[1])
    assert series.gradient_norms(0, steps).tolist() == [5, 5, 5]
    assert series.gradient_norms(1, steps).tolist() == [13, 13, 13]


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal number for number, −0 told from 0 (NaN equals NaN)."""
    return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a), np.signbit(b))


def _awkward_gradients(n: int, rng) -> np.ndarray:
    """Rows (k, n, 2) of ∂f/∂x, ∂f/∂y a swarm may hold: ordinary, of any magnitude, and the rows a
    shortcut could get wrong — NaN, ∞, ties, zeros of both signs, squares that underflow or overflow."""
    rows = rng.normal(size=(14, n, 2)) * 10.0 ** rng.integers(-150, 150, size=(14, 1, 1))
    rows[0, 3 % n, 0] = np.nan
    rows[1, 5 % n, 1] = np.inf
    rows[2, 7 % n] = (np.inf, np.nan)  # hypot(∞, NaN) is ∞, not NaN
    rows[3] = 0.0
    rows[4, ::3, 0] = -0.0
    rows[5, : n // 2 + 2] = 1e-170  # squares underflow to 0 at the middle
    rows[6, : n // 2 + 2] = 1e200  # squares overflow to ∞ at the middle
    rows[7, ::2] = 3.0  # half the norms tie
    rows[8] = np.round(rows[8] * 2) / 2
    rows[9, :, 1] = 0.0
    rows[10, : n // 2] = -rows[10, n // 2: 2 * (n // 2)]  # pairs of equal norms
    rows[11] *= 1e-160  # norms near the smallest normal numbers
    rows[12, :, 0] = [(-1) ** i * 0.0 for i in range(n)]
    rows[12, :, 1] = rows[12, :, 0]
    return rows


@pytest.mark.parametrize("n", [1, 2, 15, 16, 17, 100, 1000, 1001, 4096])
def test_row_medians_are_numpys_medians_bit_for_bit(n):
    rows = _awkward_gradients(n, np.random.default_rng(n))
    for values in (rows[..., 0], rows[..., 1]):
        with np.errstate(all="ignore"):
            assert _same_bits(row_medians(values), np.median(values, axis=1))


@pytest.mark.parametrize("n", [1, 2, 15, 16, 17, 100, 1000, 1001, 4096])
def test_row_median_norms_are_the_medians_of_every_hypot_bit_for_bit(n):
    rows = _awkward_gradients(n, np.random.default_rng(n + 1))
    gx, gy = rows[..., 0], rows[..., 1]
    with np.errstate(all="ignore"):
        assert _same_bits(row_median_norms(gx, gy), np.median(np.hypot(gx, gy), axis=1))


@pytest.mark.parametrize("steps, particles", [(6, 300), (30, 20_000)])  # 20,000: summarised 13 rows at a time
def test_a_swarm_series_is_the_median_f_and_median_gradient_norm_of_each_group(steps, particles):
    rng = np.random.default_rng(7)
    rows = rng.normal(size=(steps, particles, 5)) * 50
    groups = (slice(0, particles // 3), slice(particles // 3, particles))
    series = GroupSeries(list(groups))
    series.extend(rows[:4])
    series.extend(rows[4:])
    steps = np.arange(steps)
    for g, group in enumerate(groups):
        assert _same_bits(series.values(g, steps), np.median(rows[:, group, 2], axis=1))
        assert _same_bits(series.gradient_norms(g, steps),
                          np.median(np.hypot(rows[:, group, 3], rows[:, group, 4]), axis=1))


def test_for_log_axis_hides_what_a_log_axis_cannot_show():
    out = for_log_axis([1.0, 0.0, -2.0, np.inf, np.nan, 1e-300])
    assert out[0] == 1.0 and out[5] == 1e-300
    assert np.isnan(out[1:5]).all()


def test_gap_reference():
    assert gap_reference(-1.0, np.array([0.5, -0.2])) == -1.0
    assert gap_reference(0.0, np.array([0.5, -0.2])) == -0.2  # a typed f may dip below a listed value
    assert gap_reference(None, np.array([3.0, np.inf, 2.0])) == 2.0
    assert gap_reference(None, np.array([np.nan])) == 0.0


def test_true_runs():
    assert true_runs([False, True, True, False, True]) == [(1, 2), (4, 4)]
    assert true_runs([True] * 3) == [(0, 2)]
    assert true_runs([False, False]) == []


# ----- the ranges a loss plot holds while a run plays --------------------------------------------

def test_steps_axis_ends_at_doublings_of_ten():
    assert [steps_shown(n) for n in (0, 1, 10, 11, 20, 21, 160, 161, 5000)] == [10, 10, 10, 20, 20, 40, 160, 320, 5120]


def test_a_played_run_s_step_axis_holds_room_for_the_steps_ahead():
    # A 10,000 swarm at speed 1,000: 17 steps a frame up to its 500 rows, room for a quarter second
    # (250 steps) ahead but not past step 500: 17 + 250 → 320, 85 + 250 → 640 (it moved at every
    # doubling, 20, 40, … 640, six times, before).
    end, before, moves = 10, 0, []
    for latest in range(17, 501, 17):
        new = steps_held(end, before, latest, ahead=min(250, 500 - latest))
        if new != end:
            moves.append((latest, new))
        end, before = new, latest
    assert moves == [(17, 320), (85, 640)]


def test_a_stepped_run_s_step_axis_just_covers_it_and_only_a_new_run_takes_it_back():
    assert steps_held(10, 0, 150) == 160  # steps by hand: nothing ahead
    assert steps_held(640, 300, 300) == 640  # paused (or scrubbed): the axis stays
    assert steps_held(640, 300, 301) == 640
    assert steps_held(640, 300, 0) == 10  # begun again


def test_y_range_holds_while_the_data_stay_in_it():
    assert held_range((-3.0, 2.0), -2.5, 1.0, log=True) is None
    assert held_range((0.0, 100.0), 20.0, 60.0, log=False) is None


def test_y_range_moves_when_the_data_leave_it_or_shrink_in_it():
    for view, low, high in (((-3.0, 2.0), -4.0, 1.0), ((-3.0, 2.0), -1.0, 2.5), ((0.0, 100.0), 40.0, 45.0)):
        new = held_range(view, low, high, log=False)
        assert new is not None and new[0] < low and high < new[1]  # the data inside, with room to spare
        assert high - low > 0.25 * (new[1] - new[0])


def test_data_that_leave_a_linear_y_range_get_room_to_go_as_far_again():
    low, high = held_range((0.0, 100.0), -20.0, 80.0, log=False)  # fell out below: 100 of data
    assert low <= -20.0 - 100.0 and 80.0 < high < 80.0 + 100.0


def test_data_that_leave_a_played_log_range_get_whole_decades_and_room_to_go_twice_as_far_again():
    low, high = held_range((-3.0, 2.0), -4.0, 1.0, log=True, playing=True)  # fell out below: 5 decades of data
    assert (low, high) == (-14.0, 3.0)  # 10 decades below them; above, a quarter of 5 and up to a decade
    low, high = held_range((-3.0, 2.0), -2.0, 3.0, log=True, playing=True)  # rose out above
    assert (low, high) == (-4.0, 13.0)


def test_a_played_log_range_fits_its_data_again_when_over_four_times_as_tall_as_they_need():
    # 0 … 2 with half a decade to spare: −1 … 3, 4 decades; 16 hold them, 17 are too many.
    assert held_range((-13.0, 3.0), 0.0, 2.0, log=True, playing=True) is None
    assert held_range((-14.0, 3.0), 0.0, 2.0, log=True, playing=True) == (-1.0, 3.0)


def test_a_paused_log_range_fits_its_data_in_whole_decades():
    assert held_range((-3.0, 2.0), -4.0, 1.0, log=True) == (-6.0, 3.0)  # 5 decades and a quarter of them each side
    assert held_range((-2.0, 4.0), -1.0, 2.0, log=True) is None  # 6 decades: the fit's −2 … 3 (5) and a fifth more
    assert held_range((-3.0, 5.0), -1.0, 2.0, log=True) == (-2.0, 3.0)  # 8: more than that


def test_y_range_of_a_single_value_has_height_and_no_data_keep_the_range():
    assert held_range(None, 2.0, 2.0, log=True) == (1.0, 3.0)  # the decades around it, half a decade clear
    assert held_range(None, 2.2, 2.2, log=True) == (1.0, 3.0)
    low, high = held_range(None, 165.0, 165.0, log=False)
    assert low < 165 < high
    assert held_range((0.0, 1.0), math.nan, math.nan, log=False) is None


_ends = st.floats(-300, 300)


@given(st.one_of(st.none(), st.tuples(_ends, st.floats(0.01, 600))), _ends, st.floats(0, 300), st.booleans(),
       st.booleans())
def test_a_range_that_moved_holds_its_data_and_stays_at_the_next_frame(view, low, span, log, playing):
    view = None if view is None else (view[0], view[0] + view[1])
    high = low + span
    new = held_range(view, low, high, log, playing)
    if new is None:
        assert view[0] <= low and high <= view[1]
        return
    assert new[0] < low and high < new[1]
    if log:
        assert new[0] == math.floor(new[0]) and new[1] == math.floor(new[1])  # whole decades
    assert held_range(new, low, high, log, playing) is None  # no range that moves again at once



def test_view_extent_skips_gaps_and_on_a_log_axis_what_it_cannot_draw():
    """The lowest and highest value a plot draws, in view units: NaN is a gap, ±∞ and (log) values ≤ 0 are
    not drawn; log10 on a log axis."""
    arrays = [np.array([np.nan, 0.01, 100.0]), np.array([]), np.array([1.0, np.inf, 0.0, -5.0])]
    assert view_extent(arrays, log=True) == (-2.0, 2.0)
    assert view_extent(arrays, log=False) == (-5.0, 100.0)
    assert view_extent([np.array([1.0, 10.0])], log=True) == (0.0, 1.0)
    assert all(math.isnan(v) for v in view_extent([np.array([np.nan, -np.inf])], log=False))
    assert all(math.isnan(v) for v in view_extent([], log=True))
