"""The trajectories CSV: a column naming each particle's optimizer, every k-th step, its size
known before writing (rows exactly, bytes to within a few per cent of the file written)."""

import csv
import io

import pytest

from gdgui.core.descent.functions import get_function
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run
from gdgui.core.files.trajectory_csv import csv_size, write_trajectory_csv


def race(steps: int = 25, starts=((1.0, 1.0), (-2.0, 0.5), (0.0, 0.0))) -> Run:
    """gd and momentum from each start on x² + 2y²; ‖∇f‖ ≤ 1e-6 takes > 60 steps from (1, 1)."""
    optimizers = [make_optimizer("gd", 0.1), make_optimizer("momentum", 0.05)]
    run = Run(get_function("quadratic"), optimizers, list(starts), max_steps=steps)
    run.run()
    return run


def rows_of(run: Run, every: int = 1) -> tuple[str, list[dict]]:
    out = io.StringIO()
    write_trajectory_csv(run, out, every)
    return out.getvalue(), list(csv.DictReader(io.StringIO(out.getvalue())))


def test_each_row_names_its_particles_optimizer():
    run = race()
    _, rows = rows_of(run)
    assert list(rows[0]) == ["particle", "optimizer", "step", "x", "y", "f", "gx", "gy"]
    # particles 0-2: gd from the three starts; 3-5: momentum from the same starts
    by_particle = {int(row["particle"]): row["optimizer"] for row in rows}
    assert by_particle == {0: "gd", 1: "gd", 2: "gd", 3: "momentum", 4: "momentum", 5: "momentum"}
    # momentum's first step from (1, 1) on x² + 2y², γ = 0.05: (1, 1) − 0.05·(2, 4) = (0.9, 0.8)
    first_momentum = next(row for row in rows if row["particle"] == "3" and row["step"] == "1")
    assert (float(first_momentum["x"]), float(first_momentum["y"])) == pytest.approx((0.9, 0.8))


def test_every_kth_step_keeps_the_multiples_and_each_particles_last_row():
    run = race(steps=25, starts=((1.0, 1.0), (0.0, 0.0)))  # (0, 0) is the minimum: it stops at step 0
    _, rows = rows_of(run, every=10)
    steps = {}
    for row in rows:
        steps.setdefault((row["optimizer"], int(row["particle"])), []).append(int(row["step"]))
    assert steps[("gd", 0)] == [0, 10, 20, 25] and steps[("momentum", 2)] == [0, 10, 20, 25]
    assert steps[("gd", 1)] == [0] and steps[("momentum", 3)] == [0]
    _, everything = rows_of(run)
    full = {(row["particle"], row["step"]): row for row in everything}
    assert all(full[(row["particle"], row["step"])] == row for row in rows)  # the same rows, thinned


@pytest.mark.parametrize("every", [1, 3, 10, 1000])
def test_the_size_is_known_before_writing(every):
    run = race(steps=400)
    text, rows = rows_of(run, every)
    size = csv_size(run, every)
    assert size.rows == len(rows)
    assert size.bytes == pytest.approx(len(text.encode()), rel=0.05)
