"""Graphviz's ``dot`` lays a graph out left to right, through pygraphviz (its wheels bundle the library).

Every node goes in as a fixed-size box (its ``LayoutSizes`` box).  A gate's box carries a *porch*
on its left: one row per argument slot, slot 0 on top, each as tall as a wire's labels (value
above the wire, gradient below) and ``ROW_GAP``, and as wide as them plus ``LEAD`` and ``GAP``.
A wire ends at the left of its slot's row (an HTML-table port), runs level through the porch
(``LEAD`` of bare wire, so it has finished bending, then between its value and its gradient),
and bends to the gate's pin in the ``GAP``.  So dot keeps every label off every other box and
routes every other wire around it, with no node of its own per wire: a wire's label as a node
of its own doubled the columns and made dot four times slower.  The output arrow ends on a
point with a porch of its own, right of the output node.

Wires leave a box at the middle of its right side.  The slot ports keep each gate's wires in slot
order through dot's crossing minimisation; ``ordering=in`` on top of them only added crossings
(267 against 187 on a 190-node formula, ``benchmarks/layout_engines.py``).  Graphviz works in points with y growing
upwards: units here are points (1/72 inch), and y is flipped so it grows downwards like a Qt
scene, with the layout's top-left corner at (0, 0).  The graph goes to Graphviz as DOT text and
comes back as its JSON rendering, each parsed in C (building it with pygraphviz's calls node by
node took a third of dot's own time).

pygraphviz holds Python's GIL while dot runs: a layout on a worker thread keeps other Python
threads, the GUI's included, waiting until it ends (hence ``layout.DOT_MAX_WORK``).  Graphviz keeps
state in globals, so one lock makes sure no two layouts ever run at once, should that change.

This is the only module that imports pygraphviz (``tests/test_architecture.py`` checks it).
"""

from __future__ import annotations

import json
import math
import threading

import pygraphviz

from gdgui.core.autodiff.graph import Edge, Graph
from gdgui.core.autodiff.graph_layout import OUTPUT, GraphLayout, LayoutSizes, Point, Size, output_of

POINTS_PER_INCH = 72.0
NODE_SEP = 10.0        # points between two boxes of one rank (dot's nodesep), above and below each other
RANK_SEP = 36.0        # points between two ranks (dot's ranksep): room for a wire to bend
GAP = 14               # points between a porch's labels and its gate, where a wire bends to its pin
LEAD = 12              # points of straight wire a porch holds before its labels: wires bend clear of them
ROW_GAP = 4            # points between two rows of a porch, so two wires' plates never touch
ARROW_TIP = (12.0, 12.0)  # the point the output arrow ends on

# nslimit caps the iterations of dot's placing of nodes within their columns: graphs where one value feeds
# gates in every column (x^x^…^x) took it seconds, 5 makes it 10 times faster, and changes no graph of
# tests/graph_corpus.py or benchmarks/layout_engines.py's generated formulas of 200 and 373 nodes.
# mclimit halves the passes of its crossing minimisation: a typed sum of 45 neurons (226 nodes) took
# 620 ms of CPU, 386 with it, with the same crossings there and on a 190-node generated formula.
GRAPH_ATTRIBUTES = {"rankdir": "LR", "nodesep": NODE_SEP / POINTS_PER_INCH, "ranksep": RANK_SEP / POINTS_PER_INCH,
                    "splines": "spline", "nslimit": 5, "mclimit": 0.5, "margin": 0, "pad": 0}
NODE_ATTRIBUTES = {"shape": "plain", "margin": 0}
EDGE_ATTRIBUTES = {"arrowhead": "none", "tailport": "e"}
_ONE_AT_A_TIME = threading.Lock()


def arrange(graph: Graph, sizes: LayoutSizes) -> GraphLayout:
    """Node centres, wire routes and label spots of ``graph`` laid out by dot (``engine="dot"``)."""
    drawing = _Drawing(graph, sizes)
    with _ONE_AT_A_TIME:
        rendered = pygraphviz.AGraph(string=drawing.source()).draw(format="json0", prog="dot")
    return drawing.read(json.loads(rendered))


class _Box:
    """One node as dot sees it: a gate (or value) box of ``size``, and a porch of ``slots`` rows."""

    def __init__(self, size: Size, slots: int, label: Size):
        self.width, self.height = (math.ceil(v) for v in size)
        self.slots = slots
        self.porch = LEAD + math.ceil(label[0]) + GAP if slots else 0
        self.row = max(math.ceil(label[1]) + ROW_GAP, math.ceil(self.height / slots)) if slots else 0
        self.height = max(self.height, self.row * slots)

    def html(self) -> str:
        """The box as a borderless HTML table: porch rows (ports ``p0``, ``p1``, …) left of the gate cell."""
        gate = f'<TD ROWSPAN="{max(self.slots, 1)}" {_cell(self.width, self.height)}></TD>'
        rows = [f'<TR><TD PORT="p{i}" {_cell(self.porch, self.row)}></TD>{gate if i == 0 else ""}</TR>'
                for i in range(self.slots)] or [f"<TR>{gate}</TR>"]
        return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(rows)}</TABLE>>'

    def gate_centre(self, centre: Point) -> Point:
        """The gate's centre in the scene, given the whole box's."""
        return centre[0] + (self.porch + self.width) / 2 - self.width / 2, centre[1]

    def slot_row(self, centre: Point, slot: int) -> tuple[float, float, float]:
        """Left and right of the porch, and the level of ``slot``'s row, in the scene."""
        left = centre[0] - (self.porch + self.width) / 2
        level = centre[1] - self.height / 2 + (slot + 0.5) * self.row
        return left, left + self.porch, level


