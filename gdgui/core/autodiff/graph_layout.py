"""What a layout hands the drawing: node centres, wire routes and label spots, in model units.

Model units are scene pixels at the laptop theme (``controllers/backprop/metrics.py`` measures
every size in them); the projector theme scales the whole scene, and its text takes no more model
units than the laptop's, so a layout made once fits both.

A route is a cubic Bézier path: its first point, then one (control, control, end) triple per
piece — a straight wire is ``(start, start, end, end)``.  It starts at the middle of the right side
of its source's box and ends at the left side of its destination's box, level with its label spot
(the drawing bends its last piece to the gate's pin); a label spot is the centre of the wire's
label box, which the wire crosses level, between value and gradient.  ``OUTPUT`` keys the arrow that leaves
the output node and carries f's value and ∂f/∂f = 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gdgui.core.autodiff.graph import Edge, Graph, GraphError

Point = tuple[float, float]
Size = tuple[float, float]
OUTPUT = None  # the key of the output arrow in ``routes`` and ``label_spots``

# Estimates for a layout made without a screen (the CLI, core tests): about the laptop theme's sizes,
# rather more than less (a wire's two plates take 52 at the laptop theme).
_CHAR_W, _TEXT_H, _GATE = 9.0, 22.0, 54.0


@dataclass(frozen=True)
class LayoutSizes:
    """The room each drawn thing needs, in model units.

    ``nodes``: each node's whole box (its body, with room above for its caption and below for
    a Σ badge or warning), centred on the node's position.  ``label``: one wire's value plate
    above and gradient plate below, together (wide enough for any number at the digits shown).
    """
    nodes: dict[str, Size]
    label: Size

    @staticmethod
    def estimate(graph) -> LayoutSizes:
        """Sizes from character counts, for a layout with no fonts to measure."""
        def box(node) -> Size:
            width = max(_GATE, _CHAR_W * len(node.label) + 24.0)
            return width, _GATE + 2 * _TEXT_H
        return LayoutSizes({n: box(node) for n, node in graph.nodes.items()}, (_CHAR_W * 10 + 8, 2 * _TEXT_H + 12))


@dataclass
class GraphLayout:
    """Where everything goes. ``engine`` names what made it: ``"dot"`` (Graphviz) or ``"layered"``
    (the fallback: straight wires, labels at their middles), and ``problem`` why the fallback did,
    in words for the status bar (``None`` when dot made it)."""
    positions: dict[str, Point]
    routes: dict[Edge | None, tuple[Point, ...]] = field(default_factory=dict)
    label_spots: dict[Edge | None, Point] = field(default_factory=dict)
    engine: str = "layered"
    problem: str | None = None


def output_of(graph: Graph) -> str | None:
    """The node the output arrow leaves, or ``None`` while the graph has no single output."""
    try:
        return graph.output()
    except GraphError:  # a graph being built by hand: no arrow yet
        return None
