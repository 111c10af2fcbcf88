"""Issue 15's evidence that a race plays without stutter: the real window recorded, and a GIF; prints JSON.

A virtual X screen (Xvfb with ``-fbdir``: its screen is a live XWD file) and a window manager; the
app started on a race (4 optimizers on Himmelblau, γ 0.01, at ``--speed`` 60: a saved session, as
the command line sets no speed; or the app arguments given after ``--``), Space pressed in its
window; then a copy of the whole screen every ``--period`` seconds for ``--seconds``. Printed: how
many grabs, how many were identical to the one before (a frame the app did not paint in time shows
as a repeat), the intervals between grabs. Written: the part of the
screen ``--crop`` as a GIF at ``--scale``, one palette shared by every frame (the app's GIF export's
``shared_palette``: the optimizers' colours exact, the rest from the first, middle and last grab).
Needs Xvfb, openbox and xdotool.

    python benchmarks/race_recording.py OUT.gif [--seconds S] [--period P] [--crop L,T,R,B] [--scale F] [-- APP ARGS]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gdgui.core.descent.settings import DescentSettings  # noqa: E402
from gdgui.core.files.session import Session, save_session  # noqa: E402
from gdgui.views.descent.gif_export import shared_palette  # noqa: E402

SCREEN = (1600, 1000)
RACE = {"function": "himmelblau", "optimizers": ["gd", "momentum", "adam", "rmsprop"], "lr": 0.01,
        "start": [-0.5, -4.5], "particles": 1, "tol": 0.0, "max_steps": 10_000}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gif", help="the GIF to write")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--period", type=float, default=0.04, help="seconds between grabs")
    parser.add_argument("--crop", default="530,90,1568,975", help="the part of the screen kept: map and loss plots")
    parser.add_argument("--scale", type=float, default=0.6)
    parser.add_argument("--speed", type=int, default=60, help="the speed box's steps per second")
    parser.add_argument("app", nargs="*", help="app arguments after --, instead of the race")
    return parser.parse_args()


def _race_session(folder: Path, speed: int) -> str:
    """The race as a session file (the app's own format), at ``speed`` steps a second."""
    path = folder / "race.gdgui"
    save_session(Session(DescentSettings().updated({**RACE, "speed": speed}).to_dict()), path)
    return str(path)


def _record(app_args: list[str], seconds: float, period: float) -> list[tuple[float, bytes]]:
    """(time, XWD bytes) of the screen every ``period`` while the app plays."""
    framebuffer, display = tempfile.mkdtemp(), f":{random.randint(100, 900)}"
    screen = f"{SCREEN[0]}x{SCREEN[1]}x24"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", screen, "-fbdir", framebuffer, "-nolisten", "tcp"],
                              stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    time.sleep(1)
    manager = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *app_args], env=env)
    try:
        window = subprocess.run(["xdotool", "search", "--sync", "--limit", "1", "--pid", str(app.pid)], env=env,
                                capture_output=True, text=True, timeout=60).stdout.split()[0]
        time.sleep(5)  # the first paints and the minima search settle
        subprocess.run(["xdotool", "windowactivate", "--sync", window], env=env)
        subprocess.run(["xdotool", "key", "space"], env=env)
        return _grabs(Path(framebuffer) / "Xvfb_screen0", seconds, period)
    finally:
        for process in (app, manager, server):
            process.kill()


def _grabs(screen_file: Path, seconds: float, period: float) -> list[tuple[float, bytes]]:
    grabs, start = [], time.perf_counter()
    while (now := time.perf_counter() - start) < seconds:
        grabs.append((now, screen_file.read_bytes()))
        time.sleep(max(0.0, period - (time.perf_counter() - start - now)))
    return grabs


def _image(xwd: bytes) -> Image.Image:
    """An XWD screen dump (Xvfb's 24-bit TrueColor) as an RGB image."""
    def word(offset):
        return int.from_bytes(xwd[offset:offset + 4], "big")
    header, width, height, line, colours = word(0), word(16), word(20), word(48), word(76)
    start = header + 12 * colours
    pixels = xwd[start:start + line * height]
    return Image.frombuffer("RGBX", (width, height), pixels, "raw", "BGRX", line, 1).convert("RGB")


def _save_gif(frames: list[Image.Image], path: str, period: float) -> None:
    """One palette for every frame, the app's own GIF export's (the optimizers' colours exact)."""
    palette = shared_palette([np.asarray(frames[k]) for k in (0, len(frames) // 2, -1)])
    shared = [frame.quantize(palette=palette, dither=Image.Dither.NONE) for frame in frames]
    shared[0].save(path, save_all=True, append_images=shared[1:], duration=round(1000 * period), loop=0, optimize=True)


def main() -> None:
    options = _arguments()
    with tempfile.TemporaryDirectory() as folder:
        app_args = options.app or [_race_session(Path(folder), options.speed)]
        grabs = _record(app_args, options.seconds, options.period)
    box = tuple(int(v) for v in options.crop.split(","))
    frames = [_image(data).crop(box) for _, data in grabs]
    repeats = sum(ImageChops.difference(a, b).getbbox() is None for a, b in zip(frames, frames[1:]))
    size = (round((box[2] - box[0]) * options.scale), round((box[3] - box[1]) * options.scale))
    _save_gif([frame.resize(size, Image.Resampling.BILINEAR) for frame in frames], options.gif, options.period)
    gaps = [1000 * (b - a) for (a, _), (b, _) in zip(grabs, grabs[1:])]
    print(json.dumps({"grabs": len(frames), "identical_to_the_one_before": repeats,
                      "target": "0 (every grab shows a new frame)", "met": repeats == 0,
                      "ms_between_grabs": {"median": round(statistics.median(gaps), 1), "max": round(max(gaps), 1)},
                      "played": options.app or f"a race of 4 on Himmelblau at speed {options.speed}",
                      "gif": options.gif, "gif_bytes": os.path.getsize(options.gif)}, indent=1))


if __name__ == "__main__":
    main()
