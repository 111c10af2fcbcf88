"""A stand-in for a routing layout engine in tests: the app's own node places, every wire an S-curve.

``curved_layouts(monkeypatch)`` makes every layout the app asks for (``layout.arrange``) keep its
node positions but route each wire as one cubic piece, from the source's right to the target's
left, with its label spot at the curve's middle, and say it was made by ``"dot"``: what the
drawing does with routes can then be tested whether or not Graphviz is installed.
"""

from __future__ import annotations

import dataclasses

from gdgui.core.autodiff import layout
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_layout import OUTPUT

REACH = 40.0   # model units from a node's centre to where its route starts or ends
ARROW = 120.0  # the output arrow's length


def s_curve(start, end):
    """One cubic piece leaving ``start`` and reaching ``end`` horizontally, and its middle point."""
    middle = (start[0] + end[0]) / 2
    route = (start, (middle, start[1]), (middle, end[1]), end)
    return route, (middle, (start[1] + end[1]) / 2)


def curved(arrange):
    def laid_out(graph, sizes=None):
        laid = arrange(graph, sizes)
        routes, spots = {}, {}
        for edge in graph.edges():
            (x0, y0), (x1, y1) = laid.positions[edge.src], laid.positions[edge.dst]
            routes[edge], spots[edge] = s_curve((x0 + REACH, y0), (x1 - REACH, y1))
        try:
            x, y = laid.positions[graph.output()]
            routes[OUTPUT], spots[OUTPUT] = s_curve((x + REACH, y), (x + ARROW, y))
        except GraphError:
            pass
        return dataclasses.replace(laid, routes=routes, label_spots=spots, engine="dot")
    return laid_out


def curved_layouts(monkeypatch) -> None:
    monkeypatch.setattr(layout, "arrange", curved(layout.arrange))
