"""Memory of a long animation: 100,000 steps at speed 1,000, timer-driven, drawn as the app draws.

Prints JSON: resident memory (VmRSS) growth from step 1,000 to the end, the bytes the run's
trajectory must keep (3 optimizers × 5 floats a step), frames drawn, wall and processor time, the steps per
second and milliseconds per frame the app delivered. Target: growth < 50 MB (the drawing is
decimated; the data is kept).

How long it takes is 100,000 steps ÷ the steps per second the app delivers: 100 s if it keeps up
with the speed box (1,000 steps/s). Each timer beat takes as many steps as the time since the last
beat asks for (at most ``CATCH_UP_S``, 0.1 s, of them), and stops at the beat's deadline when the
steps leave too little of a 60 Hz frame to draw (``controllers/descent/pacing.py``; it steps at least
5 ms a beat). A 3-optimizer race's steps are cheap (~0.2 ms for 16), so on a machine with a free core
it keeps up; on a busy one it delivers fewer steps a second (``steps_per_s`` in the JSON;
``cpu_seconds`` says how much of the run was this process's own work). Before that deadline existed,
the 2-core machine of issue 15 with 7 other processes busy (load average 7) took 462 s at 214 steps/s.
``--steps N`` runs a shorter animation (the memory target then says less).

    python benchmarks/long_run.py [--steps N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdgui import gui as composition  # noqa: E402
from gdgui.core.descent.allocator import tune_allocator  # noqa: E402

STEPS = 100_000
TARGET_MB = 50
# Ackley with tol 0: momentum and Adam circle the kink at the centre and never stop early.
STATE = {"function": "ackley", "optimizers": ["gd", "momentum", "adam"], "lr": 0.02, "start": [-1.5, 0.5],
         "tol": 0, "max_steps": STEPS, "speed": 1000}


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=STEPS, help=f"steps to animate (default {STEPS:,})")
    steps = parser.parse_args().steps
    if steps <= 1000:
        parser.error("--steps must be more than the 1,000 steps taken before the clock starts")
    tune_allocator()  # as the app does
    qt = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "gdgui-bench.ini"), QSettings.Format.IniFormat)
    state = {**STATE, "max_steps": steps}
    gui = composition.build_gui(descent_state=state, settings=settings, remember=False, warn=False)
    gui.window.resize(1600, 1000)
    gui.window.show()
    frames = [0]
    gui.descent.frame_changed.connect(lambda frame: frames.__setitem__(0, frames[0] + 1))
    gui.descent.step(1000)
    qt.processEvents()
    before, start, cpu_start = resident_mb(), time.perf_counter(), time.process_time()
    frames[0] = 0
    gui.descent.play()
    finished = QTimer(interval=200)
    finished.timeout.connect(lambda: None if gui.descent.playing else qt.quit())
    finished.start()
    qt.exec()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    growth = resident_mb() - before
    record = gui.descent.record
    print(json.dumps({
        "steps": record.latest, "frames_drawn": frames[0],
        "seconds": round(seconds, 1), "cpu_seconds": round(cpu_seconds, 1),
        "steps_per_s": round((record.latest - 1000) / seconds), "ms_per_frame": round(1000 * seconds / frames[0], 1),
        "rss_growth_mb": round(growth, 1),
        "trajectory_mb": round(record.run.history.nbytes / 2**20, 1),
        "target_mb": TARGET_MB, "within_target": growth < TARGET_MB,
    }, indent=2))


if __name__ == "__main__":
    main()
