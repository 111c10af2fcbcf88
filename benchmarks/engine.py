"""Engine speed: value + gradient of the course's four functions, engine vs hand-written NumPy.

Prints JSON.  For each function and N in (1, 1,000, 100,000) points: the median time of
one value+gradient call through the autodiff engine (x and y arrays in; f, ∂f/∂x, ∂f/∂y
out) and through a hand-written NumPy formula and gradient of the same function (the
same in and out), and their ratio; also the call through ``Objective.value_and_grad``,
which packs points and gradients as (N, 2) arrays for the optimizers.  Targets: Ackley at N = 1
under 100 µs per call (one point is what the animation evaluates each frame); at
N = 100,000 within 2× of hand-written NumPy.
"""

from __future__ import annotations

import json
import platform
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdgui.core.descent.allocator import tune_allocator  # noqa: E402
from gdgui.core.descent.functions import get_function  # noqa: E402

SIZES = (1, 1_000, 100_000)


def quadratic(x, y):
    return x**2 + 2 * y**2, 2 * x, 4 * y


def easom(x, y):
    e = np.exp(-((x - np.pi) ** 2 + (y - np.pi) ** 2))
    f = -np.cos(x) * np.cos(y) * e
    gx = np.sin(x) * np.cos(y) * e - 2 * (x - np.pi) * f
    gy = np.cos(x) * np.sin(y) * e - 2 * (y - np.pi) * f
    return f, gx, gy


def himmelblau(x, y):
    a, b = x**2 + y - 11, x + y**2 - 7
    return a**2 + b**2, 4 * x * a + 2 * b, 2 * a + 4 * y * b


def ackley(x, y):
    r = np.sqrt((x**2 + y**2) / 2)
    e1 = np.exp(-0.2 * r)
    e2 = np.exp((np.cos(2 * np.pi * x) + np.cos(2 * np.pi * y)) / 2)
    f = -20 * e1 - e2 + np.e + 20
    with np.errstate(invalid="ignore", divide="ignore"):
        radial = np.where(r > 0, 2 * e1 / np.where(r > 0, r, 1.0), 0.0)
    gx = radial * x + np.pi * np.sin(2 * np.pi * x) * e2
    gy = radial * y + np.pi * np.sin(2 * np.pi * y) * e2
    return f, gx, gy


HAND_WRITTEN = {"quadratic": quadratic, "easom": easom, "himmelblau": himmelblau, "ackley": ackley}


def median_seconds(call, budget_s: float = 0.4) -> float:
    number = max(1, int(budget_s / 10 / max(timeit.timeit(call, number=1), 1e-7)))
    return float(np.median(timeit.repeat(call, number=number, repeat=9)) / number)


def measure(function_id: str, n: int, rng: np.random.Generator) -> dict:
    objective = get_function(function_id)
    x0, x1, y0, y1 = objective.domain
    xy = np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])
    x, y = xy[:, 0].copy(), xy[:, 1].copy()
    hand = HAND_WRITTEN[function_id]
    f_engine, g_engine = objective.value_and_grad(xy)
    f_hand, gx, gy = hand(x, y)  # the comparison is only fair if both compute the same thing
    np.testing.assert_allclose(f_engine, f_hand, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(g_engine, np.column_stack([gx, gy]), rtol=1e-7, atol=1e-9)
    tape, inputs = objective.graph.tape(), {"x": x, "y": y}
    engine = median_seconds(lambda: tape.value_and_grad(inputs))  # same in and out as ``hand``
    packed = median_seconds(lambda: objective.value_and_grad(xy))  # plus (N, 2) packing, as runs use it
    numpy = median_seconds(lambda: hand(x, y))
    return {"function": function_id, "n": n, "engine_us": engine * 1e6, "numpy_us": numpy * 1e6,
            "ratio_engine_over_numpy": engine / numpy, "objective_with_packing_us": packed * 1e6}


def main() -> None:
    tuned = tune_allocator()  # as the app does at start-up; helps both sides alike
    rng = np.random.default_rng(0)
    rows = [measure(function_id, n, rng) for function_id in HAND_WRITTEN for n in SIZES]
    ackley_1 = next(r for r in rows if r["function"] == "ackley" and r["n"] == 1)
    big = [r for r in rows if r["n"] == 100_000]
    print(json.dumps({
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "arch": platform.machine(),
                    "allocator_tuned": tuned},
        "results": rows,
        "targets": {
            "ackley_n1_under_100us": ackley_1["engine_us"] < 100,
            "n100000_within_2x_of_numpy": all(r["ratio_engine_over_numpy"] <= 2 for r in big),
        },
    }, indent=2))


if __name__ == "__main__":
    main()
