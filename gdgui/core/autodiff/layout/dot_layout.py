"""Graphviz's ``dot`` lays a graph out left to right, through pygraphviz (its wheels bundle the library).

Every node goes in as a fixed-size box (its ``LayoutSizes`` box), and every wire as two edges
through a box of its own the size of its labels (value above the wire, gradient below): dot keeps
that box off every other box and routes every other wire around it, and the wire runs straight
through its middle, between the two plates.  The output arrow is one more such wire, to an
invisible point right of the output node.

Wires leave a box at the middle of its right side and enter one at the middle of its left side;
a gate's wires arrive in slot order, slot 0 topmost (the order the scene draws its pins).
Graphviz works in points with y growing upwards: units here are points (1/72 inch), and y is
flipped so it grows downwards like a Qt scene, with the layout's top-left corner at (0, 0).

pygraphviz holds Python's GIL while dot runs: a layout on a worker thread keeps other Python
threads, the GUI's included, waiting until it ends (hence ``layout.DOT_MAX_WORK``).  Graphviz keeps
state in globals, so one lock makes sure no two layouts ever run at once, should that change.

This is the only module that imports pygraphviz (``tests/test_architecture.py`` checks it).
"""

from __future__ import annotations

import threading

import pygraphviz

from gdgui.core.autodiff.graph import Edge, Graph
from gdgui.core.autodiff.graph_layout import OUTPUT, GraphLayout, LayoutSizes, Point, Size, output_of

POINTS_PER_INCH = 72.0
NODE_SEP = 10.0        # points between two boxes of one rank (dot's nodesep), above and below each other
RANK_SEP = 36.0        # points between two ranks (dot's ranksep): room for a wire to bend
ARROW_TIP = (12.0, 12.0)  # the point the output arrow ends on
LABEL_WEIGHT = 4       # pulls each wire's label box next to the gate the wire enters

# nslimit caps the iterations of dot's placing of nodes within their columns: graphs where one value feeds
# gates in every column (x^x^…^x) took it seconds, 5 makes it 10 times faster, and changes no graph of
# tests/graph_corpus.py or benchmarks/layout_engines.py's generated formulas of 200 and 373 nodes.
GRAPH_ATTRIBUTES = {"rankdir": "LR", "nodesep": NODE_SEP / POINTS_PER_INCH, "ranksep": RANK_SEP / POINTS_PER_INCH,
                    "splines": "spline", "ordering": "in", "nslimit": 5, "margin": 0, "pad": 0}
NODE_ATTRIBUTES = {"shape": "box", "fixedsize": "true", "label": "", "margin": 0}
EDGE_ATTRIBUTES = {"arrowhead": "none", "tailport": "e", "headport": "w"}
_ONE_AT_A_TIME = threading.Lock()


def arrange(graph: Graph, sizes: LayoutSizes) -> GraphLayout:
    """Node centres, wire routes and label spots of ``graph`` laid out by dot (``engine="dot"``)."""
    drawing = _Drawing(graph, sizes)
    with _ONE_AT_A_TIME:
        drawing.agraph.layout(prog="dot")
    return drawing.read()


class _Drawing:
    """The graph as dot's input: node ``n<i>`` for the i-th node, ``w<j>`` for the j-th wire's label box.

    Dot sees only these short names, never the graph's ids, so no id needs quoting.
    """

    def __init__(self, graph: Graph, sizes: LayoutSizes):
        self.agraph = pygraphviz.AGraph(directed=True, strict=False)
        self.agraph.graph_attr.update(GRAPH_ATTRIBUTES)
        self.agraph.node_attr.update(NODE_ATTRIBUTES)
        self.agraph.edge_attr.update(EDGE_ATTRIBUTES)
        self.names = {node_id: f"n{i}" for i, node_id in enumerate(graph.nodes)}
        for node_id, name in self.names.items():
            self._box(name, sizes.nodes[node_id])
        self.wires: dict[Edge | None, tuple[str, str, str]] = {}  # key → (tail, label box, head)
        for edge in graph.edges():  # each gate's in slot order: with ``ordering=in`` dot keeps slot 0 on top
            self._wire(edge, self.names[edge.src], self.names[edge.dst], sizes.label)
        output = output_of(graph)
        if output is not None:
            self._box("tip", ARROW_TIP)
            self._wire(OUTPUT, self.names[output], "tip", sizes.label)

    def _box(self, name: str, size: Size) -> None:
        width, height = size
        self.agraph.add_node(name, width=width / POINTS_PER_INCH, height=height / POINTS_PER_INCH)

    def _wire(self, key: Edge | None, tail: str, head: str, label: Size) -> None:
        """Two edges, tail → label box → head; the second heavier, so the box sits by the head."""
        box = f"w{len(self.wires)}"
        self.wires[key] = tail, box, head
        self._box(box, label)
        self.agraph.add_edge(tail, box)
        self.agraph.add_edge(box, head, weight=LABEL_WEIGHT)

    def read(self) -> GraphLayout:
        """What dot decided, in scene coordinates: y flipped, the top-left corner at (0, 0)."""
        left, bottom, right, top = (float(v) for v in self.agraph.graph_attr["bb"].split(","))
        def scene(x: float, y: float) -> Point:
            return x - left, top - y
        centre = {name: scene(*_point(self.agraph.get_node(name).attr["pos"])) for name in self._all_boxes()}
        positions = {node_id: centre[name] for node_id, name in self.names.items()}
        routes = {key: self._route(*names, scene) for key, names in self.wires.items()}
        spots = {key: centre[box] for key, (_, box, _) in self.wires.items()}
        return GraphLayout(positions, routes, spots, "dot")

    def _all_boxes(self) -> list[str]:
        return list(self.names.values()) + [box for _, box, _ in self.wires.values()]

    def _route(self, tail: str, box: str, head: str, scene) -> tuple[Point, ...]:
        """The wire's two splines, joined by a straight piece through its label box."""
        into = _spline(self.agraph.get_edge(tail, box).attr["pos"], scene)
        out_of = _spline(self.agraph.get_edge(box, head).attr["pos"], scene)
        return into + (into[-1], out_of[0], out_of[0]) + out_of[1:]


def _point(text: str) -> Point:
    x, y = text.split(",")[:2]
    return float(x), float(y)


def _spline(text: str, scene) -> tuple[Point, ...]:
    """Dot's edge ``pos`` (start and end arrow points dropped) as our route: a point, then triples."""
    points = [scene(*_point(token)) for token in text.split() if not token.startswith(("e,", "s,"))]
    if (len(points) - 1) % 3 or not points:
        raise ValueError(f"Graphviz returned a wire of {len(points)} points, not 1 + 3k")
    return tuple(points)
