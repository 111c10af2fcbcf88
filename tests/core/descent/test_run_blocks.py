"""Run.blocks: the rows of a run handed out a block of steps at a time, equal to a recorded run's,
in memory that does not grow with the number of steps; and the tolerance's IEEE arithmetic."""

import tracemalloc
import warnings

import numpy as np
import pytest

from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run, random_starts
from gdgui.core.descent.stepping.rows import RowBlock

QUADRATIC = get_function("quadratic")
HIMMELBLAU = get_function("himmelblau")
# From (0, 0) GD sits on the minimum; from (1, 1) it converges after 66 steps; from (1000, 0)
# exp overflows at once (diverged, 0 steps); from (3, 0) γ = 1.1 escapes after a few steps.
EXP_BOWL = objective_from_expr("exp(x) - x + y^2", (-5, 5, -5, 5))


def recorded_and_streamed(objective, optimizers, starts, size, **options):
    recorded = Run(objective, optimizers(), starts, **options)
    recorded.run()
    streamed = Run(objective, optimizers(), starts, record=False, **options)
    return recorded, streamed, list(streamed.blocks(size))


def rows_by_particle(blocks):
    """{particle: [(step, x, y, f, gx, gy), …]} gathered from RowBlock pieces."""
    found = {}
    for block in blocks:
        for particles, steps, values in block.pieces(7):
            for i, k, row in zip(particles.tolist(), steps.tolist(), values.tolist()):
                found.setdefault(i, []).append((k, *row))
    return found


def expected_rows(recorded):
    return {i: [(k, *row) for k, row in enumerate(recorded.trajectory(i).tolist())]
            for i in range(recorded.n_particles)}


@pytest.mark.parametrize("size", [1, 2, 7, 64, 10_000])
def test_streamed_rows_equal_the_recorded_trajectories_and_stopped_particles_write_no_more(size):
    starts = [(1.0, 1.0), (0.0, 0.0), (-2.0, 0.5)]
    recorded, streamed, blocks = recorded_and_streamed(
        QUADRATIC, lambda: [make_optimizer("gd", 0.1), make_optimizer("adam", 0.05)], starts, size,
        max_steps=150)
    assert rows_by_particle(blocks) == expected_rows(recorded)
    assert [streamed.status_name(i) for i in range(6)] == [recorded.status_name(i) for i in range(6)]
    assert "converged" in {streamed.status_name(i) for i in range(6)}
    assert "max_steps" in {streamed.status_name(i) for i in range(6)}
    assert streamed.steps.tolist() == recorded.steps.tolist()


@pytest.mark.parametrize("size", [1, 3, 50])
def test_diverged_particles_keep_their_last_finite_row_only(size):
    starts = [(1000.0, 0.0), (3.0, 0.0), (0.5, 0.5)]
    recorded, streamed, blocks = recorded_and_streamed(
        EXP_BOWL, lambda: make_optimizer("gd", 1.1), starts, size, max_steps=40)
    assert streamed.status_name(0) == "diverged" and streamed.steps[0] == 0
    assert rows_by_particle(blocks) == expected_rows(recorded)


def test_the_first_block_starts_with_the_current_state_and_blocks_follow_on():
    run = Run(QUADRATIC, make_optimizer("gd", 0.1), [(1.0, 1.0)], tol=0, max_steps=10, record=False)
    blocks = [(block.first, len(block.rows)) for block in run.blocks(4)]
    assert blocks == [(0, 5), (5, 4), (9, 2)]


def test_zero_steps_give_one_block_with_the_starts():
    run = Run(QUADRATIC, make_optimizer("gd", 0.1), [(1.0, 1.0), (2.0, 0.0)], max_steps=0, record=False)
    (block,) = list(run.blocks(100))
    (particles, steps, values), = list(block.pieces(100))
    assert particles.tolist() == [0, 1] and steps.tolist() == [0, 0]
    assert values.tolist() == [[1.0, 1.0, 3.0, 2.0, 4.0], [2.0, 0.0, 4.0, 4.0, 0.0]]


