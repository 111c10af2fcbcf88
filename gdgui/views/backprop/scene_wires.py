"""The graph scene's wires: made for new edges in the graph's order, indexed by node, and drawn
from port to port along the routes of the controller's layouts (``controller.routes()``), their
labels at the layout's spots; a wire without a route is straight, and so are a dragged node's wires.

Mixed into ``GraphScene`` (which owns the items, ``wires`` and ``output_wire`` among them).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF

from gdgui.controllers.backprop.metrics import OUTPUT_ARROW
from gdgui.core.autodiff.graph_layout import OUTPUT
from gdgui.views.backprop.graph_items import NodeItem
from gdgui.views.backprop.graph_wires import WireItem
from gdgui.views.backprop.slices import drain


class WiresMixin:
    """Wire items of a ``GraphScene``: added, removed, routed and redrawn."""

    def _add_wire_items(self, wire: WireItem) -> None:
        for item in (wire, *wire.labels()):
            self.addItem(item)

    def _remove_wire_items(self, wire: WireItem) -> None:
        for item in (wire, *wire.labels()):
            self.removeItem(item)

    def _sync_wires(self, edges):
        """Wires for the new ``edges``, added in the graph's order: wires cross in the same stacking every time."""
        for edge in (edge for edge in edges if edge not in self.wires):
            wire = self.wires[edge] = WireItem(edge)
            wire.set_style(self.style)
            self._adopt_detail(*wire.labels())
            self._add_wire_items(wire)
            yield

    def _index_wires(self) -> None:
        self._wires_of = {node_id: [] for node_id in self.nodes}
        for edge, wire in self.wires.items():
            self._wires_of[edge.src].append(wire)
            self._wires_of[edge.dst].append(wire)

    def redraw_wires(self, wires=None) -> None:
        """Move wires (all, or some) to their ports, along their routes."""
        drain(self._redraw_wires(self.wires.values() if wires is None else wires))
        self._redraw_output_wire()

    def _redraw_wires(self, wires, straight: bool = False):
        for wire in wires:
            edge = wire.key
            route, spot = (None, None) if straight else self._scene_route(edge)
            wire.set_ends(self.nodes[edge.src].out_port(), self.nodes[edge.dst].in_port(edge.slot), route, spot)
            yield

    def _scene_route(self, key) -> tuple:
        """The route and label spot the controller's layout gave a wire, in scene coordinates (or Nones)."""
        laid = self._routes.get(key)
        if laid is None:
            return None, None
        route, spot = laid  # the route as plain pairs: the wire makes its points from them as it draws its path
        if self.style.scale != 1.0:  # (at the laptop theme's scale the model's pairs are the scene's)
            route = [self.scene_xy(point) for point in route]
        return route, (self.scene_pos(spot) if spot is not None else None)

    def _redraw_output_wire(self, straight: bool = False) -> None:
        walk = self.controller.walkthrough
        visible = walk is not None and walk.output in self.nodes
        for item in (self.output_wire, *self.output_wire.labels()):
            item.setVisible(visible)
        if not visible:
            return
        start = self.nodes[walk.output].out_port()
        route, spot = (None, None) if straight else self._scene_route(OUTPUT)
        end = QPointF(*route[-1]) if route else start + QPointF(OUTPUT_ARROW * self.style.scale, 0)
        self.output_wire.set_ends(start, end, route, spot)

    def _on_selection_changed(self) -> None:
        for wire in self.wires.values():
            wire.restyle()

    def _on_node_moved(self, item: NodeItem) -> None:
        """The wires of a dragged node, and of the other selected nodes the drag moved with it, follow
        them straight (the others keep their routes)."""
        moved = {item.node_id} | {node.node_id for node in self.selectedItems() if isinstance(node, NodeItem)}
        wires = dict.fromkeys(wire for node_id in moved for wire in self._wires_of.get(node_id, ()))
        drain(self._redraw_wires(wires, straight=True))
        walk = self.controller.walkthrough
        if walk is not None and walk.output in moved:
            self._redraw_output_wire(straight=True)
