"""The graph scene's texts: values and gradients on the wires, highlights, Σ badges, label spots.

Mixed into ``GraphScene`` (which owns the items).  A step of the walkthrough changes the
shown state of a few wires only, so ``refresh_labels`` looks only at the wires and nodes the
steps since the last refresh touched (``Walkthrough.touched``) and rewrites those whose state
changed; new input values (``values_version``: the items all stay) rewrite the wires whose
numbers changed, and move only if they outgrew their spots; a new graph, new digits or a new
theme rewrite them all.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor

from gdgui.controllers.backprop.metrics import plate_rect
from gdgui.controllers.shell.theme import BACKWARD_COLOUR
from gdgui.views.backprop.graph_items import MUTED, WARNING
from gdgui.views.backprop.label_spots import RectGrid, free_spot
from gdgui.views.backprop.slices import drain

NOT_CONNECTED = "not connected"  # the badge of a node on no wire (a graph of one node is whole)


class LabelsMixin:
    """Texts, pens and badges of a ``GraphScene``, from the controller's walkthrough."""

    def _init_labels(self) -> None:
        self._labels_pending = False
        self._texts_key = self._declutter_key = None
        self._wire_states: dict = {}   # edge → ((value shown, gradient shown, current), value, gradient) drawn
        self._node_states: dict = {}   # node id → (current, warning, Σ, loose, singular ∂) as drawn
        self._values_drawn = None      # the controller's values_version the texts were written from
        self._tips_version = 0         # bumped when new values make every wire's tooltip stale
        self._tips_written: dict = {}  # edge or node id → the _tips_version its tooltip was written at (none yet:
        #                                written when first asked for, so a new graph builds no tooltip)
        self._room: dict = {}          # edge (None: the output wire) → the label width its spot was chosen for
        self._drawn = None             # (walkthrough, cursor, values_version, practice) of the last complete refresh

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
            self._texts_key, self._wire_states, self._node_states, self._tips_written = key, {}, {}, {}
        edges, nodes = self._touched(walk)
        total = max(len(self.wires) + len(self.nodes), 1)
        for done, _ in enumerate(self._wire_texts(walk, edges), 1):
            yield 0.8 * done / total
        current_node = walk.current().node_id if walk and walk.current() else None
        self._refresh_output_wire(walk, current_node, ctrl.names(), redraw=edges is None)
        for done, _ in enumerate(self._refresh_badges(current_node, nodes), len(self.wires) + 1):
            yield 0.8 * done / total
        for _ in self._declutter_steps():
            yield 0.9
        self._drawn = (walk, walk.cursor, ctrl.values_version, walk.practice) if walk else None

    def _touched(self, walk) -> tuple:
        """The wires and nodes a cursor move and value edits since the last complete refresh touched (a
        wire's value or gradient, its ends' Σ and singular badges), or (None, None): look at all of them
        (another walkthrough or document, or a refresh left half done)."""
        drawn, self._drawn = self._drawn, None
        if drawn is not None and walk is not None and drawn[3] != walk.practice:
            self._tips_version += 1  # a wire's tooltip names its gradient: hidden or revealed since (practice)
        renumbered = None if drawn is None else self.controller.renumbered_since(drawn[2])
        if (walk is None or drawn is None or drawn[0] is not walk or renumbered is None
                or not self._wire_states or None in (drawn[3], walk.practice) and drawn[3] is not walk.practice):
            return None, None
        edges, nodes = walk.touched(drawn[1], walk.cursor)
        flipped = drawn[3] ^ walk.practice if walk.practice is not None else set()  # practice: wires revealed since
        new_numbers = renumbered.edges.union(*(walk.outgoing[node_id] for node_id in renumbered.nodes))
        return (edges | flipped | new_numbers,
                nodes | {edge.src for edge in flipped} | {end for edge in new_numbers for end in (edge.src, edge.dst)})

    def _wire_texts(self, walk, edges=None):
        """Rewrite the wires (all, or the ``edges`` a cursor move touched) whose shown/current state changed;
        after new values (a value edit keeps every item), also those whose numbers changed. Tooltips are
        written when one is asked for (``helpEvent``)."""
        ctrl = self.controller
        graph, new_values = ctrl.graph, ctrl.values_version != self._values_drawn
        for edge in self.wires if edges is None else edges:
            wire = self.wires.get(edge)
            flags = (walk.value_shown(edge), walk.grad_shown(edge), walk.is_current(edge)) if walk else (False,) * 3
            drawn = self._wire_states.get(edge)
            if wire is None or drawn is not None and drawn[0] == flags and not new_values:
                continue  # a step of the walkthrough that leaves this wire as it was
            state = (flags, float(graph.values[edge.src]) if flags[0] else None,
                     float(graph.edge_records[edge].grad) if flags[1] else None)
            if drawn == state:
                continue
            wire.set_style(self.style, current=flags[2])
            wire.set_texts("" if state[1] is None else ctrl.format(state[1]),
                           "" if state[2] is None else ctrl.format(state[2]), None)
            self._wire_states[edge] = state
            self._check_room(wire)
            yield
        if new_values and self._values_drawn is not None:
            self._tips_version += 1  # every tooltip names numbers: rewritten when next asked for
            self._retip_inputs(self.controller.renumbered_since(self._values_drawn))
        self._values_drawn = ctrl.values_version

    def _retip_inputs(self, renumbered=None) -> None:
        """Input boxes' tooltips name their values: those that changed (all, if not known which)."""
        for node_id in self.controller.graph.input_ids().values():
            if node_id in self.nodes and (renumbered is None or node_id in renumbered.nodes):
                self.nodes[node_id].setToolTip(self.controller.node_tooltip(node_id))

    def helpEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Bring the tooltip of the wire under the pointer up to date before Qt shows it."""
        under = self.items(event.scenePos())
        stale = [wire for item in under if (wire := self._wire_of(item)) is not None
                 and wire.key is not None and self._tips_written.get(wire.key) != self._tips_version]
        for wire in stale:
            wire.set_tooltip(self.controller.edge_tooltip(wire.key) if self.controller.walkthrough else "")
            self._tips_written[wire.key] = self._tips_version
        self._retip_gates(under)
        super().helpEvent(event)

    def _retip_gates(self, items) -> None:
        """A gate's tooltip names what its local partial is at the point (new values: rewritten when asked for)."""
        for node_id in {getattr(item, "node_id", None) for item in items} & self.nodes.keys():
            if self._tips_written.get(node_id) != self._tips_version:
                self.nodes[node_id].setToolTip(self.controller.node_tooltip(node_id))
                self._tips_written[node_id] = self._tips_version

    def _wire_of(self, item):
        if item in self.wires.values():
            return item
        return next((wire for wire in self.wires.values() if item in wire.labels()), None)

    def _refresh_output_wire(self, walk, current_node, names, redraw: bool = True) -> None:
        """Its texts; and its arrow drawn again (``redraw``) unless only the cursor or values moved."""
        if redraw:
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
        self._check_room(self.output_wire)

    def _check_room(self, wire) -> None:
        """New numbers (after a value edit) wider than the room their spot was chosen for: choose again; but
        while every label sits at its route's spot, none is chosen (no room was measured for it: nothing
        moves), and a wire that has its route's spot since keeps it: its room grows."""
        room = self._room.get(wire.key)
        if room is None or _label_width(wire) <= room + 0.5:
            return
        if any(w.spot is None for w in self._placed_wires()):
            self._declutter_key = None
        else:
            self._room[wire.key] = self._final_width(wire.key, self.style.label_font(bold=True))

    def _refresh_badges(self, current_node, touched=None):
        """Current gate, warnings, Σ, singular ∂ and "not connected" badges of every node, or of the ``touched`` ones
        only (a cursor move: their warnings and loose ends, which only an edit changes, stay as drawn)."""
        if touched is None:
            missing = self.controller.missing_arguments()
            wired = {end for edge in self.wires for end in (edge.src, edge.dst)} if len(self.nodes) > 1 else set(self.nodes)
        else:
            drawn = {node_id: self._node_states[node_id] for node_id in touched if node_id in self._node_states}
            missing = {node_id: state[1] for node_id, state in drawn.items()}
            wired = {node_id for node_id, state in drawn.items() if not state[3]}
        sums, singular = self.controller.sum_badges(touched), self.controller.singular_badges(touched)
        for node_id in self.nodes if touched is None else touched:
            item = self.nodes.get(node_id)
            state = (node_id == current_node, missing.get(node_id), sums.get(node_id), node_id not in wired,
                     singular.get(node_id))
            if item is None or self._node_states.get(node_id) == state:
                continue
            item.set_current(state[0])
            item.set_warning(state[1] is not None)
            item.set_loose(state[3])
            if state[1] is not None:
                item.set_badge("⚠ " + state[1], WARNING)
            elif state[2] is not None or state[4] is not None:
                item.set_badge(" · ".join(t for t in (state[2], state[4]) if t),
                               QColor(BACKWARD_COLOUR) if state[2] is not None else WARNING)
            else:
                item.set_badge(NOT_CONNECTED if state[3] else "", MUTED)
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
        wires = self._placed_wires()
        if any(w.spot is None for w in wires):  # a layout's routes give every wire its spot: nothing to slide,
            yield from self._final_label_widths(widths)  # and no room to keep for later numbers
            yield from self._slide_labels(wires, widths)
        self._declutter_key, self._room = key, widths

    def _placed_wires(self) -> list:
        """The wires whose labels have spots: the output wire while it shows, then every wire in order."""
        wires = sorted(self.wires.values(), key=lambda w: (w.key.src, w.key.dst, w.key.slot))
        return [self.output_wire, *wires] if self.output_wire.isVisible() else wires

    def _slide_labels(self, wires, widths: dict):
        grid = RectGrid(cell=2 * max(widths.values(), default=50.0))
        for item in self.nodes.values():
            for part in (item, *item.texts()):
                grid.add(part.sceneBoundingRect())
        for wire in (w for w in wires if w.spot is not None):
            grid.add(wire.label_rect(widths.get(wire.key, 0.0)))
        fanout = Counter(edge.src for edge in self.wires)  # counted once: a 5,000-wide fan-out stays linear
        for wire in (w for w in wires if w.spot is None):
            fans_out = wire.key is not None and fanout[wire.key.src] > 1
            grid.add(free_spot(wire, grid, widths.get(wire.key, 0.0), fans_out))
            yield

    def _final_label_widths(self, widths: dict):
        """Fill ``widths``: the widest number each wire will show (key None: the output wire)."""
        if self.controller.walkthrough is None:
            return
        font = self.style.label_font(bold=True)
        widths[None] = self._final_width(None, font)
        for edge in self.wires:
            widths[edge] = self._final_width(edge, font)
            yield

    def _final_width(self, edge, font) -> float:
        """The widest number wire ``edge`` (None: the output wire) will show once both passes are on."""
        graph, fmt = self.controller.graph, self.controller.format
        if edge is None:
            return plate_rect(font, fmt(graph.values[self.controller.walkthrough.output])).width()
        texts = (fmt(graph.values[edge.src]), fmt(graph.edge_records[edge].grad))
        return max(plate_rect(font, text).width() for text in texts)


def _label_width(wire) -> float:
    return max(label.boundingRect().width() for label in wire.labels())
