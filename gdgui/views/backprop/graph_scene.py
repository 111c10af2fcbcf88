"""The scene that mirrors the controller's graph, item by item, keyed by node id and edge.

``graph_changed`` reconciles (create what is new, drop what is gone, move and
relabel the rest); ``passes_changed`` only rewrites texts, pens and badges.  While
a node is dragged only its own wires are redrawn; the move reaches the model (one
undo step) when the mouse is released.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene

from gdgui.controllers.shell.theme import BACKWARD_COLOUR, NORMAL
from gdgui.core.autodiff.graph import Edge
from gdgui.views.backprop.graph_items import HIGHLIGHT, INK, WARNING, NodeItem, Style, WireItem


# Where along a wire its labels may sit, in order of preference.  Wires that fan out of
# one port start together and part towards their ends, so their labels prefer the far half.
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
FANOUT_SPOTS = (0.65, 0.55, 0.75, 0.45, 0.35, 0.25)
CROWDED = 16  # a label spot meeting this many others is as bad as any worse one


class RectGrid:
    """Rectangles bucketed by grid cell, so a hit test looks at neighbours only."""

    def __init__(self, cell: float):
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF):
        c = self.cell
        for i in range(int(rect.left() // c), int(rect.right() // c) + 1):
            for j in range(int(rect.top() // c), int(rect.bottom() // c) + 1):
                yield i, j

    def add(self, rect: QRectF) -> None:
        if not rect.isEmpty():
            for key in self._keys(rect):
                self.cells.setdefault(key, []).append(rect)

    def hits(self, rect: QRectF, enough: int = CROWDED) -> int:
        """How many rectangles ``rect`` meets, counting no further than ``enough``.

        The cap keeps a crowded spot cheap: in a file whose nodes all sit at one point every
        label meets every other, and counting them all made placing the labels quadratic.
        """
        found = set()
        for key in self._keys(rect):
            for other in self.cells.get(key, ()):
                if id(other) not in found and other.intersects(rect):
                    found.add(id(other))
                    if len(found) >= enough:
                        return enough
        return len(found)


def style_for(theme) -> Style:
    sizes = theme.sizes
    return Style(scale=sizes.font_pt / NORMAL.font_pt, label_pt=sizes.font_pt + 3,
                 symbol_pt=sizes.title_pt + 2, caption_pt=sizes.font_pt + 1, line_px=sizes.line_px)


class GraphScene(QGraphicsScene):
    """Items for every node and edge of ``controller.graph``.

    Signals:
        rebuilt(): items were added or removed (the view may refit).
    """

    rebuilt = Signal()

    def __init__(self, controller, theme, parent=None):
        super().__init__(parent)
        self.controller, self.theme = controller, theme
        self.style = style_for(theme)
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
        self.selectionChanged.connect(self._on_selection_changed)
        controller.graph_changed.connect(self._on_graph_changed)
        controller.passes_changed.connect(self.refresh_labels)
        theme.changed.connect(self._on_theme_changed)
        self._declutter_key, self._version = None, 0
        self._on_graph_changed()
        self.refresh_labels()

    def _add_wire_items(self, wire: WireItem) -> None:
        for item in (wire, *wire.labels()):
            self.addItem(item)

    def _remove_wire_items(self, wire: WireItem) -> None:
        for item in (wire, *wire.labels()):
            self.removeItem(item)

    def scene_pos(self, pos) -> QPointF:
        return QPointF(pos[0] * self.style.scale, pos[1] * self.style.scale)

    def model_pos(self, point: QPointF) -> tuple[float, float]:
        return point.x() / self.style.scale, point.y() / self.style.scale

    # ----- structure ------------------------------------------------------------------------
    def _on_graph_changed(self) -> None:
        self._version += 1
        graph = self.controller.graph
        added = self._sync_nodes(graph)
        added |= self._sync_wires(graph)
        self._wires_of = {node_id: [] for node_id in self.nodes}
        for edge, wire in self.wires.items():
            self._wires_of[edge.src].append(wire)
            self._wires_of[edge.dst].append(wire)
        self.redraw_wires()  # texts follow on passes_changed, which every model change emits
        if added:
            self.rebuilt.emit()

    def _sync_nodes(self, graph) -> bool:
        changed = False
        for node_id in [n for n in self.nodes if n not in graph.nodes
                        or graph.nodes[n].kind != self.nodes[n].kind]:
            self.removeItem(self.nodes.pop(node_id))
            changed = True
        names, new = self.controller.names(), []
        for node_id, node in graph.nodes.items():
            if node_id not in self.nodes:
                self.nodes[node_id] = NodeItem(node_id, node.kind, self._on_node_moved)
                new.append(self.nodes[node_id])
            item = self.nodes[node_id]
            item.configure(names[node_id] if node.kind != "op" else node.label, len(node.args), self.style)
            item.caption.set_text(names[node_id] if node.kind == "op" else "")
            item.setToolTip(self.controller.node_tooltip(node_id))
            pos = self.scene_pos(node.pos or (0.0, 0.0))
            if item.pos() != pos:
                item.setFlag(item.GraphicsItemFlag.ItemSendsGeometryChanges, False)
                item.setPos(pos)
                item.setFlag(item.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        for item in new:  # added once sized and placed: the scene indexes each new item once
            self.addItem(item)
        return changed or bool(new)

    def _sync_wires(self, graph) -> bool:
        edges = set(graph.edges())
        changed = False
        for edge in [e for e in self.wires if e not in edges]:
            self._remove_wire_items(self.wires.pop(edge))
            changed = True
        for edge in edges - set(self.wires):
            self.wires[edge] = WireItem(edge)
            self.wires[edge].set_style(self.style)
            self._add_wire_items(self.wires[edge])
            changed = True
        return changed

    def redraw_wires(self, wires=None) -> None:
        """Move wires (all, or those of a dragged node) to their ports."""
        for wire in self.wires.values() if wires is None else wires:
            edge = wire.key
            wire.set_ends(self.nodes[edge.src].out_port(), self.nodes[edge.dst].in_port(edge.slot))
        self._redraw_output_wire()

    def declutter_labels(self) -> None:
        """Slide each wire's labels along it to the first spot that hits no node and no other label.

        Each wire reserves room for the numbers it will show once both passes are on,
        so labels stay put while the class steps through the passes.
        """
        widths = self._final_label_widths()
        key = (self._version, self.style, tuple(widths.items()))
        if key == self._declutter_key:
            return  # only the cursor moved: every label keeps its spot
        self._declutter_key = key
        grid = RectGrid(cell=2 * max(widths.values(), default=50.0))
        for item in self.nodes.values():
            for part in (item, item.badge, item.caption):
                grid.add(part.sceneBoundingRect())
        wires = sorted(self.wires.values(), key=lambda w: (w.key.src, w.key.dst, w.key.slot))
        fanout = Counter(edge.src for edge in self.wires)  # counted once: a 5,000-wide fan-out stays linear
        for wire in ([self.output_wire] if self.output_wire.isVisible() else []) + wires:
            fans_out = wire.key is not None and fanout[wire.key.src] > 1
            grid.add(self._free_spot(wire, grid, widths.get(wire.key, 0.0), fans_out))

    def _final_label_widths(self) -> dict:
        metrics = QFontMetricsF(self.style.font(self.style.label_pt, bold=True))
        graph, fmt = self.controller.graph, self.controller.format
        if self.controller.walkthrough is None:
            return {}
        widths = {None: metrics.horizontalAdvance(fmt(graph.values[graph.output()])) + 8}
        for edge in self.wires:
            texts = (fmt(graph.values[edge.src]), fmt(graph.edge_records[edge].grad))
            widths[edge] = max(metrics.horizontalAdvance(t) for t in texts) + 8
        return widths

    def _free_spot(self, wire: WireItem, grid: RectGrid, width: float, fans_out: bool):
        best = None
        for along in FANOUT_SPOTS if fans_out else LABEL_SPOTS:
            wire.place_labels(along)
            hits = grid.hits(wire.label_rect(width))
            if hits == 0:
                return wire.label_rect(width)
            best = min(best or (hits, along), (hits, along))
        wire.place_labels(best[1])
        return wire.label_rect(width)

    def _redraw_output_wire(self) -> None:
        walk = self.controller.walkthrough
        visible = walk is not None
        for item in (self.output_wire, *self.output_wire.labels()):
            item.setVisible(visible)
        if visible:
            start = self.nodes[walk.output].out_port()
            self.output_wire.set_ends(start, start + QPointF(90 * self.style.scale, 0))

    def _on_selection_changed(self) -> None:
        for wire in self.wires.values():
            wire.restyle()

    def _on_node_moved(self, item: NodeItem) -> None:
        self.redraw_wires(self._wires_of.get(item.node_id, ()))

    def commit_moves(self) -> None:
        """Send the positions of dragged nodes to the model (one undo step)."""
        graph = self.controller.graph
        moved = {node_id: self.model_pos(item.pos()) for node_id, item in self.nodes.items()
                 if graph.nodes[node_id].pos is None
                 or self.scene_pos(graph.nodes[node_id].pos) != item.pos()}
        if moved:
            self.controller.move_nodes(moved)

    # ----- texts -------------------------------------------------------------------------------
    def refresh_labels(self) -> None:
        """Values, gradients, highlights and badges from the controller's walkthrough."""
        walk, ctrl = self.controller.walkthrough, self.controller
        current_node = walk.current().node_id if walk and walk.current() else None
        shown_values = walk.edge_values_shown() if walk else set()
        shown_grads = walk.edge_grads_shown() if walk else set()
        current_edges = walk.current_edges() if walk else set()
        graph, names = ctrl.graph, ctrl.names()
        for edge, wire in self.wires.items():
            value = ctrl.format(graph.values[edge.src]) if edge in shown_values else ""
            grad = ctrl.format(graph.edge_records[edge].grad) if edge in shown_grads else ""
            wire.set_style(self.style, current=edge in current_edges)
            wire.set_texts(value, grad, ctrl.edge_tooltip(edge) if walk else "")
        self._refresh_output_wire(walk, current_node, names)
        self._refresh_badges(current_node)
        self.declutter_labels()

    def _refresh_output_wire(self, walk, current_node, names) -> None:
        self._redraw_output_wire()
        if walk is None:
            return
        graph, ctrl = self.controller.graph, self.controller
        value = ctrl.format(graph.values[walk.output]) if walk.output_value_shown() else ""
        grad = ctrl.format(1.0) if walk.output_grad_shown() else ""
        out = names[walk.output]
        self.output_wire.set_style(self.style, current=current_node == walk.output)
        self.output_wire.set_texts(value, grad, f"{out} = {ctrl.format(graph.values[walk.output])}\n"
                                                f"∂{out}/∂{out} = 1: the backward pass starts here")

    def _refresh_badges(self, current_node) -> None:
        missing = self.controller.missing_arguments()
        sums = self.controller.sum_badges()
        for node_id, item in self.nodes.items():
            item.set_current(node_id == current_node)
            item.set_warning(node_id in missing)
            if node_id in missing:
                item.set_badge("⚠ " + missing[node_id], WARNING)
            elif node_id in sums:
                item.set_badge(sums[node_id], QColor(BACKWARD_COLOUR))
            else:
                item.set_badge("", INK)

    def _on_theme_changed(self) -> None:
        self.style = style_for(self.theme)
        for item in self.nodes.values():
            item.configure(item.label(), item.slots, self.style)
        self._on_graph_changed()
        self.refresh_labels()

    def set_pending_wire(self, start: QPointF | None, end: QPointF | None = None) -> None:
        self.pending_wire.setVisible(start is not None)
        if start is not None:
            self.pending_wire.setLine(start.x(), start.y(), end.x(), end.y())

