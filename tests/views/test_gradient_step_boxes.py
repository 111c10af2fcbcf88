"""The gradient-step panel's boxes, one per input, all shown at once when a graph with many inputs opens."""

from PySide6.QtWidgets import QCheckBox

from benchmarks.graph_shapes import mlp
from tests.views.helpers import shown_backprop_tab


def test_a_graph_with_many_inputs_gets_a_shown_box_for_each_and_a_small_one_after_it_too(qtbot):
    tab = shown_backprop_tab(qtbot)
    panel = tab.step_panel
    for data in (mlp(200, inputs=40), mlp(60, inputs=3)):
        tab.controller.apply_state(data)
        assert list(panel.param_checks) == tab.controller.graph.input_names()
        qtbot.waitUntil(lambda: all(check.isVisible() for check in panel.param_checks.values()), timeout=5000)
        boxes = [check.geometry() for check in panel.param_checks.values()]
        assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])  # wrapped, not piled


def test_the_boxes_of_the_last_graph_are_gone_at_once_when_another_opens(qtbot):
    """Qt deletes the old boxes later: till then they stayed shown in the box, over the new graph's."""
    tab = shown_backprop_tab(qtbot)
    panel = tab.step_panel
    tab.controller.apply_state(mlp(60, inputs=3))
    qtbot.waitUntil(lambda: all(check.isVisible() for check in panel.param_checks.values()), timeout=5000)
    tab.controller.apply_state(mlp(60, inputs=5))  # no event loop in between: nothing deleted yet
    shown = [check.text() for check in panel.params_box.findChildren(QCheckBox) if check.isVisibleTo(panel)]
    assert sorted(shown) == sorted(tab.controller.graph.input_names())


def test_boxes_kept_from_a_bigger_graph_read_the_new_inputs_in_order_and_tick_only_theirs(qtbot):
    tab = shown_backprop_tab(qtbot)
    panel = tab.step_panel
    for data in (mlp(60, inputs=5), mlp(60, inputs=3), mlp(60, inputs=4)):
        tab.controller.apply_state(data)
        names = tab.controller.graph.input_names()
        qtbot.waitUntil(lambda: all(check.isVisible() for check in panel.param_checks.values()), timeout=5000)
        shown = [check for check in panel.params_box.findChildren(QCheckBox) if check.isVisibleTo(panel)]
        reading = sorted(shown, key=lambda check: (check.geometry().top(), check.geometry().left()))
        assert [check.text() for check in reading] == names  # left to right, row by row, as the graph lists them
        last = panel.param_checks[names[-1]]
        last.setChecked(True)
        assert set(tab.controller.document.params) == {names[-1]}  # only the box ticked, of this graph
        last.setChecked(False)
