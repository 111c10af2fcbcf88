"""The scene that mirrors the controller's graph, item by item, keyed by node id and edge.

``graph_changed`` reconciles (create what is new, drop what is gone, move and
relabel the rest); ``passes_changed`` only rewrites texts, pens and badges
(``scene_labels.py``).  Wires follow the routes of the controller's layouts
(``controller.routes()``), their labels at the layout's spots; a wire without one is straight
(``scene_wires.py``).  While nodes are dragged (``NodeItem.mouseMoveEvent``) only their own wires
are redrawn, straight; the move reaches the model (one undo step) when the mouse is released.

A graph that brings ``SLICED_NODES`` new or moved nodes or more is drawn in slices (``slices.py``):
each node, wire and label is one unit of the same generator the small graphs drain at
once, so both end in the same scene, and the window answers between slices.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene

from gdgui.controllers.backprop.metrics import style_for
from gdgui.controllers.shell.theme import NORMAL
from gdgui.core.autodiff.graph import Edge
from gdgui.views.backprop.graph_items import HIGHLIGHT, NodeItem
from gdgui.views.backprop.graph_labels import font_px, set_detailed
from gdgui.views.backprop.graph_wires import WireItem
from gdgui.views.backprop.scene_labels import LabelsMixin
from gdgui.views.backprop.scene_wires import WiresMixin
from gdgui.views.backprop.slices import Slices, drain

# A graph this big takes ~0.4 s to draw at once (about 1.3 ms per node with its wires and
# labels, benchmarks/large_graph.py); the presets and typed formulas stay far below it.
SLICED_NODES = 300


class GraphScene(LabelsMixin, WiresMixin, QGraphicsScene):
    """Items for every node and edge of ``controller.graph``.

    ``slices`` says while a big graph is being drawn (``busy_changed``, ``progressed``);
    ``undo_index`` is where the undo stack stood before it (Cancel goes back there).
    """

    def __init__(self, controller, theme, parent=None):
        super().__init__(parent)
        self.controller, self.theme = controller, theme
        self.style = style_for(theme.sizes, NORMAL)
        self._routes: dict = {}
        self.nodes: dict[str, NodeItem] = {}
        self.wires: dict[Edge, WireItem] = {}
        self.output_wire = WireItem(None)
        self.output_wire.set_style(self.style)
        self._add_wire_items(self.output_wire)
        self._wires_of: dict[str, list[WireItem]] = {}
        self.pending_wire = QGraphicsLineItem()
        self.pending_wire.setPen(QPen(HIGHLIGHT, 3))
        self.pending_wire.setVisible(False)
        self.addItem(self.pending_wire)
        self.slices = Slices(self)
        self.undo_index = 0
        self._version = 0
        self._zoom, self._detailed = 1.0, True
        self._smallest_text = (None, 0.0)  # (what it was measured for, pixel size)
        self._init_labels()
        self.selectionChanged.connect(self._on_selection_changed)
        controller.graph_changed.connect(self._on_graph_changed)
        controller.passes_changed.connect(self.refresh_labels)
        theme.changed.connect(self._on_theme_changed)
        self._on_graph_changed()
        self.refresh_labels()

    def drawn_bounds(self):
        """Scene area of what is drawn, from the scene's own (C++) walk over its items: the hidden
        helpers (the pending wire, the output wire while passes are off) step out for the count;
        every node's room for a caption and a badge counts, made or not."""
        hidden = [item for item in (self.pending_wire, self.output_wire, *self.output_wire.labels())
                  if not item.isVisible()]
        for item in hidden:
            self.removeItem(item)
        try:
            bounds = self.itemsBoundingRect()
        finally:
            for item in hidden:
                self.addItem(item)
        for node in self.nodes.values():
            bounds = bounds.united(node.text_room())
        return bounds

    # ----- zoom ------------------------------------------------------------------------------
    @property
    def min_text_px(self) -> float:
        """No text is drawn smaller than this on screen (the theme's: larger on a projector)."""
        return self.theme.sizes.min_text_px

    def smallest_text_px(self) -> float:
        """Pixel size at zoom 1 of the smallest font of any text drawn: captions, badges, labels, symbols.

        Every text is drawn in one of the style's fonts: the wires' labels (the output wire's are always
        there) in the label font, plain or bold (as tall), every node's caption and badge, made or not (the
        fit's zoom is the same either way), in the caption font and the bold label font, each node's
        symbol in its kind's: so the fonts are read from the style, not from every item."""
        key = (self._version, self.style)
        if self._smallest_text[0] != key:
            style = self.style
            fonts = [style.label_font()]
            if self.nodes:
                fonts += [style.caption_font(), style.label_font(bold=True)]
                fonts += [style.symbol_font(kind) for kind in {node.kind for node in self.nodes.values()}]
            self._smallest_text = (key, float(min(font_px(font) for font in fonts)))
        return self._smallest_text[1]

    def legible_zoom(self) -> float:
        """The least zoom at which every text of the scene is at least ``min_text_px`` tall on screen."""
        smallest = self.smallest_text_px()
        return self.min_text_px / smallest if smallest > 0 else 0.0

    def _text_items(self):
        for node in self.nodes.values():
            yield from node.texts()
        for wire in (*self.wires.values(), self.output_wire):
            yield from wire.labels()

    def set_zoom(self, zoom: float) -> None:
        """The view's scale: below the zoom where the smallest text turns illegible no text shows
        (the gates' symbols, larger, until they turn illegible too), so nodes are drawn afresh,
        not kept as thousands of pixmaps."""
        self._zoom = zoom
        detailed = zoom >= self.legible_zoom() * (1 - 1e-9)
        if detailed != self._detailed:
            self._detailed = detailed
            set_detailed(self._detail_items(), detailed)

    def _detail_items(self):
        yield from self.nodes.values()
        yield from self._text_items()

    def _adopt_detail(self, *items) -> None:
        """New items cache their drawings, and plates paint, only while the zoom shows text."""
        if not self._detailed:
            set_detailed(items, False)

    def scene_pos(self, pos) -> QPointF:
        return QPointF(*self.scene_xy(pos))

    def scene_xy(self, pos) -> tuple[float, float]:
        """A model position (layout units) in scene coordinates, as a plain pair."""
        return pos[0] * self.style.scale, pos[1] * self.style.scale

    def model_pos(self, point: QPointF) -> tuple[float, float]:
        return point.x() / self.style.scale, point.y() / self.style.scale

    # ----- structure ------------------------------------------------------------------------
    def _on_graph_changed(self, moves_count: bool = True) -> None:
        """Reconcile the items with the graph: at once, or in slices when there are many to make or
        move (not for a new theme: every item moves then, but the graph is the same)."""
        self._version += 1
        graph = self.controller.graph
        self._routes = self.controller.routes()
        work = self._build(graph)
        if sum(node_id not in self.nodes or moves_count and self._moved(node_id, node)
               for node_id, node in graph.nodes.items()) >= SLICED_NODES:
            self.undo_index = self.controller.undo_stack.index()  # a push or undo moves it only after
            self.slices.run(work)
        else:
            self.slices.cancel()
            drain(work)

    def _moved(self, node_id: str, node) -> bool:
        """The model put the node elsewhere (Tidy of a big graph moves them all): its wires are drawn anew."""
        return self.nodes[node_id].pos() != self.scene_pos(node.pos or (0.0, 0.0))

    @property
    def building(self) -> bool:
        """Items are still being made (in slices): the scene shows part of the graph."""
        return self.slices.busy

    def finish_building(self) -> None:
        """Make the rest of the items now (an export or a test needs the whole scene)."""
        self.slices.finish()

    def _build(self, graph):
        """The whole reconciliation, yielding the share done after each node, wire or label."""
        self._wires_of = {}
        self._remove_stale(graph)
        edges = graph.edges()
        total, done = max(len(graph.nodes) + 3 * len(edges), 1), 0
        for done, _ in enumerate(self._sync_nodes(graph), done + 1):
            yield 0.5 * done / total
        for done, _ in enumerate(self._sync_wires(edges), done + 1):
            yield 0.5 * done / total
        self._index_wires()
        for done, _ in enumerate(self._redraw_wires(self.wires.values()), done + 1):
            yield 0.5 * done / total
        self._redraw_output_wire()
        while self._labels_pending:  # passes_changed came while the items were being made
            self._labels_pending = False
            for share in self._label_steps():
                yield 0.5 + 0.5 * share

    def _remove_stale(self, graph) -> None:
        """Drop the items of nodes and wires the graph no longer has, all at once: the rest of the
        scene may then assume that every item it holds is in the graph."""
        stale = [n for n in self.nodes if n not in graph.nodes or graph.nodes[n].kind != self.nodes[n].kind]
        for node_id in stale:
            self.removeItem(self.nodes.pop(node_id))
        edges = set(graph.edges())
        gone = [e for e in self.wires if e not in edges]
        for edge in gone:
            self._remove_wire_items(self.wires.pop(edge))

    def _sync_nodes(self, graph):
        """Make, size and place the node items (their tooltips are written when first asked for)."""
        names = self.controller.names()
        for node_id, node in graph.nodes.items():
            item = self.nodes.get(node_id)
            if item is None:
                item = self.nodes[node_id] = NodeItem(node_id, node.kind, self._on_node_moved)
                self._adopt_detail(item)  # and its caption and badge, made as they are needed
            item.configure(names[node_id] if node.kind != "op" else node.label, len(node.args), self.style)
            item.set_caption(names[node_id] if node.kind == "op" else "")
            pos = self.scene_pos(node.pos or (0.0, 0.0))
            if item.pos() != pos:
                item.setPos(pos)
            if item.scene() is None:  # added once sized and placed: the scene indexes it once
                self.addItem(item)
            yield

    def commit_moves(self) -> None:
        """Send the positions of dragged nodes to the model (one undo step)."""
        graph = self.controller.graph
        moved = {node_id: self.model_pos(item.pos()) for node_id, item in self.nodes.items()
                 if graph.nodes[node_id].pos is None
                 or self.scene_pos(graph.nodes[node_id].pos) != item.pos()}
        if moved:
            self.controller.move_nodes(moved)

    def _on_theme_changed(self) -> None:
        self.style = style_for(self.theme.sizes, NORMAL)
        for item in self.nodes.values():
            item.configure(item.label(), item.slots, self.style)
        self._on_graph_changed(moves_count=False)
        self.refresh_labels()
        self.set_zoom(self._zoom)  # the fonts changed, and with them the zoom they are legible at

    def set_pending_wire(self, start: QPointF | None, end: QPointF | None = None) -> None:
        self.pending_wire.setVisible(start is not None)
        if start is not None:
            self.pending_wire.setLine(start.x(), start.y(), end.x(), end.y())
