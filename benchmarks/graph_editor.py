"""Graph editor speed against issue 12's targets, each figure printed beside its target.

Prints JSON, medians of 3.  For generated graphs of 20 and 200 nodes (seeded, layered like real
formulas: inputs, then gates over recent values, summed into one output), in a shown Backprop tab
at 1400×850:

* ``open_layout_first_paint_ms``: ``controller.open_file`` of a graph file without positions (so
  whatever layout the app uses runs), until the scene is drawn and the tab painted once;
* ``typed_formula_first_paint_ms``: the same for ``controller.set_expression`` of a formula of
  about as many nodes (a sum of ``tanh(a*x + b)*c`` neurons);
* ``tidy_ms``: Tidy on a controller alone (the layout and its undo step, no drawing);
* ``passes_and_labels_ms``: change one input (passes rerun, labels redrawn), then render;
* ``step_ms``: one walkthrough step (Page Down) and the paint that follows, the mean of 20 steps
  across the end of the forward pass into the backward pass; also at 100 % zoom, where every
  label in view is legible;
* ``drag_frame_ms``: drag one node a few pixels (a mouse move, the button held: its wires follow) and
  render the view.

And at 1,000 nodes, the longest the GUI thread could not answer (a 5-ms timer's longest gap,
``benchmarks/stall_watch.py``) while a graph file opens, while Tidy runs on it after every node was
moved, and while the biggest formula one can type (``MAX_NODES``) arrives, each until drawn and painted.

``before`` figures are measured in the same run with the old parts put back (``as_before``): the
chain-rule panel a list view rewritten at every step, the scene looking at every wire and node at
every step and redrawing the nodes a Tidy moved all at once, the gradient-step boxes shown one by one;
for the stalls, every layout on the GUI thread too.

What startup made is frozen out of Python's later collections (``gc.freeze``), as ``gui.run`` does.
Offscreen Qt unless ``QT_QPA_PLATFORM`` says otherwise, e.g. under Xvfb:
``QT_QPA_PLATFORM=xcb xvfb-run -a python benchmarks/graph_editor.py``.  The load average is printed
with the figures: other work on the machine slows every figure down.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, QThreadPool  # noqa: E402
from PySide6.QtGui import QBrush, QFont  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGraphicsSceneMouseEvent,
    QListWidget,
    QListWidgetItem,
)

from benchmarks.stall_watch import StallWatch  # noqa: E402
from benchmarks.timing import REPEATS, median_ms  # noqa: E402
from gdgui.controllers.backprop import expressions as expressions_module  # noqa: E402
from gdgui.controllers.backprop import edits as edits_module  # noqa: E402
from gdgui.controllers.backprop.controller import GraphController  # noqa: E402
from gdgui.controllers.shell.theme import ThemeController  # noqa: E402
from gdgui.core.autodiff.expr import MAX_NODES, parse  # noqa: E402
from gdgui.core.autodiff.graph import Graph  # noqa: E402
from gdgui.core.autodiff.graph_document import GraphDocument, document_to_dict  # noqa: E402
from gdgui.views.backprop import graph_scene, panels, scene_labels  # noqa: E402
from gdgui.views.backprop import tab as tab_module  # noqa: E402
from gdgui.views.backprop.tab import BackpropTab  # noqa: E402

SIZES = (20, 200)
BIG = 1000
STEPS = 20
TARGETS_MS = {"open_layout_first_paint_ms": 250, "typed_formula_first_paint_ms": 250, "passes_and_labels_ms": 16,
              "step_ms": 16, "step_ms_at_100_percent_zoom": 16, "drag_frame_ms": 16,
              "drag_frame_ms_at_100_percent_zoom": 16}
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


def neurons_formula(size: int) -> str:
    """A sum of ``tanh(a*x + b)*c`` over a few inputs: five nodes a neuron, about ``size`` in all."""
    letters = "abcdefghkmnpqrsuvwxyz"
    terms = [f"tanh({letters[i % 21]}*{letters[(i + 5) % 21]}+{letters[(i + 9) % 21]})*{letters[(i + 13) % 21]}"
             for i in range(max(1, size // 5))]
    return "+".join(terms)


def biggest_typed_formula() -> str:
    """A sum of products of x and y as long as a formula may have nodes (``MAX_NODES``)."""
    return "+".join(["x*y"] * ((MAX_NODES - 1) // 2))



def shown_tab(app) -> BackpropTab:
    tab = BackpropTab(GraphController(), ThemeController())
    tab.resize(1400, 850)
    tab.show()
    settle(app)
    return tab


def settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def close(app, tab) -> None:
    tab.controller.cancel_layout()
    tab.close()
    tab.deleteLater()
    QThreadPool.globalInstance().waitForDone()
    settle(app)


def paint_now(tab) -> None:
    """Settle the widgets' pending layouts and paint the whole tab (to its window), as its first paint does."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    tab.repaint()


