"""A graph too big to show whole at a legible zoom opens showing its first inputs (where the forward pass
starts): the fit started at the graph's top-left corner, which dot leaves empty when the first column is
short, and a student saw nothing at all."""

import json

import pytest
from PySide6.QtCore import QThreadPool

from benchmarks.graph_editor import generated_graph
from benchmarks.graph_shapes import mlp, wide_sum
from gdgui.core.autodiff.graph_document import document_to_dict

SHAPES = {"generated 200": lambda: document_to_dict(generated_graph(200)),
          "generated 40": lambda: document_to_dict(generated_graph(40, seed=3)),
          "mlp 120": lambda: mlp(120), "wide sum 60": lambda: wide_sum(60)}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_new_graph_opens_with_nodes_in_view(qtbot, lone_backprop_tab, tmp_path, shape):
    tab = lone_backprop_tab
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(SHAPES[shape]()))
    assert tab.controller.open_file(path)
    qtbot.waitUntil(lambda: not tab.controller.layouts.busy and not tab.scene.building, timeout=30_000)
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    view = tab.view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    inside = [node_id for node_id, item in tab.scene.nodes.items() if shown.contains(item.sceneBoundingRect())]
    kinds = {tab.controller.graph.nodes[node_id].kind for node_id in inside}
    assert "input" in kinds, (shape, inside, shown, tab.scene.drawn_bounds())  # where the forward pass starts
