"""The one wall-clock median the benchmarks print: milliseconds, median of ``REPEATS`` runs."""

from __future__ import annotations

import statistics
import time

REPEATS = 3


def median_ms(run, repeats: int = REPEATS, digits: int = 1, clock=time.perf_counter) -> float:
    """Median wall-clock time of ``run()`` over ``repeats`` calls, in ms rounded to ``digits``
    (``clock=time.process_time``: the processor time, which other busy processes stretch less)."""
    times = []
    for _ in range(repeats):
        start = clock()
        run()
        times.append((clock() - start) * 1000)
    return round(statistics.median(times), digits)
