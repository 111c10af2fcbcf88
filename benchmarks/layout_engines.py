"""Graphviz's dot against the layered fallback: how long dot takes, and how many wires cross.

Prints JSON, medians of 3 (wall-clock ms, and the process's CPU ms, which other programs on a busy
machine disturb less).  No Qt is drawn: this measures ``gdgui.core.autodiff.layout`` alone.

* ``dot_ms``: dot on generated formulas (``benchmarks/graph_editor.py``'s ``generated_graph``) and
  on the 2-layer net of ``benchmarks/graph_shapes.py`` at 20, 200, 373 and 1,000 nodes, each with its
  ``dot_work`` and the engine ``layout.arrange`` chooses for it;
* ``dot_ms_by_shape``: dot on every shape of ``graph_shapes.py`` and on generated formulas at 200,
  1,000, 2,000 and 5,000 nodes, and on towers ``x^x^…^x``, which is how ``DOT_MAX_WORK`` was chosen
  (a shape's bigger sizes are skipped once one takes over ``GIVE_UP_S``);
* ``crossings_190``: wires crossing wires in a 190-node generated formula, dot against layered, and
  dot with ``ordering=in`` (every gate's wires kept in slot order before mincross: the slot ports of
  ``dot_layout``'s porches keep that order already, and the constraint cost 80 crossings); each route
  sampled as a polyline, two wires that share a node not counted where they meet.

Run: ``python benchmarks/layout_engines.py`` (minutes; ``--quick`` skips ``dot_ms_by_shape``).
"""

from __future__ import annotations

import itertools
import json
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from benchmarks.graph_editor import generated_graph  # noqa: E402
from benchmarks.graph_shapes import SHAPES, mlp, shape  # noqa: E402
from gdgui.core.autodiff import layout  # noqa: E402
from gdgui.core.autodiff.expr import parse  # noqa: E402
from gdgui.core.autodiff.graph_data import graph_from_dict  # noqa: E402
from gdgui.core.autodiff.graph_layout import LayoutSizes  # noqa: E402
from gdgui.core.autodiff.layout import dot_layout, layered  # noqa: E402

REPEATS = 3
GIVE_UP_S = 10.0
SAMPLES = 8  # polyline points per Bézier piece, for counting crossings


def timed(run) -> dict:
    """Median wall-clock and CPU milliseconds of ``REPEATS`` runs."""
    wall, cpu = [], []
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"ms": round(statistics.median(wall), 1), "cpu_ms": round(statistics.median(cpu), 1)}


def dot_ms(graph) -> dict:
    sizes = LayoutSizes.estimate(graph)
    facts = {"nodes": len(graph.nodes), "edges": len(graph.edges()), "work": layout.dot_work(graph),
             "chosen": "dot" if layout.problem(graph) is None else "layered"}
    return facts | timed(lambda: dot_layout.arrange(graph, sizes))


def dot_by_size() -> dict:
    return {size: {"generated": dot_ms(generated_graph(size).graph), "mlp": dot_ms(graph_from_dict(mlp(size)))}
            for size in (20, 200, 373, 1000)}


def graph_of(name: str, size: int):
    if name == "generated":
        return generated_graph(size).graph
    if name == "tower":
        return parse("^".join(["x"] * size))
    return graph_from_dict(shape(name, size))


def dot_by_shape() -> dict:
    result = {}
    for name in (*SHAPES, "generated", "tower"):
        result[name] = {}
        for size in (20, 35, 50, 70, 100) if name == "tower" else (200, 1000, 2000, 5000):
            if any(isinstance(r, dict) and r["ms"] > GIVE_UP_S * 1000 for r in result[name].values()):
                result[name][size] = f"skipped: a smaller size took over {GIVE_UP_S:g} s"
                continue
            result[name][size] = dot_ms(graph_of(name, size))
    return result


def polyline(route) -> np.ndarray:
    points = np.asarray(route, dtype=float)
    t = np.linspace(0.0, 1.0, SAMPLES)[:, None]
    return np.concatenate([points[:1]] + [
        ((1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * c1 + 3 * (1 - t) * t ** 2 * c2 + t ** 3 * p3)[1:]
        for p0, c1, c2, p3 in (points[i:i + 4] for i in range(0, len(points) - 1, 3))])


def _segments_crossing(a: np.ndarray, b: np.ndarray) -> int:
    """Proper crossings between the segments of polylines ``a`` and ``b``."""
    p, r = a[:-1, None, :], (a[1:] - a[:-1])[:, None, :]
    q, s = b[None, :-1, :], (b[1:] - b[:-1])[None, :, :]
    cross = r[..., 0] * s[..., 1] - r[..., 1] * s[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((q - p)[..., 0] * s[..., 1] - (q - p)[..., 1] * s[..., 0]) / cross
        u = ((q - p)[..., 0] * r[..., 1] - (q - p)[..., 1] * r[..., 0]) / cross
    return int(np.sum((cross != 0) & (t > 1e-6) & (t < 1 - 1e-6) & (u > 1e-6) & (u < 1 - 1e-6)))


def crossings(laid) -> int:
    """Crossings between wires, not counting where two wires of one node leave or enter it."""
    wires = {key: polyline(route) for key, route in laid.routes.items() if key is not None}
    count = 0
    for (e, a), (f, b) in itertools.combinations(wires.items(), 2):
        if {e.src, e.dst} & {f.src, f.dst}:  # they meet at a shared node: look only away from it
            a, b = a[1:-1], b[1:-1]
        if a.min(0)[0] <= b.max(0)[0] and b.min(0)[0] <= a.max(0)[0] and a.min(0)[1] <= b.max(0)[1] \
                and b.min(0)[1] <= a.max(0)[1]:
            count += _segments_crossing(a, b)
    return count


def crossings_190() -> dict:
    graph = generated_graph(190).graph
    sizes = LayoutSizes.estimate(graph)
    result = {"nodes": len(graph.nodes), "edges": len(graph.edges()),
              "dot": crossings(dot_layout.arrange(graph, sizes)), "layered": crossings(layered.arrange(graph, sizes))}
    kept = dot_layout.GRAPH_ATTRIBUTES
    dot_layout.GRAPH_ATTRIBUTES = kept | {"ordering": "in"}
    try:
        result["dot_with_ordering_in"] = crossings(dot_layout.arrange(graph, sizes))
    finally:
        dot_layout.GRAPH_ATTRIBUTES = kept
    return result


def main() -> None:
    report = {"python": platform.python_version(), "machine": platform.machine(),
              "dot_max_work": layout.DOT_MAX_WORK, "crossings_190": crossings_190(), "dot_ms": dot_by_size()}
    if "--quick" not in sys.argv:
        report["dot_ms_by_shape"] = dot_by_shape()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
