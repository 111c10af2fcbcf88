"""Start-up time: process start → main window painted (offscreen), and `python main.py list`.

Prints JSON with the median of 5 runs of each. Targets on the project's 2-core machine:
window ≤ 1.5 s, `list` ≤ 0.4 s (it must not import Qt). Each run is a fresh process, so
imports, the QApplication, both tabs and the first paint are all counted.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAIN = str(ROOT / "main.py")
RUNS = 5
TARGETS_S = {"window": 1.5, "list": 0.4}

# Runs main() as `python main.py` does, and reports the wall clock at the main window's first paint.
FIRST_PAINT = """
import sys, time
from gdgui import app, gui

def report_first_paint(gui_builder):
    def build(*args, **kwargs):
        parts = gui_builder(*args, **kwargs)
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication

        class Watcher(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and watched is parts.window:
                    print(f"PAINTED {time.time():.6f}", flush=True)
                    QTimer.singleShot(0, QApplication.quit)
                    watched.removeEventFilter(self)
                return False

        parts.window._paint_watcher = Watcher()
        parts.window.installEventFilter(parts.window._paint_watcher)
        return parts
    return build

gui.build_gui = report_first_paint(gui.build_gui)
sys.exit(app.main([]))
"""


def _environment() -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def window_seconds() -> float:
    start = time.time()
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT], env=_environment(), cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    painted = [line for line in result.stdout.splitlines() if line.startswith("PAINTED ")]
    if result.returncode != 0 or not painted:
        raise RuntimeError(f"the window run failed: {result.stderr[-2000:]}")
    return float(painted[0].split()[1]) - start


def list_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, MAIN, "list"], env=_environment(), cwd=ROOT, check=True,
                   capture_output=True, timeout=60)
    return time.perf_counter() - start


def main() -> None:
    window_seconds()  # warm the file cache once; the medians measure warm starts
    medians = {"window": statistics.median(window_seconds() for _ in range(RUNS)),
               "list": statistics.median(list_seconds() for _ in range(RUNS))}
    print(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "runs": RUNS,
        "median_seconds": {name: round(value, 3) for name, value in medians.items()},
        "targets_seconds": TARGETS_S,
        "within_targets": all(medians[name] <= TARGETS_S[name] for name in TARGETS_S),
    }, indent=2))


if __name__ == "__main__":
    main()
