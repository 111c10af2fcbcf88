"""Drawing a big graph in slices: the window gets the event loop back between bounded slices,
the progress row shows it, Cancel goes back, and the scene ends as a synchronous build would.

No clock is read: the checks are on structure (slice sizes, what is drawn when).
"""

import json

import pytest

from benchmarks.graph_shapes import mlp
from gdgui.core.autodiff import graph_data
from gdgui.core.autodiff.layout import layered
from gdgui.views.backprop import graph_scene
from gdgui.views.backprop.graph_wires import WireItem
from gdgui.views.backprop.slices import SLICE_UNITS
from gdgui.views.backprop.tab import BackpropTab
from tests.views.helpers import shown_backprop_tab

SIZE = 2 * graph_scene.SLICED_NODES


def _tab(qtbot) -> BackpropTab:
    return shown_backprop_tab(qtbot)


@pytest.fixture
def tab(qtbot):
    tab = _tab(qtbot)
    yield tab
    tab.scene.slices.cancel()


@pytest.fixture
def big_file(tmp_path):
    """A big graph with positions: it opens at once, and only the drawing takes long."""
    data = mlp(SIZE)
    positions = layered.arrange(graph_data.graph_from_dict(data)).positions  # any positions will do
    for entry in data["nodes"]:
        entry["pos"] = list(positions[entry["id"]])
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data))
    return path


def _text(label) -> tuple:
    return label.text(), label.pos().toTuple(), label.isVisible()


def _wire(wire) -> tuple:
    return (_text(wire.value_label), _text(wire.grad_label), wire.toolTip(), wire.path().boundingRect().getRect(),
            wire.pen().color().name(), wire.pen().widthF(), wire.isVisible())


def snapshot(scene) -> dict:
    """What a user can see of the scene: every item, text, position, pen and tooltip."""
    nodes = {node_id: (item.pos().toTuple(), item.label(), _text(item.caption), _text(item.badge),
                       item.toolTip(), item.current, item.warning) for node_id, item in scene.nodes.items()}
    wires = {edge: _wire(wire) for edge, wire in scene.wires.items()}
    return {"nodes": nodes, "wires": wires, "output": _wire(scene.output_wire), "items": len(scene.items())}


def _synchronous_snapshot(qtbot, monkeypatch, path, cursor=None) -> dict:
    monkeypatch.setattr(graph_scene, "SLICED_NODES", 10**9)
    other = _tab(qtbot)
    other.controller.open_file(path)
    assert not other.scene.building
    if cursor is not None:
        other.controller._go_to(cursor)
    monkeypatch.undo()
    return snapshot(other.scene)


def test_a_big_graph_is_drawn_in_bounded_slices_and_ends_as_a_synchronous_build(qtbot, monkeypatch, tab, big_file):
    slices = []
    tab.scene.slices.sliced.connect(slices.append)
    assert tab.controller.open_file(big_file)
    # Back in the event loop's hands with part of the drawing still to come, and saying so.
    assert tab.scene.building and len(tab.scene.nodes) < len(tab.controller.graph.nodes)
    assert tab.layout_progress.isVisible()
    assert tab.layout_progress.bar.format().startswith("drawing the graph")
    qtbot.waitUntil(lambda: not tab.scene.building, timeout=60_000)
    assert not tab.layout_progress.isVisible()
    assert len(slices) > 3 and max(slices) <= SLICE_UNITS
    assert snapshot(tab.scene) == _synchronous_snapshot(qtbot, monkeypatch, big_file)


def test_steps_taken_while_drawing_show_in_the_finished_scene(qtbot, monkeypatch, tab, big_file):
    tab.controller.open_file(big_file)
    tab.controller.rewind()
    for _ in range(3):
        tab.controller.step_forward()
    qtbot.waitUntil(lambda: not tab.scene.building, timeout=60_000)
    # Labels take their spots once per graph, sized by the texts then shown (a highlighted wire's are
    # bold): here at step 3, in the synchronous build at the end.  Everything else is the same.
    assert _without_label_spots(snapshot(tab.scene)) == _without_label_spots(
        _synchronous_snapshot(qtbot, monkeypatch, big_file, cursor=3))


def test_cancel_while_drawing_goes_back_to_the_graph_before(qtbot, tab, big_file):
    before = snapshot(tab.scene)
    tab.controller.open_file(big_file)
    tab.layout_progress.cancel_button.click()
    assert not tab.scene.building and not tab.layout_progress.isVisible()
    assert set(tab.controller.graph.nodes) == set(tab.scene.nodes)
    assert snapshot(tab.scene) == before
    assert tab.controller.undo_stack.canRedo()  # the big graph is one Redo away


def test_a_new_document_while_drawing_replaces_the_drawing(qtbot, tab, big_file):
    tab.controller.open_file(big_file)
    assert tab.controller.set_expression("x * y + 1")
    assert not tab.scene.building and not tab.layout_progress.isVisible()
    assert set(tab.scene.nodes) == set(tab.controller.graph.nodes)
    assert set(tab.scene.wires) == set(tab.controller.graph.edges())


def test_a_step_rewrites_only_the_wires_whose_numbers_changed(qtbot, monkeypatch, tab, big_file):
    tab.controller.open_file(big_file)
    tab.scene.finish_building()
    tab.controller.rewind()
    written = []
    original = WireItem.set_texts
    monkeypatch.setattr(WireItem, "set_texts", lambda wire, *args: (written.append(wire), original(wire, *args)))
    for _ in range(5):
        tab.controller.step_forward()
    assert 0 < len(written) <= 5 * 4  # a gate's one or two output wires, written and then unhighlighted
    monkeypatch.undo()
    incremental = snapshot(tab.scene)
    tab.scene._texts_key = None  # forget what is drawn: rewrite every label from scratch
    tab.scene.refresh_labels()
    assert snapshot(tab.scene) == incremental


def test_stepping_through_a_preset_matches_a_full_rewrite_at_every_step(tab):
    tab.controller.load_preset("02-logistic-regression.json")
    tab.controller.rewind()
    for _ in range(len(tab.controller.walkthrough.steps) + 1):
        incremental = snapshot(tab.scene)
        tab.scene._texts_key = None
        tab.scene.refresh_labels()
        assert snapshot(tab.scene) == incremental
        tab.controller.step_forward()



def _without_label_spots(shot: dict) -> dict:
    def strip(wire):
        return tuple((part[0], part[2]) if i < 2 else part for i, part in enumerate(wire))
    return {**shot, "wires": {edge: strip(wire) for edge, wire in shot["wires"].items()}}
