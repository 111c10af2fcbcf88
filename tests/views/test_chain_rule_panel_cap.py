"""A graph with thousands of chain-rule lines: the panel holds the last ones and says how many it left out."""

import json

from benchmarks.graph_shapes import mlp
from gdgui.controllers.backprop.controller import GraphController
from gdgui.core.autodiff import graph_data
from gdgui.core.autodiff.layout import layered
from gdgui.views.backprop.panels import SHOWN_LINES, ChainRulePanel


def test_a_long_walkthrough_shows_its_last_lines_under_a_count_of_the_rest(qtbot, tmp_path):
    data = mlp(1000)
    positions = layered.arrange(graph_data.graph_from_dict(data)).positions  # any positions will do
    for entry in data["nodes"]:
        entry["pos"] = list(positions[entry["id"]])
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data))
    controller = GraphController()
    panel = ChainRulePanel(controller)
    qtbot.addWidget(panel)
    controller.open_file(path)
    walk = controller.walkthrough
    every = walk.lines(controller.names(), controller.digits)
    rows = panel.rows()
    assert len(every) > SHOWN_LINES
    assert rows[0] == f"… {len(every) - SHOWN_LINES} earlier lines not shown: the last {SHOWN_LINES} follow"
    assert rows[1:] == [line.text for line in every[-SHOWN_LINES:]]
    assert panel.is_marked(panel.row_count() - 1)  # the newest step stands out
    controller.rewind()
    controller.step_forward()
    assert panel.rows() == [walk.lines(controller.names())[0].text]
