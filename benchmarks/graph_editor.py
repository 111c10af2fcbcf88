"""Graph editor speed: layout, first build + render, passes + label refresh, and drag frames.

Prints JSON.  For generated graphs of 20 and 200 nodes (seeded, layered like real
formulas: inputs, then gates over recent values, summed into one output):

* ``layout_ms``: the core's layered layout alone;
* ``open_and_render_ms``: open the graph in the tab (validation, layout, passes, scene
  items, labels) and render the tab once at 1400×850, the targets' "lays out and renders";
* ``passes_and_labels_ms``: change one input (an undoable edit), which reruns forward and
  backward and refreshes every label, then render;
* ``drag_frame_ms``: move one node by a few pixels (its wires follow) and render the view,
  fitted to the whole graph and at 100 % zoom.

Targets: open_and_render ≤ 200 ms for 200 nodes, drag frame ≤ 16 ms.  Offscreen Qt.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from gdgui.controllers.backprop.controller import GraphController  # noqa: E402
from gdgui.controllers.shell.theme import ThemeController  # noqa: E402
from gdgui.core.autodiff import layout  # noqa: E402
from gdgui.core.autodiff.graph import Graph  # noqa: E402
from gdgui.core.autodiff.graph_document import GraphDocument, document_to_dict  # noqa: E402
from gdgui.views.backprop.tab import BackpropTab  # noqa: E402

SIZES = (20, 200)
OPS = ("add", "mul", "tanh", "sin", "sigmoid", "sub")


def generated_graph(size: int, seed: int = 1) -> GraphDocument:
    """``size`` nodes: inputs, gates over the last few values, then a sum tree into one output."""
    rng = random.Random(seed)
    graph = Graph()
    ids = [graph.add_input(f"x{i}") for i in range(max(2, size // 8))]
    while len(graph.nodes) + len(graph.sinks()) - 1 < size:
        op = rng.choice(OPS)
        arity = 2 if op in ("add", "mul", "sub") else 1
        ids.append(graph.add_op(op, [rng.choice(ids[-8:]) for _ in range(arity)]))
    sinks = graph.sinks()
    while len(sinks) > 1:
        sinks = sinks[2:] + [graph.add_op("add", sinks[:2])]
    values = {name: rng.uniform(-1, 1) for name in graph.input_names()}
    return GraphDocument(graph, values)


def median_ms(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def measure(size: int) -> dict:
    doc = generated_graph(size)
    state = document_to_dict(doc)
    result = {"nodes": len(doc.graph.nodes), "edges": len(doc.graph.edges()),
              "layout_ms": median_ms(lambda: layout.layout(doc.graph), 9)}
    theme = ThemeController()

    def open_and_render():
        tab = BackpropTab(GraphController(), theme)
        tab.resize(1400, 850)
        tab.controller.apply_state(state)
        tab.grab()
        tab.deleteLater()

    result["open_and_render_ms"] = median_ms(open_and_render, 5)
    tab = BackpropTab(GraphController(), theme)
    tab.resize(1400, 850)
    tab.show()
    tab.controller.apply_state(state)
    values = iter(range(1000))
    result["passes_and_labels_ms"] = median_ms(
        lambda: (tab.controller.set_input_value("x0", str(next(values) / 100)), tab.view.viewport().grab()), 9)
    result["drag_frame_ms"] = drag_frame_ms(tab)
    tab.view.resetTransform()  # at 100 % every label is drawn, not skipped as too small
    result["drag_frame_ms_at_100_percent_zoom"] = drag_frame_ms(tab)
    tab.close()
    return result


def drag_frame_ms(tab) -> float:
    """A busy node (the most wires) moved a little per frame, then the view rendered."""
    scene = tab.scene
    busiest = max(scene.nodes, key=lambda n: len(scene._wires_of.get(n, ())))
    item = scene.nodes[busiest]
    start = item.pos()
    tab.view.centerOn(item)
    steps = iter(range(10_000))

    def frame():
        step = next(steps)
        item.setPos(start.x() + 3 * (step % 20), start.y() + 2 * (step % 7))
        tab.view.viewport().grab()

    return median_ms(frame, 30)


def main() -> None:
    app = QApplication.instance() or QApplication([])  # noqa: F841 - Qt needs it alive
    report = {"python": platform.python_version(), "machine": platform.machine(),
              "graphs": [measure(size) for size in SIZES],
              "targets": {"open_and_render_ms_200_nodes": 200, "drag_frame_ms": 16}}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
