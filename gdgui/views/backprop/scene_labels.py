"""The graph scene's texts: values and gradients on the wires, highlights, Σ badges, label spots.

Mixed into ``GraphScene`` (which owns the items).  A step of the walkthrough changes the
shown state of a few wires only, so ``refresh_labels`` rewrites just the wires and nodes whose
state changed; a new graph, new digits or a new theme rewrite them all.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor

from gdgui.controllers.backprop.metrics import plate_rect
from gdgui.controllers.shell.theme import BACKWARD_COLOUR
from gdgui.views.backprop.graph_items import INK, WARNING
from gdgui.views.backprop.label_spots import RectGrid, free_spot
from gdgui.views.backprop.slices import drain


class LabelsMixin:
    """Texts, pens and badges of a ``GraphScene``, from the controller's walkthrough."""

    def _init_labels(self) -> None:
        self._labels_pending = False
        self._texts_key = self._declutter_key = None
        self._wire_states: dict = {}   # edge → (value shown, gradient shown, current) as drawn
        self._node_states: dict = {}   # node id → (current, warning, badge) as drawn

    def refresh_labels(self) -> None:
        """Values, gradients, highlights and badges from the controller's walkthrough."""
        if self.building:
            self._labels_pending = True  # the build draws them once its items exist
            return
        drain(self._label_steps())

    def _label_steps(self):
        """Rewrite what changed, yielding the share done after each wire or node."""
        walk, ctrl = self.controller.walkthrough, self.controller
        key = (self._version, self.style, ctrl.digits, walk is None)
        if key != self._texts_key:  # everything may read differently: rewrite all
            self._texts_key, self._wire_states, self._node_states = key, {}, {}
        total = max(len(self.wires) + len(self.nodes), 1)
        for done, _ in enumerate(self._wire_texts(walk), 1):
            yield 0.8 * done / total
        current_node = walk.current().node_id if walk and walk.current() else None
        self._refresh_output_wire(walk, current_node, ctrl.names())
        for done, _ in enumerate(self._refresh_badges(current_node), len(self.wires) + 1):
            yield 0.8 * done / total
        for _ in self._declutter_steps():
            yield 0.9

    def _wire_texts(self, walk):
        ctrl = self.controller
        shown_values = walk.edge_values_shown() if walk else set()
        shown_grads = walk.edge_grads_shown() if walk else set()
        current_edges = walk.current_edges() if walk else set()
        graph = ctrl.graph
        for edge, wire in self.wires.items():
            state = (edge in shown_values, edge in shown_grads, edge in current_edges)
            first = edge not in self._wire_states
            if not first and self._wire_states[edge] == state:
                continue
            value = ctrl.format(graph.values[edge.src]) if state[0] else ""
            grad = ctrl.format(graph.edge_records[edge].grad) if state[1] else ""
            wire.set_style(self.style, current=state[2])
            wire.set_texts(value, grad, (ctrl.edge_tooltip(edge) if walk else "") if first else None)
            self._wire_states[edge] = state
            yield

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

    def _refresh_badges(self, current_node):
        missing = self.controller.missing_arguments()
        sums = self.controller.sum_badges()
        for node_id, item in self.nodes.items():
            state = (node_id == current_node, missing.get(node_id), sums.get(node_id))
            if self._node_states.get(node_id) == state:
                continue
            item.set_current(state[0])
            item.set_warning(state[1] is not None)
            if state[1] is not None:
                item.set_badge("⚠ " + state[1], WARNING)
            elif state[2] is not None:
                item.set_badge(state[2], QColor(BACKWARD_COLOUR))
            else:
                item.set_badge("", INK)
            self._node_states[node_id] = state
            yield

    def declutter_labels(self) -> None:
        """Slide the labels of each wire without a route to the first free spot along it."""
        drain(self._declutter_steps())

    def _declutter_steps(self):
        """Labels of wires drawn along their layout's route stay at its spots; every other wire's
        slide to a free spot, off the nodes, their captions and badges, and every label placed
        before.  Each reserves room for the numbers it will show once both passes are on, so
        labels stay put while the class steps through the passes."""
        key = (self._version, self.style, self.controller.digits, self.controller.walkthrough is None)
        if key == self._declutter_key:
            return  # only the cursor moved: every label keeps its spot
        self._declutter_key = None  # until every wire has its spot
        widths = {}
        yield from self._final_label_widths(widths)
        grid = RectGrid(cell=2 * max(widths.values(), default=50.0))
        for item in self.nodes.values():
            for part in (item, item.badge, item.caption):
                grid.add(part.sceneBoundingRect())
        wires = sorted(self.wires.values(), key=lambda w: (w.key.src, w.key.dst, w.key.slot))
        if self.output_wire.isVisible():
            wires.insert(0, self.output_wire)
        for wire in (w for w in wires if w.spot is not None):
            grid.add(wire.label_rect(widths.get(wire.key, 0.0)))
        fanout = Counter(edge.src for edge in self.wires)  # counted once: a 5,000-wide fan-out stays linear
        for wire in (w for w in wires if w.spot is None):
            fans_out = wire.key is not None and fanout[wire.key.src] > 1
            grid.add(free_spot(wire, grid, widths.get(wire.key, 0.0), fans_out))
            yield
        self._declutter_key = key

    def _final_label_widths(self, widths: dict):
        """Fill ``widths``: the widest number each wire will show (key None: the output wire)."""
        if self.controller.walkthrough is None:
            return
        font = self.style.label_font(bold=True)
        graph, fmt = self.controller.graph, self.controller.format
        widths[None] = plate_rect(font, fmt(graph.values[graph.output()])).width()
        for edge in self.wires:
            texts = (fmt(graph.values[edge.src]), fmt(graph.edge_records[edge].grad))
            widths[edge] = max(plate_rect(font, text).width() for text in texts)
            yield
