"""Opening a big graph file without positions: laid out on a worker while the window stays live.

The tab returns to the event loop at once with its progress row showing; the positions arrive
through the layout's signal, equal to the synchronous layout, as the open's one undo step.
"""

import json

import pytest
from PySide6.QtCore import QThreadPool

from benchmarks.graph_shapes import mlp
from gdgui.controllers.backprop.background_layout import WORKER_NODES
from gdgui.core.autodiff import layout
from gdgui.core.files.graph_files import load_document
from tests.growth import lines_run

SIZE = 2 * WORKER_NODES  # big enough for the worker, small enough to draw quickly in a test


@pytest.fixture
def tab(lone_backprop_tab):
    return lone_backprop_tab


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(mlp(SIZE)))
    return path


def positions(graph) -> dict:
    return {node_id: node.pos for node_id, node in graph.nodes.items()}


def test_a_big_graph_is_laid_out_off_the_gui_thread_and_arrives_equal_to_the_synchronous_layout(qtbot, tab, big_file):
    before = positions(tab.controller.graph)
    assert tab.controller.open_file(big_file)
    # Back in the event loop's hands before the layout is in: the old graph still shows, with progress.
    assert tab.layout_progress.isVisible()
    assert positions(tab.controller.graph) == before
    assert tab.window().findChild(type(tab.layout_progress.cancel_button), "layoutCancelButton").isVisible()
    with qtbot.waitSignal(tab.controller.graph_changed, timeout=60_000):
        pass
    graph = load_document(big_file).graph
    expected = layout.arrange(graph, tab.controller.sizes_of(graph)).positions
    assert positions(tab.controller.graph) == expected
    qtbot.waitUntil(lambda: not tab.scene.building, timeout=60_000)  # drawn in slices
    assert len(tab.scene.nodes) == len(expected)
    assert not tab.layout_progress.isVisible()
    assert tab.controller.walkthrough is not None
    assert tab.controller.undo_stack.undoText() == "open graph"
    tab.controller.undo_stack.undo()
    assert positions(tab.controller.graph) == before


def test_cancel_keeps_the_graph_on_show(qtbot, tab, big_file):
    before = positions(tab.controller.graph)
    messages = []
    tab.controller.message.connect(messages.append)
    tab.controller.open_file(big_file)
    tab.layout_progress.cancel_button.click()
    assert not tab.layout_progress.isVisible()
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)  # a result still in flight is dropped, not applied
    assert positions(tab.controller.graph) == before
    assert messages[-1] == "Layout cancelled"


def test_an_edit_while_the_layout_runs_wins_over_it(qtbot, tab, big_file):
    tab.controller.open_file(big_file)
    assert tab.controller.set_expression("x * y + 1")
    assert not tab.layout_progress.isVisible()
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    assert tab.controller.expression_text() == "x * y + 1"


def test_tidy_of_a_big_graph_runs_on_the_worker_and_is_one_undo_step(qtbot, tab, big_file):
    with qtbot.waitSignal(tab.controller.graph_changed, timeout=60_000):
        tab.controller.open_file(big_file)
    laid_out = positions(tab.controller.graph)
    node_id = next(iter(laid_out))
    assert tab.controller.move_nodes({node_id: (1e4, 1e4)})
    tab.tidy_button.click()
    assert tab.layout_progress.isVisible()
    with qtbot.waitSignal(tab.controller.graph_changed, timeout=60_000):
        pass
    assert positions(tab.controller.graph) == laid_out
    assert tab.controller.undo_stack.undoText() == "tidy layout"


def test_a_small_graph_is_still_laid_out_at_once(tab, tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps(mlp(WORKER_NODES // 2)))
    assert tab.controller.open_file(path)
    assert not tab.layout_progress.isVisible()
    graph = load_document(path).graph
    assert positions(tab.controller.graph) == layout.arrange(graph, tab.controller.sizes_of(graph)).positions


def _all_at_one_point(size: int) -> dict:
    data = mlp(size)
    for entry in data["nodes"]:
        entry["pos"] = [0.0, 0.0]
    return data


def test_a_file_whose_nodes_all_sit_at_one_point_opens_in_linear_time(tab, tmp_path):
    """Every label meets every other there: placing them must not count them all, each time."""
    work = []
    for size in (150, 300):
        path = tmp_path / f"heap{size}.json"
        path.write_text(json.dumps(_all_at_one_point(size)))
        work.append(lines_run(lambda: tab.controller.open_file(path)))
        assert len(tab.scene.nodes) > 0.9 * size
    assert work[1] / work[0] <= 2.3
