"""Zoomed out until no text can be read, the graph is drawn cheaply: a node is a filled speck
(no ports, no outline, no symbol) and items stop caching pixmaps; at reading zoom nothing changes.

No clock is read: the checks are on which drawing path ran and on the items' cache modes.
"""

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.backprop.metrics import Style
from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.backprop.graph_export import export_png
from gdgui.views.backprop.graph_items import NodeItem
from gdgui.views.backprop.graph_labels import TextItem
from gdgui.views.backprop.graph_scene import GraphScene

STYLE = Style(scale=1.0, label_pt=14, symbol_pt=16, caption_pt=12, line_px=2.0)
CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


@pytest.fixture
def painted(qapp, monkeypatch):
    """``painted(kind, scale)``: which drawing helpers ran, and the image, for one node painted at ``scale``."""
    calls = []
    for helper in ("_paint_speck", "_paint_ports"):
        original = getattr(NodeItem, helper)
        monkeypatch.setattr(NodeItem, helper, lambda self, p, _o=original, _h=helper: (calls.append(_h), _o(self, p)))
    texts = []
    monkeypatch.setattr(QPainter, "drawText", lambda self, *args: texts.append(args))

    def paint(kind: str, scale: float):
        item = NodeItem("n1", kind, lambda _: None)
        item.configure("x" if kind == "input" else "+", 2 if kind == "op" else 0, STYLE)
        image = QImage(200, 200, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(100, 100)
        painter.scale(scale, scale)
        item.paint(painter, None)
        painter.end()
        return calls[:], texts[:], image
    return paint


def _inked(image: QImage) -> bool:
    return any(image.pixelColor(x, y) != QColor("white") for x in range(90, 110) for y in range(90, 110))


@pytest.mark.parametrize("kind", ["op", "input", "const"])
def test_a_node_far_zoomed_out_is_a_speck_without_ports_or_text(painted, kind):
    calls, texts, image = painted(kind, 0.05)
    assert calls == ["_paint_speck"]
    assert texts == []
    assert _inked(image)  # a speck, not nothing: the graph's shape still shows


@pytest.mark.parametrize("kind", ["op", "input", "const"])
def test_a_node_at_reading_zoom_has_its_ports_and_symbol(painted, kind):
    calls, texts, _ = painted(kind, 1.0)
    assert calls == ["_paint_ports"]
    assert len(texts) == 1


def _plates(scene) -> list:
    return ([item for node in scene.nodes.values() for item in (node.caption, node.badge)]
            + [label for wire in scene.wires.values() for label in wire.labels()])


def _cache_modes(scene) -> set:
    return {item.cacheMode() for item in [*scene.nodes.values(), *_plates(scene)]}


def _plates_paint(scene) -> bool:
    flags = {bool(item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents) for item in _plates(scene)}
    assert len(flags) == 1
    return not flags.pop()


def test_items_cache_their_drawings_only_while_text_can_be_read(qapp):
    controller = GraphController()
    scene = GraphScene(controller, ThemeController())
    controller.load_preset("05-fork.json")
    assert _cache_modes(scene) == {CACHED} and _plates_paint(scene)
    scene.set_zoom(0.05)
    assert _cache_modes(scene) == {QGraphicsItem.CacheMode.NoCache} and not _plates_paint(scene)
    controller.add_input((900.0, 900.0), "late")  # made while zoomed out: no pixmap either
    assert _cache_modes(scene) == {QGraphicsItem.CacheMode.NoCache} and not _plates_paint(scene)
    scene.set_zoom(1.0)
    assert _cache_modes(scene) == {CACHED} and _plates_paint(scene)


def test_an_export_while_zoomed_out_still_has_every_text(qapp, tmp_path, monkeypatch):
    controller = GraphController()
    scene = GraphScene(controller, ThemeController())
    controller.load_preset("05-fork.json")
    scene.set_zoom(0.05)
    painted = []
    original = TextItem.paint
    monkeypatch.setattr(TextItem, "paint", lambda self, *args: (painted.append(self.text()), original(self, *args)))
    assert export_png(scene, tmp_path / "fork.png")
    assert {controller.format(controller.graph.values[controller.walkthrough.output])} <= set(painted)
    assert not _plates_paint(scene)  # and the view's own drawing stays cheap afterwards
