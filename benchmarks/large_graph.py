"""Opening large graph files: the old quadratic way against the new one, measured in the same run.

Prints JSON, medians of 3.  Graphs come from ``benchmarks/graph_shapes.py`` (no positions, so
opening needs a layout):

* ``load_ms``: read + validate + build a graph file (``load_document``) per shape and size; ``old``
  wires every edge through ``Graph.connect``, whose cycle check walks the source's ancestors
  (reconstructed here), ``new`` builds every edge at once and checks the whole graph once;
* ``layout_ms``: the 2-layer net's layered layout (what graphs too big for Graphviz get), ``old``
  finding each constant's first user by scanning every node (reconstructed), ``new`` through
  ``Graph.users``;
* ``layout_ms_small``: the layout alone for small graphs (Graphviz's dot), which is why graphs under
  ``WORKER_NODES`` stay synchronous (``benchmarks/layout_engines.py`` compares the two engines);
* ``open_ms``: open the 2-layer net in the Backprop tab until it is painted (load + first layout +
  passes + scene + first paint), ``old`` all synchronous with both reconstructions, ``new`` as the
  app does it (layout on the worker above ``WORKER_NODES``);
* ``longest_gui_stall_ms``: while the 5,000-node net opens and is drawn, the longest gap between two
  ticks of a 5-ms timer on the GUI thread, i.e. the longest time the window could not answer;
  ``old`` also draws the scene at once, rewrites every label and fills the whole chain-rule panel;
* ``step_ms``: one walkthrough step (Page Down) at 5,000 nodes, scene and panels included, the
  median of 20 steps in the backward pass.

``--drawing`` measures only the last two (a minute).

Offscreen Qt.  Run: ``python benchmarks/large_graph.py`` (a few minutes; ``--quick`` for 1,000 only).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.graph_shapes import SHAPES, shape  # noqa: E402
from benchmarks.stall_watch import StallWatch  # noqa: E402
from benchmarks.timing import REPEATS, median_ms  # noqa: E402
from gdgui.controllers.backprop import expressions as expressions_module  # noqa: E402
from gdgui.controllers.backprop.controller import GraphController  # noqa: E402
from gdgui.controllers.shell.theme import ThemeController  # noqa: E402
from gdgui.core.autodiff import graph_data, layout  # noqa: E402
from gdgui.core.autodiff.graph import Graph  # noqa: E402
from gdgui.core.autodiff.layout import layered  # noqa: E402
from gdgui.core.files.graph_files import load_document  # noqa: E402
from gdgui.views.backprop import graph_scene, panels, scene_labels  # noqa: E402
from gdgui.views.backprop.tab import BackpropTab  # noqa: E402

SIZES = (1000, 2000, 5000)



# ----- the old way, reconstructed ------------------------------------------------------------------
def _old_build(entries: list, output) -> Graph:
    """Before: nodes one by one, then every edge through ``connect`` (a walk over ancestors each)."""
    graph = Graph()
    for entry in entries:
        pos = tuple(entry["pos"]) if entry.get("pos") is not None else None
        if entry["kind"] == "input":
            graph.add_input(entry["name"], entry["id"], pos)
        elif entry["kind"] == "const":
            graph.add_const(entry["value"], entry["id"], pos)
            graph.nodes[entry["id"]].name = entry.get("name")
    for entry in entries:
        if entry["kind"] == "op":
            graph.add_op(entry["op"], [None] * len(entry["args"]), entry["id"],
                         tuple(entry["pos"]) if entry.get("pos") is not None else None)
    for entry in entries:
        for slot, src in enumerate(entry.get("args", [])):
            if src is not None:
                graph.connect(src, entry["id"], slot)
    graph.output_id = output
    return graph


def _old_beside_sibling(graph, const_id, users, ys, row_gap):
    """Before: each constant scanned every node for its first user."""
    for user in graph.nodes.values():
        if const_id in user.args:
            slot = user.args.index(const_id)
            siblings = [ys[a] for a in user.args if a in ys and a != const_id]
            side = -1.0 if slot < len(user.args) / 2 - 0.5 else 1.0
            if siblings:
                return sum(siblings) / len(siblings) + side * row_gap
    return 0.0


_new_refresh = scene_labels.LabelsMixin.refresh_labels


def _old_refresh(scene) -> None:
    """Before: every label rewritten at every step."""
    scene._texts_key = None
    _new_refresh(scene)


@contextmanager
def old_way():
    saved = (graph_data._build, layered._beside_sibling, expressions_module.WORKER_NODES,
             graph_scene.SLICED_NODES, panels.SHOWN_LINES)
    graph_data._build, layered._beside_sibling = _old_build, _old_beside_sibling
    expressions_module.WORKER_NODES = 10**9  # everything synchronous, as before
    graph_scene.SLICED_NODES = panels.SHOWN_LINES = 10**9  # drawn at once, every line in the panel
    scene_labels.LabelsMixin.refresh_labels = _old_refresh
    try:
        yield
    finally:
        (graph_data._build, layered._beside_sibling, expressions_module.WORKER_NODES,
         graph_scene.SLICED_NODES, panels.SHOWN_LINES) = saved
        scene_labels.LabelsMixin.refresh_labels = _new_refresh


def old_and_new(run) -> dict:
    with old_way():
        old = run()
    return {"old": old, "new": run()}


# ----- measurements --------------------------------------------------------------------------------
def write(folder: Path, name: str, size: int) -> Path:
    path = folder / f"{name}-{size}.json"
    path.write_text(json.dumps(shape(name, size)))
    return path


def load_ms(folder: Path, sizes) -> dict:
    return {name: {size: old_and_new(lambda p=write(folder, name, size): median_ms(lambda: load_document(p)))
                   for size in sizes} for name in SHAPES}


def layout_ms(folder: Path, sizes) -> dict:
    graphs = {size: load_document(write(folder, "mlp", size)).graph for size in sizes}
    return {size: old_and_new(lambda g=graphs[size]: median_ms(lambda: layered.arrange(g))) for size in sizes}


def small_layout_ms() -> dict:
    graphs = {size: graph_data.graph_from_dict(shape(name, size)) for size in (100, 200, 300, 500)
              for name in ("mlp",)}
    return {size: median_ms(lambda g=g: layout.arrange(g), 9) for size, g in graphs.items()}


def open_once(app, path: Path, watch: StallWatch | None = None, then=None) -> float:
    """Open ``path`` in a fresh tab, draw and paint it; ms until painted (``then(tab)`` runs after)."""
    tab = BackpropTab(GraphController(), ThemeController())
    tab.resize(1400, 850)
    tab.show()
    app.processEvents()
    arrived = []
    tab.controller.graph_changed.connect(lambda: arrived.append(True))
    start = time.perf_counter()
    if watch:
        watch.start()
    tab.controller.open_file(path)
    while not arrived or tab.scene.building:
        app.processEvents()
        time.sleep(0.001)  # the GUI thread waits on events, as in app.exec()
    tab.grab()
    elapsed = (time.perf_counter() - start) * 1000
    if then:
        then(tab)
    tab.close()
    tab.deleteLater()
    app.processEvents()
    QThreadPool.globalInstance().waitForDone()
    return elapsed


def open_ms(app, folder: Path, sizes) -> dict:
    result = {}
    for size in sizes:
        path = write(folder, "mlp", size)
        result[size] = old_and_new(lambda: round(statistics.median(open_once(app, path) for _ in range(REPEATS)), 1))
    return result


def stall_ms(app, folder: Path, size: int) -> dict:
    path, watch = write(folder, "mlp", size), StallWatch()

    def longest() -> int:
        open_once(app, path, watch)
        return watch.stop()

    return old_and_new(lambda: statistics.median(longest() for _ in range(REPEATS)))


def _step_times(tab, steps: int = 20) -> float:
    controller, times = tab.controller, []
    controller.rewind()
    controller._go_to(len(controller.walkthrough.steps) // 2 + len(controller.walkthrough.steps) // 4)
    for _ in range(steps):
        start = time.perf_counter()
        controller.step_forward()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def step_ms(app, folder: Path, size: int) -> dict:
    path, result = write(folder, "mlp", size), []
    return old_and_new(lambda: (open_once(app, path, then=lambda tab: result.append(_step_times(tab))),
                                result.pop())[1])


def drawing_only(app) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        report = {"python": platform.python_version(), "sliced_nodes": graph_scene.SLICED_NODES,
                  "longest_gui_stall_ms_mlp_5000": stall_ms(app, folder, 5000),
                  "step_ms_mlp_5000": step_ms(app, folder, 5000)}
    print(json.dumps(report, indent=2))


def main() -> None:
    app = QApplication.instance() or QApplication([])
    if "--drawing" in sys.argv:
        return drawing_only(app)
    sizes = SIZES[:1] if "--quick" in sys.argv else SIZES
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        report = {"python": platform.python_version(), "machine": platform.machine(),
                  "worker_nodes": expressions_module.WORKER_NODES,
                  "load_ms": load_ms(folder, sizes), "layout_ms_mlp": layout_ms(folder, sizes),
                  "layout_ms_small_mlp": small_layout_ms(),
                  "open_ms_mlp": open_ms(app, folder, sizes),
                  f"longest_gui_stall_ms_mlp_{sizes[-1]}": stall_ms(app, folder, sizes[-1]),
                  f"step_ms_mlp_{sizes[-1]}": step_ms(app, folder, sizes[-1])}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
