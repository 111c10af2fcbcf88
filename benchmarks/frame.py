"""Issue 15's figures for the Descent tab's animation, each beside its target; prints JSON.

Two kinds of figure, in a 1600×1000 window (Himmelblau, tolerance 0, so no particle stops):

- **played**: the app as a student runs it. The controller's own timer plays for a few seconds at a
  speed; counted are the frames the map's viewport actually *painted* (an event filter on its paint
  events), the paints of the loss plots and of the map's toolbar buttons (more than one per frame
  means double paints or neighbours repainted), and the steps the run advanced against the speed box.
  Cases: a 4-optimizer race (GD, momentum, Adam, RMSprop) at speeds 60 and 1,000, swarms of 1,000
  and 10,000 particles at speed 1,000. Beside each frame rate, the app's CPU time a painted frame
  (``cpu_ms_per_frame``): wall-clock figures move with the machine's load (``load_average_1min``,
  before and after the runs). Where the steps are too dear to take them all and still draw 60 frames
  a second (10,000 particles on a slow computer), a beat's batch ends at a deadline and the run plays
  slower: beside that figure, the steps a second it kept and the pace the sidebar showed
  (``pace_shown``, 0: none). A run that ends before the seconds are up is played again from step 0
  (``plays``): a 10,000 swarm records 500 steps (``RECORD_BUDGET``), half a second at speed 1,000.
- **timed**: one frame — advance every particle one step, then render with ``grab()`` the map alone
  (``map_ms``) or everything a frame repaints (``frame_ms``: map, loss plots, transport bar, status)
  — against the same picture drawn with matplotlib (clear the axes, filled contour and contour lines
  of the precomputed grid, the points or paths, ``canvas.draw()`` with Agg, at the map's size).

Every figure is the median of ``--repeats`` runs (3), a ratio to matplotlib the median of the runs'
ratios; the runs themselves are listed too.
Offscreen by default; ``--display`` runs in a real X window: on $DISPLAY, or under ``xvfb-run``
(a 1600×1000 virtual screen) when there is none — offscreen figures hide a window's double paints.
Also timed: switching function (new grid, colours, contour lines, redraw).

    python benchmarks/frame.py [--display] [--seconds S] [--frames N] [--repeats R]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

WINDOW = (1600, 1000)
RACE = ["gd", "momentum", "adam", "rmsprop"]
SWITCH_FUNCTIONS = ("quadratic", "easom", "himmelblau", "ackley", "rosenbrock", "rastrigin")
FRAME_BUDGET_MS = 1000 / 60


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", action="store_true", help="a real X window ($DISPLAY, else xvfb-run)")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds each played case runs")
    parser.add_argument("--frames", type=int, default=30, help="frames timed per timed case (median taken)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of every figure (median reported)")
    return parser.parse_args()


def _platform(display: bool) -> str:
    """Set up Qt's platform; with --display and no $DISPLAY, run again under xvfb-run."""
    if not display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen"
    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            sys.exit("frame.py: --display needs $DISPLAY or xvfb-run (apt-get install xvfb)")
        screen = f"-screen 0 {WINDOW[0] + 100}x{WINDOW[1] + 100}x24"
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", screen, sys.executable, *sys.argv])
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return f"xcb on {os.environ['DISPLAY']}"


ARGS = _arguments()
PLATFORM = _platform(ARGS.display)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib  # noqa: E402
import PySide6.QtWidgets  # noqa: E402,F401 — before pyqtgraph, so it binds to PySide6

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402

from gdgui.controllers.descent.controller import DescentController  # noqa: E402
from gdgui.controllers.shell.theme import ThemeController  # noqa: E402
from gdgui.core.descent.allocator import tune_allocator  # noqa: E402
from gdgui.core.descent.field import CONTOUR_LEVELS, sample_field  # noqa: E402
from gdgui.gui import serial_painting  # noqa: E402
from gdgui.views.descent.tab import DescentTab  # noqa: E402


def _state(particles: int, optimizers: list[str]) -> dict:
    return {"function": "himmelblau", "optimizers": optimizers, "lr": 0.001, "start": [0, 0],
            "particles": particles, "tol": 0, "max_steps": 1_000_000}


def _median(values: list[float], digits: int = 2) -> float:
    return round(statistics.median(values), digits)