def until_shown(app, tab, change) -> None:
    """``change()``, then run the event loop until its graph is in and drawn, then paint."""
    arrived = []
    tab.controller.graph_changed.connect(lambda: arrived.append(True))
    change()
    while not arrived or tab.scene.building:
        app.processEvents()
        time.sleep(0.001)  # the GUI thread waits on events, as in app.exec()
    paint_now(tab)


def first_paint_ms(app, change) -> float:
    """``change(tab)`` until painted in a new tab, from the small fork preset each time (put back untimed)."""
    tab, times = shown_tab(app), []
    for _ in range(REPEATS):
        tab.controller.load_preset("05-fork.json")
        settle(app)
        start = time.perf_counter()
        until_shown(app, tab, lambda: change(tab))
        times.append((time.perf_counter() - start) * 1000)
    close(app, tab)
    return round(statistics.median(times), 2)


def tidy_ms(path: Path) -> float:
    controller = GraphController()
    controller.open_file(path)
    return median_ms(controller.tidy_layout, digits=2)


def passes_and_labels_ms(tab) -> float:
    """One input changed (an undoable edit): both passes again, every label refreshed, then rendered."""
    values = iter(range(1000))
    return median_ms(lambda: (tab.controller.set_input_value("x0", str(next(values) / 100)),
                              tab.view.viewport().grab()), 9, digits=2)


