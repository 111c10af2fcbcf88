"""A Descent run written out as a NumPy script retraces the run: every optimizer, a catalog
function and a typed formula, each step's point equal to the app's to 1e-12."""

import subprocess
import sys

import numpy as np
import pytest

from gdgui.core.codegen.descent_script import descent_script
from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import OPTIMIZERS, make_optimizer
from gdgui.core.descent.runs import Run

TYPED = "x*y/(1 + x^2) + sigmoid(y) - tanh(x)*relu(y) + abs(x - y) + max(x, y)^3/10 + log(2 + sin(x))"
STARTS = [(0.7, -0.4), (-1.3, 0.9)]


def _script_points(run: Run, tmp_path) -> dict[tuple[int, int], tuple[float, float]]:
    path = tmp_path / "run.py"
    path.write_text(descent_script(run), encoding="utf-8")
    out = subprocess.run([sys.executable, str(path), "--trajectory"], capture_output=True, text=True, check=True,
                         timeout=120).stdout
    rows = (line.split() for line in out.splitlines())
    return {(int(p), int(step)): (float(x), float(y)) for p, _, step, x, y in rows}


@pytest.mark.parametrize("objective", [get_function("rosenbrock"), get_function("ackley"), objective_from_expr(TYPED)],
                         ids=["rosenbrock", "ackley", "typed"])
def test_the_script_retraces_every_optimizer_s_path(objective, tmp_path):
    run = Run(objective, [make_optimizer(name, 0.002) for name in OPTIMIZERS], STARTS, max_steps=120)
    run.run()
    points = _script_points(run, tmp_path)
    assert len(points) == sum(int(steps) + 1 for steps in run.steps)
    for particle in range(run.n_particles):
        path = run.trajectory(particle)[:, :2]
        script = np.array([points[particle, step] for step in range(len(path))])
        np.testing.assert_allclose(script, path, rtol=1e-12, atol=1e-12)


def test_without_options_it_prints_each_particle_s_last_point(tmp_path):
    run = Run(get_function("quadratic"), [make_optimizer("momentum", 0.05)], [(1.0, 1.0)], max_steps=30)
    run.run()
    path = tmp_path / "run.py"
    path.write_text(descent_script(run), encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    particle, name, step, x, y = out.split()
    assert (particle, name, step) == ("0", "momentum", "30")
    assert (float(x), float(y)) == tuple(run.positions[0])
    assert "def update_momentum(g, t, state, hp):" in path.read_text(encoding="utf-8")


def test_a_sweep_s_per_particle_rate_is_refused_with_a_reason():
    optimizer = make_optimizer("gd", np.array([0.1, 0.2]))
    run = Run(get_function("quadratic"), optimizer, [(1.0, 1.0), (2.0, 2.0)], max_steps=2)
    with pytest.raises(ValueError, match="lr differs from particle to particle"):
        descent_script(run)


def test_a_path_through_a_singular_point_keeps_the_app_s_convention(tmp_path):
    """sqrt(x²) at x = 0 has slope ∞ · 0; the app takes √′(0) := 0, so x stays 0 while y descends (the
    script read NaN there and its point became NaN at the first step)."""
    run = Run(objective_from_expr("sqrt(x^2) + y^2"), [make_optimizer("gd", 0.1)], [(0.0, 1.0)], max_steps=5)
    run.run()
    path = run.trajectory(0)[:, :2]
    assert np.all(np.isfinite(path)) and np.all(path[:, 0] == 0) and path[-1, 1] < 1
    points = _script_points(run, tmp_path)
    np.testing.assert_array_equal(np.array([points[0, step] for step in range(len(path))]), path)
