"""Descent speed: Adam swarms, one particle's step, a basin map and a learning-rate sweep.

Prints JSON. Targets on the project's 2-core machine: a 200×200 basin map at 500 GD steps
≤ 2 s, a 200-γ sweep at 500 steps ≤ 0.5 s, one step of a single particle (engine +
optimizer + run bookkeeping) ≤ 150 µs. The single-particle step is split into the engine's
value_and_grad, the optimizer's update and the rest (stop checks, trajectory row).
``--no-tune`` leaves glibc's allocator as it is (the app tunes it at start-up).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdgui.core.descent.allocator import tune_allocator  # noqa: E402
from gdgui.core.descent.functions import get_function  # noqa: E402
from gdgui.core.descent.lr_science import basins, lr_sweep  # noqa: E402
from gdgui.core.descent.optimizers import make_optimizer  # noqa: E402
from gdgui.core.descent.runs import Run, random_starts  # noqa: E402

HIMMELBLAU = get_function("himmelblau")
SWARM_SIZES = (1, 1_000, 40_000)


def best_seconds(call, repeat: int = 3) -> float:
    """The fastest of ``repeat`` timed calls (the least disturbed by other processes)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def per_call_us(call, number: int) -> float:
    return best_seconds(lambda: [call() for _ in range(number)]) / number * 1e6


def adam_swarm(n: int, steps: int, record: bool) -> float:
    """Steps per second of n Adam particles on Himmelblau (tol 0: nobody stops early)."""
    starts = random_starts(HIMMELBLAU.domain, n, seed=0)
    run = Run(HIMMELBLAU, make_optimizer("adam", 0.01), starts, tol=0, record=record)
    return steps / best_seconds(lambda: run.step(steps))


def single_step_split() -> dict:
    run = Run(HIMMELBLAU, make_optimizer("adam", 1e-4), [(0.1, 0.1)], tol=0)
    step_us = per_call_us(run.step, 5_000)
    point = np.array([[0.1, 0.1]])
    engine_us = per_call_us(lambda: HIMMELBLAU.value_and_grad(point), 5_000)
    optimizer = make_optimizer("adam", 1e-4)
    gradient = np.array([[1.0, -1.0]])
    optimizer_us = per_call_us(lambda: optimizer.step(point, gradient), 5_000)
    return {"step_us": step_us, "engine_value_and_grad_us": engine_us,
            "optimizer_update_us": optimizer_us,
            "run_bookkeeping_us": step_us - engine_us - optimizer_us}


def basin_map_seconds() -> tuple[float, dict]:
    shares = {}

    def make():
        grid = basins(HIMMELBLAU, "gd", 0.01, grid=200, steps=500)
        shares.update({f"minimum_{i}": grid.share(i) for i in (-2, -1, 0, 1, 2, 3)})
    return best_seconds(make), shares


def sweep_seconds() -> float:
    lrs = np.geomspace(1e-4, 0.05, 200)
    return best_seconds(lambda: lr_sweep(HIMMELBLAU, "gd", (0.0, 0.0), lrs, steps=500))


def main() -> None:
    tuned = "--no-tune" not in sys.argv and tune_allocator()
    swarm = {f"adam_{n}_particles_steps_per_s": adam_swarm(n, 200 if n > 1 else 2_000, False)
             for n in SWARM_SIZES}
    swarm["adam_1_particle_recorded_steps_per_s"] = adam_swarm(1, 2_000, True)
    single = single_step_split()
    basin_s, shares = basin_map_seconds()
    sweep_s = sweep_seconds()
    print(json.dumps({
        "machine": {"python": platform.python_version(), "numpy": np.__version__,
                    "arch": platform.machine(), "allocator_tuned": bool(tuned)},
        "adam_himmelblau": swarm,
        "single_particle_step": single,
        "basin_map_200x200_gd_500_steps_s": basin_s,
        "basin_shares": shares,
        "lr_sweep_200_gd_500_steps_s": sweep_s,
        "targets": {
            "basin_map_under_2s": basin_s <= 2.0,
            "sweep_under_0.5s": sweep_s <= 0.5,
            "single_step_under_150us": single["step_us"] <= 150,
        },
    }, indent=2))


if __name__ == "__main__":
    main()
