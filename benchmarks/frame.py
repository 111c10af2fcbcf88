"""Time one Descent-tab animation frame, against the same frame drawn with matplotlib; prints JSON.

A frame: advance every particle one step, update the plot items, render with ``grab()``. Himmelblau,
plain GD, γ = 0.001 and tolerance 0 (no particle stops, so every frame moves them all), at 1, 100,
1,000 and 10,000 particles. Three renderings per frame:

- ``map_ms``: the contour map alone — what the matplotlib frame draws, so ``speedup`` compares like
  with like;
- ``frame_ms``: everything a frame repaints (map, loss plots, timeline bar, status line; Qt does not
  repaint the unchanged sidebar);
- ``full_tab_ms``: the whole tab, sidebar included.

The matplotlib frame is the exercise as usually written: clear the axes, filled contour + contour
lines of the precomputed 400×400 grid, the points (or the path), ``canvas.draw()`` (Agg), on a
figure of the map's size. Also timed: switching function (new grid, colours, contour lines, redraw).

    python benchmarks/frame.py [--frames N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib  # noqa: E402
import PySide6.QtWidgets  # noqa: E402,F401 — before pyqtgraph, so it binds to PySide6

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdgui.controllers.descent.controller import DescentController  # noqa: E402
from gdgui.controllers.shell.theme import ThemeController  # noqa: E402
from gdgui.core.descent.field import CONTOUR_LEVELS, sample_field  # noqa: E402
from gdgui.views.descent.tab import DescentTab  # noqa: E402

PARTICLES = (1, 100, 1000, 10_000)
SIZE = (1400, 900)
SWITCH_FUNCTIONS = ("quadratic", "easom", "himmelblau", "ackley", "rosenbrock", "rastrigin")


def _median_ms(samples: list[float]) -> float:
    return round(1000 * statistics.median(samples), 2)


def _time(action, frames: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(frames):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def _state(particles: int) -> dict:
    return {"function": "himmelblau", "optimizers": ["gd"], "lr": 0.001, "start": [-1, -1],
            "particles": particles, "tol": 0, "max_steps": 1_000_000}


def gdgui_frame_ms(tab: DescentTab, controller: DescentController, particles: int, frames: int,
                   widgets: list) -> float:
    controller.apply_state(_state(particles))

    def frame():
        controller.step()
        for widget in widgets:
            widget.grab()

    return _time(frame, frames)


def renderings(tab: DescentTab) -> dict[str, list]:
    map_widget = tab.contour_view.plot_widget
    return {"map_ms": [map_widget], "frame_ms": [map_widget, tab.loss_view, tab.transport, tab.status_label],
            "full_tab_ms": [tab]}


def matplotlib_frame_ms(controller: DescentController, frames: int, size) -> float:
    """The same frame, redrawn from scratch with matplotlib as students usually write it."""
    field = sample_field(controller.map_data.objective)
    grid_x, grid_y = np.meshgrid(field.xs, field.ys)
    figure, axes = plt.subplots(figsize=(size.width() / 100, size.height() / 100), dpi=100)
    run = controller.record.run

    def frame():
        run.step(1)
        axes.clear()
        axes.contourf(grid_x, grid_y, field.values, levels=CONTOUR_LEVELS, cmap="viridis")
        axes.contour(grid_x, grid_y, field.values, levels=CONTOUR_LEVELS, colors="k", linewidths=0.5)
        if run.n_particles == 1:
            path = run.trajectory(0)
            axes.plot(path[:, 0], path[:, 1], "o-", color="#0072B2")
        else:
            axes.scatter(run.positions[:, 0], run.positions[:, 1], s=8, color="#0072B2")
        figure.canvas.draw()

    elapsed = _time(frame, max(5, frames // 4), warmup=1)
    plt.close(figure)
    return elapsed


def switch_ms(tab: DescentTab, controller: DescentController) -> dict[str, float]:
    controller.apply_state({"particles": 1, "tol": 1e-6, "max_steps": 10_000})
    timings = {}
    for function_id in SWITCH_FUNCTIONS * 2:  # the second round is the one reported (warm caches)
        start = time.perf_counter()
        controller.set_function(function_id)
        tab.grab()
        timings[function_id] = round(1000 * (time.perf_counter() - start), 1)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=40, help="frames timed per case (median reported)")
    frames = parser.parse_args().frames
    app = QApplication.instance() or QApplication([])
    controller, theme = DescentController(), ThemeController()
    tab = DescentTab(controller, theme)
    tab.resize(*SIZE)
    tab.show()
    app.processEvents()
    rows = {}
    map_size = tab.contour_view.plot_widget.size()
    for particles in PARTICLES:
        row = {name: gdgui_frame_ms(tab, controller, particles, frames, widgets)
               for name, widgets in renderings(tab).items()}
        row["matplotlib_ms"] = matplotlib_frame_ms(controller, frames, map_size)
        row["speedup"] = round(row["matplotlib_ms"] / row["map_ms"], 1)
        row["speedup_whole_frame"] = round(row["matplotlib_ms"] / row["frame_ms"], 1)
        rows[str(particles)] = row
    switches = switch_ms(tab, controller)
    print(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "tab_size": SIZE,
                    "map_size": [map_size.width(), map_size.height()]},
        "frame": rows,
        "function_switch_ms": switches,
        "targets": {
            "speedup_at_1000_at_least_10": rows["1000"]["speedup"] >= 10,
            "whole_frame_at_10000_at_most_25_ms": rows["10000"]["frame_ms"] <= 25,
            "function_switch_at_most_100_ms": max(switches.values()) <= 100,
        },
    }, indent=2))


if __name__ == "__main__":
    main()