# ----- one walkthrough step ------------------------------------------------------------------------
class _ListPanel(QListWidget):
    """Before: the chain-rule panel rewrote every line it shows into a list view at every step."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        controller.passes_changed.connect(self._on_passes_changed)
        self._on_passes_changed()

    def _on_passes_changed(self) -> None:
        walk, ctrl, lines = self.controller.walkthrough, self.controller, []
        for index in range(walk.cursor - 1 if walk else -1, -1, -1):  # every line written anew
            lines[:0] = [(text, index) for text in walk.step_lines(walk.steps[index], ctrl.names(), ctrl.digits)]
            if len(lines) >= panels.SHOWN_LINES:
                break
        self.clear()
        for text, step in lines[-panels.SHOWN_LINES:]:
            item = QListWidgetItem(text)
            if step == walk.cursor - 1:
                item.setBackground(QBrush(panels.CURRENT_BACKGROUND))
                font = QFont(self.font())
                font.setBold(True)
                item.setFont(font)
            self.addItem(item)
        for text in ctrl.sigmoid_identity_lines():
            self.addItem(QListWidgetItem(text))
        self.doItemsLayout()
        self.scrollToBottom()


def _checks_one_by_one(self, names: list[str]) -> None:
    """Before: each gradient-step box added to the shown box, so each is shown (and the tab laid out) alone."""
    while self._params_flow.count():
        self._params_flow.takeAt(0).widget().deleteLater()
    self.param_checks = {}
    for name in names:
        check = QCheckBox(name)
        check.setToolTip(f"Tick to let a gradient step change {name}")
        check.toggled.connect(self._on_param_toggled)
        self._params_flow.addWidget(check)
        self.param_checks[name] = check


@contextmanager
def as_before():
    """The panel a list rewritten at every step, the scene looking at every wire and node at every
    step and drawing moved nodes at once, the gradient-step boxes shown one by one (tabs made inside
    have these parts)."""
    saved = (tab_module.ChainRulePanel, scene_labels.LabelsMixin._touched, panels.GradientStepPanel._make_checks,
             graph_scene.GraphScene._moved)
    tab_module.ChainRulePanel = _ListPanel
    scene_labels.LabelsMixin._touched = lambda self, walk: (None, None)
    panels.GradientStepPanel._make_checks = _checks_one_by_one
    graph_scene.GraphScene._moved = lambda self, node_id, node: False  # only new nodes were drawn in slices
    try:
        yield
    finally:
        (tab_module.ChainRulePanel, scene_labels.LabelsMixin._touched, panels.GradientStepPanel._make_checks,
         graph_scene.GraphScene._moved) = saved


def step_ms(app, path: Path, zoom: float | None = None) -> float:
    """Mean time of a step and the paint that follows, over ``STEPS`` steps; median of 3 such runs."""
    tab = shown_tab(app)
    until_shown(app, tab, lambda: tab.controller.open_file(path))
    if zoom is not None:
        tab.view.resetTransform()
        tab.view.scale(zoom, zoom)
        tab.scene.set_zoom(zoom)
        tab.view.centerOn(tab.scene.nodes[tab.controller.graph.output()])
    controller, runs = tab.controller, []
    for _ in range(REPEATS):
        controller._go_to(max(0, controller.walkthrough.forward_count - STEPS // 2))
        settle(app)
        start = time.perf_counter()
        for _ in range(STEPS):
            controller.step_forward()
            settle(app)  # the event loop paints what the step changed
        runs.append((time.perf_counter() - start) * 1000 / STEPS)
    close(app, tab)
    return round(statistics.median(runs), 2)


def before_and_after(run) -> dict:
    with as_before():
        before = run()
    return {"before": before, "after": run()}


# ----- dragging --------------------------------------------------------------------------------------
def _mouse(scene, kind, at: QPointF, pressed: QPointF) -> None:
    """A mouse event of ``kind`` at ``at``, the left button pressed at ``pressed`` and held."""
    event = QGraphicsSceneMouseEvent(kind)
    event.setScenePos(at)
    event.setButtonDownScenePos(Qt.MouseButton.LeftButton, pressed)
    event.setButtons(Qt.MouseButton.LeftButton)
    if kind == QEvent.Type.GraphicsSceneMousePress:
        event.setButton(Qt.MouseButton.LeftButton)
    QApplication.sendEvent(scene, event)


def drag_frame_ms(tab) -> float:
    """A busy node (the most wires) dragged a little per frame (a mouse move, button held), then the view rendered."""
    scene = tab.scene
    busiest = max(scene.nodes, key=lambda n: len(scene._wires_of.get(n, ())))
    item = scene.nodes[busiest]
    start = item.scenePos()
    tab.view.centerOn(item)
    steps = iter(range(10_000))
    scene.clearSelection()
    _mouse(scene, QEvent.Type.GraphicsSceneMousePress, start, start)

    def frame():
        step = next(steps)
        _mouse(scene, QEvent.Type.GraphicsSceneMouseMove, start + QPointF(3 * (step % 20), 2 * (step % 7)), start)
        tab.view.viewport().grab()

    try:
        return median_ms(frame, 30, digits=2)
    finally:
        _mouse(scene, QEvent.Type.GraphicsSceneMouseRelease, start, start)


# ----- 1,000 nodes -------------------------------------------------------------------------------------
@contextmanager
def all_on_the_gui_thread():
    """Before: every layout on the GUI thread, whatever the graph's size."""
    saved = expressions_module.WORKER_NODES, edits_module.WORKER_NODES
    expressions_module.WORKER_NODES = edits_module.WORKER_NODES = 10**9
    try:
        yield
    finally:
        expressions_module.WORKER_NODES, edits_module.WORKER_NODES = saved