def _cell(width: int, height: int) -> str:
    return f'FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}"'


class _Drawing:
    """The graph as dot's input: node ``n<i>`` for the i-th node, ``tip`` for the output arrow's point.

    Dot sees only these short names, never the graph's ids, so no id needs quoting.
    """

    def __init__(self, graph: Graph, sizes: LayoutSizes):
        self.names = {node_id: f"n{i}" for i, node_id in enumerate(graph.nodes)}
        self.label = sizes.label
        self.boxes = {self.names[n]: _Box(sizes.nodes[n], _slots(graph, n), sizes.label) for n in graph.nodes}
        self.wires: dict[Edge | None, tuple[str, str, int]] = {
            edge: (self.names[edge.src], self.names[edge.dst], edge.slot) for edge in graph.edges()}
        output = output_of(graph)
        if output is not None:
            self.boxes["tip"] = _Box(ARROW_TIP, 1, sizes.label)
            self.wires[OUTPUT] = self.names[output], "tip", 0

    def source(self) -> str:
        """The graph in the DOT language."""
        lines = ["digraph {", f"graph [{_attributes(GRAPH_ATTRIBUTES)}]", f"node [{_attributes(NODE_ATTRIBUTES)}]",
                 f"edge [{_attributes(EDGE_ATTRIBUTES)}]"]
        lines += [f"{name} [label={box.html()}]" for name, box in self.boxes.items()]
        lines += [f'{tail} -> {head} [headport="p{slot}:w"]' for tail, head, slot in self.wires.values()]
        return "\n".join(lines + ["}"])

    def read(self, rendered: dict) -> GraphLayout:
        """What dot decided, in scene coordinates: y flipped, the top-left corner at (0, 0)."""
        left, bottom, right, top = (float(v) for v in rendered["bb"].split(","))
        def scene(x: float, y: float) -> Point:
            return x - left, top - y
        boxes = rendered.get("objects", ())
        centre = {item["name"]: scene(*_point(item["pos"])) for item in boxes}
        named = {item["_gvid"]: item["name"] for item in boxes}  # JSON edges name their ends by number
        splines = {(named[item["tail"]], named[item["head"]], item["headport"]): item["pos"]
                   for item in rendered.get("edges", ())}
        positions = {node_id: self.boxes[box].gate_centre(centre[box]) for node_id, box in self.names.items()}
        routes, spots = {}, {}
        for key, (tail, head, slot) in self.wires.items():
            porch_left, porch_right, level = self.boxes[head].slot_row(centre[head], slot)
            spots[key] = porch_left + LEAD + self.label[0] / 2, level
            routes[key] = _spline(splines[tail, head, f"p{slot}:w"], left, top) + _across(porch_left, porch_right, level)
        return GraphLayout(positions, routes, spots, "dot")


def _slots(graph: Graph, node_id: str) -> int:
    node = graph.nodes[node_id]
    return len(node.args) if node.kind == "op" else 0


def _attributes(attributes: dict) -> str:
    return ", ".join(f'{key}="{value}"' for key, value in attributes.items())


def _across(left: float, right: float, level: float) -> tuple[Point, ...]:
    """A wire's last two pieces: level across its labels, then on into the gap before the gate, where
    the drawing bends it to the gate's pin (``views/backprop/graph_wires.route_path``)."""
    labels_end = right - GAP
    middle = labels_end + GAP / 2
    past_labels, bend = (labels_end, level), (middle, level)  # each twice: one pair each (fewer objects to keep)
    return (left, level), past_labels, past_labels, bend, bend, (right, level)


def _point(text: str) -> Point:
    x, y = text.split(",")[:2]
    return float(x), float(y)


def _spline(text: str, left: float, top: float) -> tuple[Point, ...]:
    """Dot's edge ``pos`` (start and end arrow points dropped) as our route: a point, then triples, in the
    scene as ``read`` places it (``left`` and ``top``: the drawing's corner; written out here, as this runs
    for every point of every wire)."""
    points = []
    for token in text.split():
        if not token.startswith(("e,", "s,")):
            x, y = token.split(",")[:2]
            points.append((float(x) - left, top - float(y)))
    if (len(points) - 1) % 3 or not points:
        raise ValueError(f"Graphviz returned a wire of {len(points)} points, not 1 + 3k")
    return tuple(points)