@pytest.mark.parametrize("size", [1, 4, 9, 1000])
def test_pieces_go_particle_by_particle_and_stay_bounded(size):
    rows = np.arange(30 * 4 * 5, dtype=float).reshape(30, 4, 5)
    block = RowBlock(first=100, rows=rows, steps=np.array([129, 105, 99, 200]))
    pieces = list(block.pieces(size))
    assert all(len(p) <= max(size, 1) for p, _, _ in pieces)
    particles = np.concatenate([p for p, _, _ in pieces])
    steps = np.concatenate([s for _, s, _ in pieces])
    # particle 2 had stopped before the block (99 < 100); particle 1 stopped at step 105
    assert particles.tolist() == [0] * 30 + [1] * 6 + [3] * 30
    assert steps.tolist() == list(range(100, 130)) + list(range(100, 106)) + list(range(100, 130))
    values = np.concatenate([v for _, _, v in pieces])
    np.testing.assert_array_equal(values, rows[steps - 100, particles])


def peak_bytes_of_streaming(steps: int) -> int:
    run = Run(HIMMELBLAU, make_optimizer("adam", 0.01), random_starts(HIMMELBLAU.domain, 20, 0),
              tol=0, max_steps=steps, record=False)
    tracemalloc.start()
    try:
        for block in run.blocks(20):
            for _ in block.pieces(100):
                pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_of_a_streamed_run_does_not_grow_with_its_steps():
    peak_bytes_of_streaming(10)  # first calls fill caches
    small, large = peak_bytes_of_streaming(200), peak_bytes_of_streaming(2_000)
    assert large < 2 * small, (small, large)


def test_a_recorded_run_hands_out_its_rows_as_one_block():
    run = Run(QUADRATIC, make_optimizer("gd", 0.1), [(1.0, 1.0), (0.0, 0.0)], max_steps=5)
    run.run()
    block = run.recorded_rows()
    assert block.first == 0 and block.steps.tolist() == [5, 0]
    assert rows_by_particle([block]) == expected_rows(run)


@pytest.mark.parametrize("tol", [1e308, 1.7976931348623157e308, 1e200])
def test_a_huge_tolerance_converges_at_once_in_ieee_arithmetic(tol):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even a RuntimeWarning
        run = Run(QUADRATIC, make_optimizer("gd", 0.1), [(1.0, 1.0)], tol=tol, max_steps=5)
        run.run()
    assert run.status_name(0) == "converged" and run.steps[0] == 0  # every gradient is "flat"


def test_a_domain_near_the_float_limit_and_steep_steps_raise_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = Run(objective_from_expr("x*1e308 + y^2", (-1e307, 1e307, -1, 1)),
                  make_optimizer("gd", 1e308), [(1.0, 1.0), (1e307, 0.0)],
                  domain=(-8e307, 8e307, -8e307, 8e307), max_steps=5)
        run.run()
    assert {run.status_name(i) for i in range(2)} == {"diverged"}


def _swarm(seed: int, lr: float = 1e-3) -> Run:
    starts = random_starts(HIMMELBLAU.domain, 300, seed=seed)
    return Run(HIMMELBLAU, [make_optimizer("gd", lr)], starts, tol=0, max_steps=400)


def test_a_run_made_after_another_was_let_go_records_its_own_rows_only():
    # The second run may take the first one's memory (rows.py keeps it): it must read as a run alone.
    first = _swarm(seed=1)
    first.step(40)
    del first
    second, alone = _swarm(seed=2, lr=2e-3), None
    second.step(7)
    rows = second.history.copy()
    alone = _swarm(seed=2, lr=2e-3)
    alone.step(7)
    assert rows.shape == (8, 300, 5)
    np.testing.assert_array_equal(rows, alone.history)


def test_rows_handed_out_stay_as_they_were_when_their_run_is_let_go_and_another_made():
    first = _swarm(seed=3)
    first.step(30)
    history, steps = first.history, first.steps.copy()
    kept = history.copy()
    del first
    second = _swarm(seed=4)  # must not write into the memory ``history`` still reads
    second.step(30)
    np.testing.assert_array_equal(history, kept)
    assert (steps == 30).all()
