"""A recorded run's rows go into the memory of the last run let go, whatever its number of particles
(its pages are in already: a fresh buffer's first writes cost more than a 10,000-particle step), and
never into memory a view of an old run still reads."""

import gc

import numpy as np

from gdgui.core.descent.functions import get_function
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run, random_starts
from gdgui.core.descent.settings import RECORD_BUDGET

HIMMELBLAU = get_function("himmelblau")


def swarm(n: int) -> Run:
    """A swarm of n as the Descent tab records it: as many steps as RECORD_BUDGET leaves."""
    return Run(HIMMELBLAU, make_optimizer("gd", 1e-3), random_starts(HIMMELBLAU.domain, n, seed=n), tol=0,
               max_steps=RECORD_BUDGET // n)


def address(run: Run) -> int:
    return run.history.__array_interface__["data"][0]


def test_a_bigger_swarm_records_into_the_memory_of_the_smaller_one_let_go():
    small = swarm(1_000)  # 5,001 rows of 1,000: fewer numbers than 501 rows of 10,000
    small.step(3)
    where = address(small)
    del small
    gc.collect()
    big = swarm(10_000)
    big.step(3)
    assert address(big) == where
    alone = swarm(10_000)  # the same particles in a run of its own: the reused memory holds the same rows
    alone.step(3)
    np.testing.assert_array_equal(big.history, alone.history)


def test_memory_a_view_still_reads_is_not_taken():
    first = swarm(2_000)
    first.step(2)
    kept, where = first.history, address(first)
    rows = kept.copy()
    del first
    gc.collect()
    second = swarm(2_000)
    second.step(5)
    assert address(second) != where
    np.testing.assert_array_equal(kept, rows)
