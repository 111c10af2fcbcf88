"""The minima search of a typed formula: its time on a 200×200 lattice of descent starts.

Prints JSON: per formula the median of 3 searches in ms and what was found. Target on the
project's 2-core machine: under 500 ms for each formula (the app runs it on a worker thread,
once per formula and domain). The load average at the start says how busy the machine was.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import REPEATS, median_ms  # noqa: E402
from gdgui.core.descent.functions import objective_from_expr  # noqa: E402
from gdgui.core.descent.stationary import MAXIMUM, MINIMUM, SADDLE, SEARCH_GRID, stationary_points  # noqa: E402

TARGET_MS = 500
FORMULAS = {
    "quartic": ("x^4 - 3*x^2 + y^2", None),
    "abs(x)+abs(y)": ("abs(x) + abs(y)", None),
    "rosenbrock typed": ("(1 - x)^2 + 100*(y - x^2)^2", (-2, 2, -1, 3)),
    "himmelblau typed": ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", None),
}


def measure(text: str, domain) -> dict:
    objective = objective_from_expr(text, domain)
    found = stationary_points(objective)
    ms = median_ms(lambda: stationary_points(objective))
    return {"formula": text, "domain": list(objective.domain), "median_ms": ms, "under_target": ms < TARGET_MS,
            **{kind: len(found.of_kind(kind)) for kind in (MINIMUM, SADDLE, MAXIMUM)},
            "non_smooth": sum(not p.smooth for p in found.points)}


def main() -> None:
    report = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "load_average_at_start": os.getloadavg()[0], "grid": f"{SEARCH_GRID}x{SEARCH_GRID}",
              "repeats": REPEATS, "target_ms": TARGET_MS,
              "searches": {name: measure(*formula) for name, formula in FORMULAS.items()}}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
