"""The cost of one swarm step per particle, against a bare NumPy loop; and f, ∇f at a million points.

Prints JSON, every figure the median of 3 runs:

- ``swarm_ns_per_particle_step``: a ``Run`` of plain GD on Himmelblau (γ = 10⁻⁴, tolerance 1e−6,
  no trajectory kept) at N = 1,000, 10,000 and 100,000 random starts, every particle live; the same
  with half of them stopped at a minimum from the start (the masked path); and its parts: the
  engine's value_and_grad, the optimizer's update, and the rest (stop checks, bookkeeping).
- ``bare_numpy_ns_per_particle_step``: the same descent written by hand (Himmelblau's ∇f in closed
  form, x and y as two columns, no stop check): the floor the run's machinery adds to.
- ``himmelblau_value_and_grad_1e6_ms``: the engine's f and ∇f at 10⁶ points; the hand-written
  closed form; and the memory floor (reading the points once, writing f and ∇f once).
- ``recorded_10000_ms_per_step``: a step of the Descent tab's swarm of 10,000 as it plays: GD on
  Himmelblau (γ = 10⁻³, random starts), every row recorded, 500 steps (what RECORD_BUDGET leaves a swarm
  of 10,000), tolerance 0 and 1e−6 (where particles stop on the way); momentum and Adam at tolerance 0.
  Each run reuses the row-buffer memory of the one before, as the app does (a run whose memory is new
  adds the pages' first writes).
- ``race_us_per_step``: one step of a recorded race of GD, momentum, Adam and RMSprop from (0, 0) on
  Himmelblau (the Descent tab's race: each rule one update, on Python floats, one f and ∇f for the four
  points), and of its parts: value_and_grad at the four points, and the four optimizers stepped alone,
  one by one (on arrays, through ``Optimizer.step``); a step of one GD particle alone, and of a race of
  all six optimizers.

``--cpu`` times processor time instead of the wall clock: on a machine busy with other work the wall
clock stretches every figure, processor time much less.

    python benchmarks/swarm_step.py [--cpu]
"""

from __future__ import annotations

import functools
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import timing  # noqa: E402
from gdgui.core.descent.allocator import tune_allocator  # noqa: E402
from gdgui.core.descent.functions import get_function  # noqa: E402
from gdgui.core.descent.optimizers import OPTIMIZERS, make_optimizer  # noqa: E402
from gdgui.core.descent.runs import Run, random_starts  # noqa: E402
from gdgui.core.descent.settings import RECORD_BUDGET  # noqa: E402

HIMMELBLAU = get_function("himmelblau")
LR = 1e-4  # small enough that no particle stops within the steps timed
SIZES = {1_000: 400, 10_000: 100, 100_000: 20}  # particles: steps timed
MINIMUM = (3.0, 2.0)
CLOCK = time.process_time if "--cpu" in sys.argv else time.perf_counter
median_ms = functools.partial(timing.median_ms, clock=CLOCK)


def _starts(n: int, stopped: bool) -> np.ndarray:
    starts = random_starts(HIMMELBLAU.domain, n, seed=0)
    if stopped:
        starts[::2] = MINIMUM  # converged at step 0: the run steps only the other half
    return starts


def run_ns(n: int, steps: int, stopped: bool = False) -> float:
    """ns per particle-step of a fresh run advancing ``steps`` steps (stopped particles count too)."""
    def advance():
        Run(HIMMELBLAU, make_optimizer("gd", LR), _starts(n, stopped), record=False).step(steps)
    setup = median_ms(lambda: Run(HIMMELBLAU, make_optimizer("gd", LR), _starts(n, stopped), record=False), digits=4)
    return round((median_ms(advance, digits=4) - setup) * 1e6 / (n * steps), 2)


def parts_ns(n: int, steps: int) -> dict[str, float]:
    points = _starts(n, False)
    optimizer = make_optimizer("gd", LR)
    gradients = HIMMELBLAU.value_and_grad(points)[1]
    engine = median_ms(lambda: [HIMMELBLAU.value_and_grad(points) for _ in range(steps)], digits=4)
    update = median_ms(lambda: [optimizer.step(points, gradients) for _ in range(steps)], digits=4)
    return {"value_and_grad": round(engine * 1e6 / (n * steps), 2),
            "optimizer": round(update * 1e6 / (n * steps), 2)}


def bare_ns(n: int, steps: int) -> float:
    """Plain GD on Himmelblau by hand: two columns, the closed-form gradient, nothing else."""
    def descend():
        start = _starts(n, False)
        x, y = start[:, 0].copy(), start[:, 1].copy()
        for _ in range(steps):
            a, b = x * x + y - 11, x + y * y - 7
            f = a * a + b * b  # noqa: F841 — computed, as a run computes it
            gx, gy = 4 * a * x + 2 * b, 2 * a + 4 * b * y
            x -= LR * gx
            y -= LR * gy
    return round(median_ms(descend, digits=4) * 1e6 / (n * steps), 2)


