"""Graphviz's layout of the formulas a class meets, checked in model units: no box on another box,
no wire under a gate or a label that is not its own, every gate's wires in slot order."""

import numpy as np
import pytest

from benchmarks.graph_shapes import mlp, wide_sum
from gdgui.core.autodiff import layout
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph import Edge, Graph
from gdgui.core.autodiff.graph_data import graph_from_dict
from gdgui.core.autodiff.graph_layout import OUTPUT, LayoutSizes
from tests.graph_corpus import FORMULAS

SAMPLES = 20  # points per Bézier piece
TOLERANCE = 1.0  # model units a box is shrunk by before a wire may not enter it


def laid_out(text: str):
    graph = parse(text)
    sizes = LayoutSizes.estimate(graph)
    return graph, sizes, layout.arrange(graph, sizes)


def box(centre, size, shrink: float = 0.0) -> np.ndarray:
    (x, y), (w, h) = centre, size
    return np.array([x - w / 2 + shrink, y - h / 2 + shrink, x + w / 2 - shrink, y + h / 2 - shrink])


def overlapping_pairs(boxes: np.ndarray) -> list[tuple[int, int]]:
    """Index pairs (i < j) of boxes (rows: left, top, right, bottom) whose insides meet."""
    left, top, right, bottom = (boxes[:, k] for k in range(4))
    meet = ((left[:, None] < right[None, :]) & (left[None, :] < right[:, None])
            & (top[:, None] < bottom[None, :]) & (top[None, :] < bottom[:, None]))
    i, j = np.nonzero(np.triu(meet, k=1))
    return list(zip(i.tolist(), j.tolist()))


