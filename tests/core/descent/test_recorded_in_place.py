"""A recorded run writes every moving particle's new x and ∇f over the old ones and takes them back from
its last row where they are not finite; a run that records nothing copies them in only where they are.
Both must hold the same numbers, bit for bit, step after step."""

import numpy as np
import pytest

from gdgui.core.descent.functions import CHUNK_POINTS, get_function, objective_from_expr
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run, random_starts
from gdgui.core.descent.stepping.stopping import FEW_POINTS
from gdgui.core.descent.stop_reasons import DIVERGED

# sqrt(x) has ∇f = ∞ at x = 0 where f is finite, and no value below 0; exp(y²) overflows to ∞ far out.
KINKED = objective_from_expr("sqrt(x) + exp(y*y)", (0, 4, -2, 2))


def state(run: Run) -> list[np.ndarray]:
    return [np.ascontiguousarray(a).view(np.uint64) if a.dtype == np.float64 else a for a in
            (run.positions, run.values, run.gradients, run.steps, run.status, run.falls_without_bound)]


@pytest.mark.parametrize("n", [5, 3 * FEW_POINTS])
@pytest.mark.parametrize("name", ["gd", "momentum", "adam"])
def test_a_recorded_run_holds_what_a_run_without_a_record_holds(n, name):
    starts = random_starts(KINKED.domain, n, seed=6)
    lr = np.resize([0.05, 0.5, 3.0, 1e150], n)  # some settle, some cross x = 0, some overflow at once

    def run(record: bool) -> Run:
        run = Run(KINKED, make_optimizer(name, 0.05), starts, tol=0, max_steps=60, record=record)
        run.configure(lr=lr)
        return run

    recorded, unrecorded = run(True), run(False)
    for k in (1, 1, 3, 10, 100):
        recorded.step(k)
        unrecorded.step(k)
        for ours, theirs in zip(state(recorded), state(unrecorded)):
            np.testing.assert_array_equal(ours, theirs)
    assert (recorded.status == DIVERGED).sum() > n // 4  # the take-back was exercised
    last = recorded.history[-1]
    np.testing.assert_array_equal(last[:, :2], recorded.positions)  # what a take-back reads is the state
    np.testing.assert_array_equal(last[:, 3:], recorded.gradients)


@pytest.mark.parametrize("n", [7, CHUNK_POINTS + 5])
def test_value_and_grad_writes_the_gradient_into_out(n):
    himmelblau = get_function("himmelblau")
    xy = random_starts(himmelblau.domain, n, seed=9)
    f, g = himmelblau.value_and_grad(xy)
    out = np.full((n, 2), np.nan)
    f_out, g_out = himmelblau.value_and_grad(xy, out=out)
    assert g_out is out
    np.testing.assert_array_equal(f_out, f)
    np.testing.assert_array_equal(out, g)