def stall_ms(app, prepare, change) -> int:
    """Longest GUI-thread stall while ``change(tab)`` runs to its painted end; ``prepare(tab)`` is untimed."""
    stalls = []
    for _ in range(REPEATS):
        tab, watch = shown_tab(app), StallWatch()
        prepare(tab)
        settle(app)
        watch.start()
        until_shown(app, tab, lambda: change(tab))
        stalls.append(watch.stop())
        close(app, tab)
    return statistics.median(stalls)


def stalls(app, path: Path) -> dict:
    def messed_up(tab):  # opened, then every node put elsewhere (x and y swapped): Tidy moves them all
        until_shown(app, tab, lambda: tab.controller.open_file(path))
        nodes = tab.controller.graph.nodes
        until_shown(app, tab, lambda: tab.controller.move_nodes({n: (v.pos[1], v.pos[0]) for n, v in nodes.items()}))

    cases = {f"open_file_{BIG}_nodes": (lambda tab: None, lambda tab: tab.controller.open_file(path)),
             f"tidy_{BIG}_nodes": (messed_up, lambda tab: tab.controller.tidy_layout()),
             f"typed_formula_{MAX_NODES}_nodes": (lambda tab: None,
                                                  lambda tab: tab.controller.set_expression(biggest_typed_formula()))}
    result = {}
    for name, (prepare, change) in cases.items():
        with all_on_the_gui_thread(), as_before():
            before = stall_ms(app, prepare, change)
        result[name] = {"before": before, "after": stall_ms(app, prepare, change)}
    return result


# ----- the report --------------------------------------------------------------------------------------
def write_graph(folder: Path, size: int) -> Path:
    path = folder / f"generated-{size}.json"
    path.write_text(json.dumps(document_to_dict(generated_graph(size))))  # no positions: opening lays it out
    return path


def measure(app, folder: Path, size: int) -> dict:
    doc, path, formula = generated_graph(size), write_graph(folder, size), neurons_formula(size)
    result = {"nodes": len(doc.graph.nodes), "edges": len(doc.graph.edges()), "inputs": len(doc.graph.input_names()),
              "open_layout_first_paint_ms": before_and_after(
                  lambda: first_paint_ms(app, lambda tab: tab.controller.open_file(path))),
              "typed_formula_nodes": len(parse(formula).nodes),
              "typed_formula_first_paint_ms": before_and_after(
                  lambda: first_paint_ms(app, lambda tab: tab.controller.set_expression(formula))),
              "tidy_ms": tidy_ms(path)}
    tab = shown_tab(app)
    tab.controller.apply_state(document_to_dict(doc))
    result["passes_and_labels_ms"] = passes_and_labels_ms(tab)
    result["drag_frame_ms"] = drag_frame_ms(tab)
    tab.view.resetTransform()  # at 100 % every label is drawn, not skipped as too small
    result["drag_frame_ms_at_100_percent_zoom"] = drag_frame_ms(tab)
    close(app, tab)
    result["step_ms"] = before_and_after(lambda: step_ms(app, path))
    result["step_ms_at_100_percent_zoom"] = before_and_after(lambda: step_ms(app, path, zoom=1.0))
    return result


def with_targets(figures: dict) -> dict:
    """Each figure that has a target (the targets are for 200 nodes) beside it: {"ms": …, "target_ms": …}."""
    return {key: {"ms": value, "target_ms": TARGETS_MS[key]} if key in TARGETS_MS else value
            for key, value in figures.items()}


def main() -> None:
    app = QApplication.instance() or QApplication([])
    gc.freeze()  # as gui.run does once the window is built: what startup made stays out of later collections
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        report = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
                  "load_average_at_start": os.getloadavg()[0], "qt_platform": app.platformName(), "repeats": REPEATS,
                  "worker_nodes": expressions_module.WORKER_NODES,
                  "graphs": [measure(app, folder, size) for size in SIZES[:-1]]
                  + [with_targets(measure(app, folder, SIZES[-1]))],
                  "longest_gui_stall_ms": stalls(app, write_graph(folder, BIG)),
                  "load_average_at_end": os.getloadavg()[0]}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
