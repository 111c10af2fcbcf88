"""How work grows with input size, counted rather than timed (tests never assert wall-clock times)."""

import sys


def lines_run(action) -> int:
    """Python lines executed by ``action()``: loop and comprehension bodies count once per turn,
    so linear work doubles with the input and a per-item scan of everything quadruples."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(None)
    return count
