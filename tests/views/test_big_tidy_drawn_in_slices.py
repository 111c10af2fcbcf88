"""Tidy of a big graph: laid out on the worker, then, as every node moves, drawn in slices while the
window answers, ending where a drawing from scratch ends.  A new theme moves every item too, but
redraws the same graph at once."""

import json

import pytest

from benchmarks.graph_shapes import mlp
from gdgui.views.backprop.graph_scene import SLICED_NODES, GraphScene


@pytest.fixture
def tab(lone_backprop_tab, qtbot, tmp_path):
    tab = lone_backprop_tab
    path = tmp_path / "big.json"
    path.write_text(json.dumps(mlp(2 * SLICED_NODES)))
    with qtbot.waitSignal(tab.controller.graph_changed, timeout=60_000):
        tab.controller.open_file(path)
    tab.scene.finish_building()
    return tab
    tab.theme.set_projector(False)


def _at_model_positions(scene) -> bool:
    graph = scene.controller.graph
    return all(item.pos() == scene.scene_pos(graph.nodes[node_id].pos) for node_id, item in scene.nodes.items())


def _texts(scene) -> dict:
    return {edge: (wire.value_label.text(), wire.grad_label.text()) for edge, wire in scene.wires.items()}


def test_a_tidy_that_moves_every_node_is_drawn_in_slices_and_ends_as_a_fresh_drawing(qtbot, tab):
    nodes = tab.controller.graph.nodes
    assert tab.controller.move_nodes({n: (node.pos[1], node.pos[0]) for n, node in nodes.items()})  # a mess
    tab.scene.finish_building()
    with qtbot.waitSignal(tab.controller.graph_changed, timeout=60_000):
        tab.tidy_button.click()
    assert tab.scene.building and tab.layout_progress.isVisible()  # the window answers between slices
    qtbot.waitUntil(lambda: not tab.scene.building, timeout=60_000)
    assert not tab.layout_progress.isVisible() and _at_model_positions(tab.scene)
    fresh = GraphScene(tab.controller, tab.theme)
    fresh.finish_building()  # a graph this big is drawn in slices from scratch too
    assert _texts(tab.scene) == _texts(fresh)


def test_a_new_theme_redraws_a_big_graph_at_once(tab):
    tab.theme.set_projector(True)
    assert not tab.scene.building and _at_model_positions(tab.scene)