# ----- played: the controller's timer, frames painted --------------------------------------------

class PaintCounter(QObject):
    """Counts paint events per named group of widgets."""

    def __init__(self, groups: dict[str, list]):
        super().__init__()
        self.counts = dict.fromkeys(groups, 0)
        self._group_of = {}
        for name, widgets in groups.items():
            for widget in widgets:
                self._group_of[widget] = name
                widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.Paint and watched in self._group_of:
            self.counts[self._group_of[watched]] += 1
        return False

    def remove(self) -> None:
        for widget in self._group_of:
            widget.removeEventFilter(self)


def _watched(tab: DescentTab) -> dict[str, list]:
    view = tab.contour_view
    return {"map": [view.plot_widget.viewport()],
            "loss_plots": [tab.loss_view.loss_plot.viewport(), tab.loss_view.grad_plot.viewport()],
            "map_buttons": [b for b in view.findChildren(QAbstractButton) if b.isVisible()],
            "transport_neighbours": [tab.transport.timeline, *tab.transport.findChildren(QAbstractButton)],
            "step_label": [tab.transport.step_label], "status": [tab.status_label]}


def played(app, tab: DescentTab, controller: DescentController, state: dict, speed: int, seconds: float) -> dict:
    """Play from step 0 at ``speed`` for ``seconds``: frames painted, steps made. A run that ends sooner
    (a 10,000 swarm records at most RECORD_BUDGET / 10,000 = 500 steps) is played again from step 0
    until the seconds are used; the resets between are not timed."""
    controller.apply_state({**state, "speed": speed})
    total = {"elapsed": 0.0, "cpu": 0.0, "steps": 0, "frames": 0, "pace": 0.0, "plays": 0,
             "counts": dict.fromkeys(_watched(tab), 0)}
    while total["elapsed"] < 0.95 * seconds:
        once = _play_once(app, tab, controller, seconds - total["elapsed"])
        for key in ("elapsed", "cpu", "steps", "frames"):
            total[key] += once[key]
        for group, paints in once["counts"].items():
            total["counts"][group] += paints
        total["pace"], total["plays"] = once["pace"] or total["pace"], total["plays"] + 1
        if not once["steps"]:
            break  # nothing moves: another play would not either
    return _played_figures(total)


def _play_once(app, tab: DescentTab, controller: DescentController, seconds: float) -> dict:
    """One play from step 0 for at most ``seconds``, until the run ends or the time is up."""
    controller.reset()
    for _ in range(5):
        app.processEvents()
    counter = PaintCounter(_watched(tab))
    frames, paces = [0], [0.0]
    loop = QEventLoop()

    def on_frame(_):
        frames[0] += 1

    def on_pace(pace):  # the last pace shown before the run ends (its end clears it)
        paces[0] = pace or paces[0]

    def on_playing(playing):
        if not playing:
            loop.quit()

    controller.frame_changed.connect(on_frame)
    controller.playing_changed.connect(on_playing)
    controller.pace_changed.connect(on_pace)
    QTimer.singleShot(round(1000 * seconds), loop.quit)
    start, cpu = time.perf_counter(), time.process_time()
    controller.play()
    loop.exec()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    controller.pause()
    steps = controller.frame.step
    app.processEvents()
    counter.remove()
    controller.frame_changed.disconnect(on_frame)
    controller.playing_changed.disconnect(on_playing)
    controller.pace_changed.disconnect(on_pace)
    return {"elapsed": elapsed, "cpu": cpu, "steps": steps, "frames": frames[0], "pace": paces[0],
            "counts": counter.counts}


def _played_figures(total: dict) -> dict:
    counts, elapsed = total["counts"], total["elapsed"]
    painted = counts["map"]
    return {"fps": painted / elapsed, "ms_per_frame": 1000 * elapsed / max(1, painted),
            "cpu_ms_per_frame": 1000 * total["cpu"] / max(1, painted),
            "steps_per_s": total["steps"] / elapsed, "frames_emitted": total["frames"], "frames_painted": painted,
            "loss_plot_paints_per_frame": counts["loss_plots"] / 2 / max(1, painted),
            "map_button_paints": counts["map_buttons"], "step_label_paints": counts["step_label"],
            "transport_neighbour_paints": counts["transport_neighbours"],
            "status_paints": counts["status"], "seconds": elapsed, "plays": total["plays"],
            "pace_shown": total["pace"]}