RECORDED = {"gd_tol_0": ("gd", 0.0), "gd_tol_1e-6": ("gd", 1e-6), "momentum_tol_0": ("momentum", 0.0),
            "adam_tol_0": ("adam", 0.0)}
RECORDED_STEPS = RECORD_BUDGET // 10_000
TARGET_MS = 0.2  # issue 15's 10,000-particle frame: 17 steps in a frame of 16.7 ms leave room for the rest


def recorded_ms(name: str, tol: float, n: int = 10_000) -> float:
    """ms per step of a fresh recorded run of ``n`` particles stepped to its last recorded step."""
    starts = random_starts(HIMMELBLAU.domain, n, seed=0)

    def make() -> Run:
        return Run(HIMMELBLAU, make_optimizer(name, 1e-3), starts, tol=tol, max_steps=RECORDED_STEPS)
    make().step(RECORDED_STEPS)  # the memory the timed runs take over
    setup = median_ms(make, digits=4)
    return round((median_ms(lambda: make().step(RECORDED_STEPS), digits=4) - setup) / RECORDED_STEPS, 4)


RACE = ("gd", "momentum", "adam", "rmsprop")


def race_us(steps: int = 2_000) -> dict[str, float]:
    points = np.zeros((len(RACE), 2))
    gradients = HIMMELBLAU.value_and_grad(points)[1]
    optimizers = [make_optimizer(name, 1e-3) for name in RACE]

    def race(names=RACE):
        Run(HIMMELBLAU, [make_optimizer(name, 1e-3) for name in names], [(0.0, 0.0)], tol=0,
            max_steps=1_000_000).step(steps)

    def alone():
        for _ in range(steps):
            for k, optimizer in enumerate(optimizers):
                optimizer.step(points[k:k + 1], gradients[k:k + 1])
    return {"race_step": round(median_ms(race, digits=4) * 1e3 / steps, 1),
            "value_and_grad": round(median_ms(lambda: [HIMMELBLAU.value_and_grad(points) for _ in range(steps)],
                                              digits=4) * 1e3 / steps, 1),
            "four_optimizers_stepped_alone": round(median_ms(alone, digits=4) * 1e3 / steps, 1),
            "one_particle_step": round(median_ms(lambda: race(["gd"]), digits=4) * 1e3 / steps, 1),
            "race_of_six_step": round(median_ms(lambda: race(list(OPTIMIZERS)), digits=4) * 1e3 / steps, 1)}


def value_and_grad_ms(n: int = 1_000_000) -> dict[str, float]:
    points = random_starts(HIMMELBLAU.domain, n, seed=1)
    f, g = np.empty(n), np.empty((n, 2))

    def closed_form():
        x, y = points[:, 0], points[:, 1]
        a, b = x * x + y - 11, x + y * y - 7
        return a * a + b * b, np.column_stack([4 * a * x + 2 * b, 2 * a + 4 * b * y])

    def floor():
        np.add(points[:, 0], points[:, 1], out=f)
        np.copyto(g, points)
    return {"engine": median_ms(lambda: HIMMELBLAU.value_and_grad(points), digits=2),
            "closed_form_numpy": median_ms(closed_form, digits=2),
            "memory_floor": median_ms(floor, digits=2)}


def main() -> None:
    tuned = tune_allocator()  # as the app does
    swarm = {str(n): {"all_live": run_ns(n, steps), "half_stopped": run_ns(n, steps, stopped=True),
                      **parts_ns(n, steps)} for n, steps in SIZES.items()}
    for row in swarm.values():
        row["rest"] = round(row["all_live"] - row["value_and_grad"] - row["optimizer"], 2)
    bare = {str(n): bare_ns(n, steps) for n, steps in SIZES.items()}
    print(json.dumps({
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "allocator_tuned": bool(tuned),
                    "clock": CLOCK.__name__, "load_average": os.getloadavg()[0]},
        "swarm_ns_per_particle_step": swarm,
        "bare_numpy_ns_per_particle_step": bare,
        "recorded_10000_ms_per_step": {**{key: recorded_ms(*case) for key, case in RECORDED.items()},
                                       "target_gd_tol_0": f"≤ {TARGET_MS}"},
        "himmelblau_value_and_grad_1e6_ms": value_and_grad_ms(),
        "race_us_per_step": race_us(),
    }, indent=2))


if __name__ == "__main__":
    main()