def bezier_points(route) -> np.ndarray:
    """``SAMPLES`` points on each cubic piece of a route (its first point, then (c1, c2, end) triples)."""
    points = np.asarray(route, dtype=float)
    t = np.linspace(0.0, 1.0, SAMPLES)[:, None]
    pieces = [points[i:i + 4] for i in range(0, len(points) - 1, 3)]
    return np.concatenate([(1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * c1 + 3 * (1 - t) * t ** 2 * c2 + t ** 3 * p3
                           for p0, c1, c2, p3 in pieces])


def inside(points: np.ndarray, rect: np.ndarray) -> bool:
    x, y = points[:, 0], points[:, 1]
    return bool(np.any((rect[0] < x) & (x < rect[2]) & (rect[1] < y) & (y < rect[3])))


def label_boxes(graph, sizes, laid) -> dict:
    return {key: box(spot, sizes.label) for key, spot in laid.label_spots.items()}


def node_boxes(graph, sizes, laid, shrink: float = 0.0) -> dict:
    return {n: box(laid.positions[n], sizes.nodes[n], shrink) for n in graph.nodes}


def wire_ends(graph, key) -> set:
    return {graph.output()} if key is OUTPUT else {key.src, key.dst}


@pytest.mark.parametrize("text", FORMULAS)
def test_no_box_overlaps_another(text):
    graph, sizes, laid = laid_out(text)
    assert laid.engine == "dot" and laid.problem is None
    named = list(node_boxes(graph, sizes, laid).items()) + list(label_boxes(graph, sizes, laid).items())
    pairs = overlapping_pairs(np.array([rect for _, rect in named]))
    assert [(named[i][0], named[j][0]) for i, j in pairs] == []


@pytest.mark.parametrize("text", FORMULAS)
def test_no_wire_passes_under_a_gate_or_a_label_not_its_own(text):
    graph, sizes, laid = laid_out(text)
    nodes, labels = node_boxes(graph, sizes, laid, TOLERANCE), label_boxes(graph, sizes, laid)
    crossed = []
    for key, route in laid.routes.items():
        points = bezier_points(route)
        crossed += [(key, n) for n, rect in nodes.items() if n not in wire_ends(graph, key) and inside(points, rect)]
        crossed += [(key, other) for other, rect in labels.items()
                    if other != key and inside(points, rect + [TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE])]
    assert crossed == []


@pytest.mark.parametrize("text", FORMULAS)
def test_every_wire_runs_side_to_side_through_the_middle_of_its_label(text):
    graph, sizes, laid = laid_out(text)
    assert set(laid.routes) == set(laid.label_spots) == set(graph.edges()) | {OUTPUT}
    for key, route in laid.routes.items():
        assert len(route) % 3 == 1 and np.isfinite(route).all()
        if key is not OUTPUT:
            (sx, sy), (dx, _) = laid.positions[key.src], laid.positions[key.dst]
            # dot places boxes of whole points (sizes rounded up) at whole points: within a point
            assert route[0] == pytest.approx((sx + sizes.nodes[key.src][0] / 2, sy), abs=1.0)
            # it ends at the gate's box, level with its labels (the drawing bends it to the gate's pin)
            assert route[-1] == pytest.approx((dx - sizes.nodes[key.dst][0] / 2, laid.label_spots[key][1]), abs=1.0)
        points, (x, y) = bezier_points(route), laid.label_spots[key]
        level = np.abs(points[:, 0] - x) <= sizes.label[0] / 2
        assert np.allclose(points[level, 1], y, atol=0.5), key  # straight through the label box, level
    assert np.isfinite(list(laid.positions.values())).all()


@pytest.mark.parametrize("text", FORMULAS)
def test_a_gates_wires_arrive_in_slot_order_slot_0_on_top(text):
    graph, sizes, laid = laid_out(text)
    for node in graph.nodes.values():
        wires = [edge for edge in graph.edges() if edge.dst == node.id]
        for upper, lower in zip(wires, wires[1:]):
            assert laid.label_spots[upper][1] < laid.label_spots[lower][1], (upper, lower)
            assert _stays_above(laid.routes[upper], laid.routes[lower], laid.label_spots[upper][0])


def _stays_above(upper, lower, after_x: float) -> bool:
    """From ``after_x`` on, the upper wire is nowhere below the lower one (where both have an x)."""
    a, b = bezier_points(upper), bezier_points(lower)
    a, b = a[a[:, 0] >= after_x], b[b[:, 0] >= after_x]
    a, b = a[np.argsort(a[:, 0])], b[np.argsort(b[:, 0])]
    xs = np.linspace(max(a[0, 0], b[0, 0]), min(a[-1, 0], b[-1, 0]), 50)
    return bool(np.all(np.interp(xs, *a.T) <= np.interp(xs, *b.T) + 0.5))


def test_a_constant_sits_just_left_of_the_gate_that_uses_it():
    graph, sizes, laid = laid_out("x^2 + 2*y^2")
    for const in (n for n in graph.nodes.values() if n.kind == "const"):
        (user,) = [n for n in graph.nodes.values() if const.id in n.args]
        porch = layout.dot_layout.LEAD + sizes.label[0] + layout.dot_layout.GAP  # a gate's wires' labels, left of it
        boxes = {n: box - [porch if graph.nodes[n].kind == "op" else 0, 0, 0, 0]
                 for n, box in node_boxes(graph, sizes, laid).items()}
        left, right = boxes[const.id][2], boxes[user.id][0]
        assert left < right
        between = [n for n, box in boxes.items() if left < box[0] and box[2] < right]
        assert between == []  # no column between the constant and its gate


def test_the_layout_starts_at_the_top_left_corner_and_grows_right_and_down():
    graph, sizes, laid = laid_out("(x + y) * z")
    corners = np.array(list(node_boxes(graph, sizes, laid).values()) + list(label_boxes(graph, sizes, laid).values()))
    assert corners[:, :2].min(axis=0) == pytest.approx((0.0, 0.0), abs=1.0)
    assert laid.positions[graph.output()][0] > max(laid.positions[i][0] for i in graph.input_ids().values())


def test_the_same_graph_always_gets_the_same_layout():
    text = "tanh(w1*tanh(x1*w0 + x2*w1 + b1) + w2*tanh(x1*w2 + x2*w0 + b2) + b3)"
    assert laid_out(text)[2] == laid_out(text)[2]


def test_bigger_boxes_get_more_room():
    graph = parse("exp(x) * y + 1")
    estimate = LayoutSizes.estimate(graph)
    sizes = LayoutSizes({n: (3 * w, 1.5 * h) for n, (w, h) in estimate.nodes.items()}, (2 * estimate.label[0], 60.0))
    laid = layout.arrange(graph, sizes)
    boxes = list(node_boxes(graph, sizes, laid).values()) + list(label_boxes(graph, sizes, laid).values())
    assert overlapping_pairs(np.array(boxes)) == []
    for edge in graph.edges():
        assert laid.routes[edge][-1][0] - laid.routes[edge][0][0] >= sizes.label[0]


@pytest.mark.parametrize("data", [mlp(200), wide_sum(899)], ids=["mlp_200", "wide_sum_899"])
def test_big_graphs_within_dots_reach_are_laid_out_by_dot_with_no_box_on_another(data):
    graph = graph_from_dict(data)
    assert layout.dot_work(graph) <= layout.DOT_MAX_WORK
    sizes = LayoutSizes.estimate(graph)
    laid = layout.arrange(graph, sizes)
    assert laid.engine == "dot" and set(laid.routes) == set(graph.edges()) | {OUTPUT}
    boxes = list(node_boxes(graph, sizes, laid).values()) + list(label_boxes(graph, sizes, laid).values())
    assert overlapping_pairs(np.array(boxes)) == []


def test_a_1000_node_network_is_laid_out_by_the_fallback_with_no_node_on_another():
    graph = graph_from_dict(mlp(1000))
    sizes = LayoutSizes.estimate(graph)
    laid = layout.arrange(graph, sizes)
    assert laid.engine == "layered" and set(laid.routes) == set(graph.edges()) | {OUTPUT}
    assert overlapping_pairs(np.array(list(node_boxes(graph, sizes, laid).values()))) == []


def test_half_built_graphs_are_laid_out_without_an_output_arrow():
    graph = Graph()
    a = graph.add_input("a")
    gate = graph.add_op("mul", [a, None])
    graph.add_const(2.0)
    laid = layout.arrange(graph)
    assert laid.engine == "dot" and set(laid.positions) == set(graph.nodes)
    assert set(laid.routes) == {Edge(a, gate, 0)}  # two sinks: no output yet, so no arrow
