"""The one wall-clock median the benchmarks print: milliseconds, median of ``REPEATS`` runs."""

from __future__ import annotations

import statistics
import time

REPEATS = 3


def median_ms(run, repeats: int = REPEATS, digits: int = 1) -> float:
    """Median wall-clock time of ``run()`` over ``repeats`` calls, in ms rounded to ``digits``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), digits)
