"""Python's cyclic garbage collector held back while a whole graph is made.

Opening a 200-node graph makes tens of thousands of Python objects (the document, dot's answer,
the scene's items and their wrappers) that all live on.  Python counts them and runs its collector
every 700 new objects, each run looking at every object made since, and now and then at every
object of the process: 50–80 ms of CPU of a 200-node open went there on a busy machine
(``benchmarks/graph_editor.py``), to free nothing.  Held back until
the graph is in, the collector runs once, at the next allocation after.  Reference counting frees
everything else at once, as always; only cycles wait that long.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collection_paused():
    """No automatic collection inside (nested uses too); as before once the outermost one ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