# ----- timed: one frame rendered with grab(), against matplotlib ----------------------------------

def _time_ms(action, frames: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(frames):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return 1000 * statistics.median(samples)


def frame_ms(tab: DescentTab, controller: DescentController, state: dict, frames: int, widgets: list) -> float:
    controller.apply_state(state)
    controller.reset()

    def frame():
        controller.step()
        for widget in widgets:
            widget.grab()

    return _time_ms(frame, frames)


def matplotlib_frame_ms(controller: DescentController, frames: int, size) -> float:
    """The same picture, redrawn from scratch with matplotlib as students usually write it."""
    field = sample_field(controller.map_data.objective)
    grid_x, grid_y = np.meshgrid(field.xs, field.ys)
    figure, axes = plt.subplots(figsize=(size.width() / 100, size.height() / 100), dpi=100)
    run = controller.record.run

    def frame():
        run.step(1)
        axes.clear()
        axes.contourf(grid_x, grid_y, field.values, levels=CONTOUR_LEVELS, cmap="viridis")
        axes.contour(grid_x, grid_y, field.values, levels=CONTOUR_LEVELS, colors="k", linewidths=0.5)
        if controller.settings.swarm:
            axes.scatter(run.positions[:, 0], run.positions[:, 1], s=8, color="#0072B2")
        else:
            for k in range(run.n_particles):
                path = run.trajectory(k)
                axes.plot(path[:, 0], path[:, 1], "o-")
        figure.canvas.draw()

    elapsed = _time_ms(frame, max(5, frames // 3), warmup=1)
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


# ----- the figures ------------------------------------------------------------------------------

PLAYED = {"race_speed_60": (RACE, 1, 60), "race_speed_1000": (RACE, 1, 1000),
          "swarm_1000_speed_1000": (["gd"], 1000, 1000), "swarm_10000_speed_1000": (["gd"], 10_000, 1000)}


def measure_once(app, tab, controller) -> dict:
    result = {}
    for name, (optimizers, particles, speed) in PLAYED.items():
        result[name] = played(app, tab, controller, _state(particles, optimizers), speed, ARGS.seconds)
    map_widget = tab.contour_view.plot_widget
    whole = [map_widget, tab.loss_view, tab.transport, tab.status_label]
    for name, (optimizers, particles) in {"race": (RACE, 1), "swarm_1000": (["gd"], 1000),
                                          "swarm_10000": (["gd"], 10_000)}.items():
        state = _state(particles, optimizers)
        row = {"map_ms": frame_ms(tab, controller, state, ARGS.frames, [map_widget]),
               "frame_ms": frame_ms(tab, controller, state, ARGS.frames, whole)}
        row["matplotlib_ms"] = matplotlib_frame_ms(controller, ARGS.frames, map_widget.size())
        result[f"timed_{name}"] = row
    return result


def _combine(runs: list[dict]) -> dict:
    """Every number of the runs as {"median": m, "runs": [...]}."""
    combined = {}
    for key, value in runs[0].items():
        if isinstance(value, dict):
            combined[key] = _combine([run[key] for run in runs])
        else:
            values = [run[key] for run in runs]
            combined[key] = {"median": _median(values), "runs": [round(v, 2) for v in values]}
    return combined


# What issue 15 measured when it was filed ("figures beside today's"), where it gave a number (its race
# then had 3 optimizers).
WHEN_FILED = {"race_4_optimizers_fps": 28, "race_steps_per_s_at_speed_60": 39,
              "swarm_1000_steps_per_s_at_speed_1000": 600, "swarm_10000_ms_per_frame_played": 58,
              "whole_frame_1000_vs_matplotlib": 5.1, "map_1000_vs_matplotlib": 12}


def _figure(value: float, target: str, met: bool, **extra) -> dict:
    return {"value": round(value, 2), "target": target, "met": bool(met), **extra}


def _beside_filed(figures: dict) -> dict:
    """Each figure with the issue's own measurement of it, where the issue gave one."""
    return {name: {**figure, **({"when_filed": WHEN_FILED[name]} if name in WHEN_FILED else {})}
            for name, figure in figures.items()}


def figures(c: dict) -> dict:
    def m(case, key):
        return c[case][key]["median"]

    def steps(case, speed):
        value = m(case, "steps_per_s")
        return _figure(value, f"{speed} steps/s ± 5 %", abs(value - speed) <= 0.05 * speed, asked=speed)

    def fps(case):  # the app's own CPU time a painted frame beside it: wall figures drift with the machine's load
        value = m(case, "fps")
        return _figure(value, "≥ 55", value >= 55, cpu_ms_per_frame=m(case, "cpu_ms_per_frame"))

    def against_matplotlib(key):  # per run: the two timed seconds apart; across runs the machine's speed drifts
        ratios = [mpl / ours for mpl, ours in zip(c["timed_swarm_1000"]["matplotlib_ms"]["runs"],
                                                  c["timed_swarm_1000"][key]["runs"])]
        return _median(ratios), [round(r, 2) for r in ratios]

    whole, whole_runs = against_matplotlib("frame_ms")
    map_alone, map_runs = against_matplotlib("map_ms")
    return {
        "race_4_optimizers_fps": fps("race_speed_1000"),
        "race_4_optimizers_fps_at_speed_60": fps("race_speed_60"),
        "swarm_1000_fps": fps("swarm_1000_speed_1000"),
        "race_steps_per_s_at_speed_60": steps("race_speed_60", 60),
        "race_steps_per_s_at_speed_1000": steps("race_speed_1000", 1000),
        "swarm_1000_steps_per_s_at_speed_1000": steps("swarm_1000_speed_1000", 1000),
        "swarm_10000_ms_per_frame_played": _figure(
            m("swarm_10000_speed_1000", "ms_per_frame"), "≤ 16.7",
            m("swarm_10000_speed_1000", "ms_per_frame") <= FRAME_BUDGET_MS,
            steps_per_s=m("swarm_10000_speed_1000", "steps_per_s"), asked=1000,
            pace_shown=m("swarm_10000_speed_1000", "pace_shown")),
        "swarm_10000_ms_per_frame_timed": _figure(m("timed_swarm_10000", "frame_ms"), "≤ 16.7",
                                                  m("timed_swarm_10000", "frame_ms") <= FRAME_BUDGET_MS),
        "whole_frame_1000_vs_matplotlib": _figure(whole, "≥ 10×", whole >= 10, runs=whole_runs),
        "map_1000_vs_matplotlib": _figure(map_alone, "(no target: the issue measured 12×)", True, runs=map_runs),
    }


def main() -> None:
    tune_allocator()  # as the app does before its window: big freed arrays stay in the process
    serial_painting()  # as the app does: Qt's fills stay on the GUI thread
    app = QApplication.instance() or QApplication([])
    controller, theme = DescentController(), ThemeController()
    tab = DescentTab(controller, theme)
    tab.resize(*WINDOW)
    tab.show()
    for _ in range(10):
        app.processEvents()
    gc.freeze()  # as gui.run does once the window is up: no later collection walks what start-up made
    load_before = os.getloadavg()
    runs = [measure_once(app, tab, controller) for _ in range(ARGS.repeats)]
    combined = _combine(runs)
    switches = switch_ms(tab, controller)
    map_size = tab.contour_view.plot_widget.size()
    print(_compact(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": PLATFORM,
                    "window": WINDOW, "map_size": [map_size.width(), map_size.height()],
                    "repeats": ARGS.repeats, "seconds_per_played_case": ARGS.seconds,
                    "load_average_1min": [round(load_before[0], 2), round(os.getloadavg()[0], 2)]},
        "figures": _beside_filed(figures(combined)),
        "function_switch_ms": {**switches, "target": "≤ 100", "met": max(switches.values()) <= 100,
                               "when_filed": "94–150"},
        "details": combined,
    }, indent=1, ensure_ascii=False)))


def _compact(text: str) -> str:
    """The JSON with every innermost object and list on one line."""
    def one_line(match: re.Match) -> str:
        joined = re.sub(r"\s*\n\s*", " ", match.group(0))
        return joined.replace("[ ", "[").replace(" ]", "]").replace("{ ", "{").replace(" }", "}")
    return re.sub(r"\{[^{}]*\}", one_line, re.sub(r"\[[^\[\]{}]*\]", one_line, text))

if __name__ == "__main__":
    main()
