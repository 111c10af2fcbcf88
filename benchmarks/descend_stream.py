"""`gdgui descend --format csv` streaming: rows per second and peak memory, 1,000 vs 100,000 steps.

Prints JSON, the median of 3 runs of each: the rows written per second (counted on the pipe the
command writes to) and the command's peak resident memory (``ru_maxrss`` of its process, from
``os.wait4``). Memory is bounded by one block of steps, so the 100×-longer run should peak near
the short one; both are measured in the same invocation so the machine is the same.
``--steps A,B`` and ``--random N`` change the comparison, ``--format json`` the output format.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ_BYTES = 1 << 20


def one_run(steps: int, particles: int, fmt: str) -> dict:
    """Rows per second and peak RSS (MB) of one `descend` process writing into a pipe."""
    command = [sys.executable, str(ROOT / "main.py"), "descend", "--function", "himmelblau",
               "--optimizer", "adam", "--lr", "0.01", "--random", str(particles), "--steps", str(steps),
               "--tol", "0", "--format", fmt]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: process.stdout.read(READ_BYTES), b""))
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"descend exited with {process.returncode}")
    rows = lines - (1 if fmt == "csv" else 1 + particles)  # the header; json's settings and outcomes
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds,
            "peak_rss_mb": usage.ru_maxrss / 1024}  # Linux reports kilobytes


def median_of(runs: list[dict]) -> dict:
    return {"rows": runs[0]["rows"],
            **{key: statistics.median(run[key] for run in runs)
               for key in ("seconds", "rows_per_s", "peak_rss_mb")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="1000,100000", help="the two step counts compared")
    parser.add_argument("--random", type=int, default=100, help="particles")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    short, long = (int(s) for s in options.steps.split(","))
    results = {steps: median_of([one_run(steps, options.random, options.format)
                                 for _ in range(options.repeat)]) for steps in (short, long)}
    print(json.dumps({
        "command": f"descend --random {options.random} --tol 0 --format {options.format}",
        "median_of": options.repeat,
        "steps": {str(steps): result for steps, result in results.items()},
        "peak_rss_ratio": results[long]["peak_rss_mb"] / results[short]["peak_rss_mb"],
        "steps_ratio": long / short,
    }, indent=2))


if __name__ == "__main__":
    main()
