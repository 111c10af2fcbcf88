"""The layered layout (the fallback): columns by longest path, constants beside their gate, few
crossings, gaps made from the sizes of what is drawn, straight wires labelled at their middles."""

import itertools

import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_layout import OUTPUT, LayoutSizes
from gdgui.core.autodiff.layout.layered import MARGIN, LayeredJob, gaps, layers, order_columns

LOGISTIC = "reciprocal(exp((w0 + w1*x1 + w2*x2) * -1) + 1)"


def _by_op(graph, op):
    return [n.id for n in graph.nodes.values() if n.op == op]


def test_inputs_first_ops_by_longest_path_constants_just_before_their_gate():
    graph = parse(LOGISTIC)
    column = layers(graph)
    assert {column[i] for i in graph.input_ids().values()} == {0}
    (exp,), (recip,) = _by_op(graph, "exp"), _by_op(graph, "reciprocal")
    assert column[recip] == column[exp] + 2 == 7
    for node in graph.nodes.values():
        if node.kind == "op":
            assert column[node.id] == 1 + max([column[a] for a in node.args
                                               if graph.nodes[a].kind != "const"], default=0)
        if node.kind == "const":
            user = next(u for u in graph.nodes.values() if node.id in u.args)
            assert column[node.id] == column[user.id] - 1


def layered(graph, sizes=None):
    job = LayeredJob(graph, sizes or LayoutSizes.estimate(graph))
    shares = list(job.chunks())
    assert shares == sorted(shares) and shares[-1] == 1.0
    return job.result()


def layout(graph, sizes=None):
    return layered(graph, sizes).positions


def _crossings(graph, positions):
    wires = [(positions[e.src], positions[e.dst]) for e in graph.edges()]
    count = 0
    for (a0, a1), (b0, b1) in itertools.combinations(wires, 2):
        if a0[0] == b0[0] and a1[0] == b1[0] and a0 != b0 and a1 != b1:
            count += (a0[1] - b0[1]) * (a1[1] - b1[1]) < 0
    return count


def test_barycentre_sweeps_remove_a_crossing_the_insertion_order_makes():
    graph = Graph()
    x, y = graph.add_input("x"), graph.add_input("y")
    from_y = graph.add_op("exp", [y])   # inserted first, so it starts on top: a crossing
    from_x = graph.add_op("sin", [x])
    graph.add_op("add", [from_x, from_y])
    assert order_columns(graph, layers(graph), sweeps=0)[1] == [from_y, from_x]
    positions = layout(graph)
    assert positions[from_x][1] < positions[from_y][1]
    assert _crossings(graph, positions) == 0


@pytest.mark.parametrize("text", [LOGISTIC, "(x*y + max(z, w)) * 2", "(a + b) * (b + 1)",
                                  "sin(x)*cos(y) + exp(x*y) - x/y"])
def test_no_two_nodes_closer_than_a_row_and_columns_evenly_spaced(text):
    graph = parse(text)
    sizes = LayoutSizes.estimate(graph)
    column_gap, row_gap = gaps(sizes)
    positions = layout(graph, sizes)
    column = layers(graph)
    for a, b in itertools.combinations(graph.nodes, 2):
        if column[a] == column[b]:
            assert abs(positions[a][1] - positions[b][1]) >= row_gap - 1e-9
    assert all(positions[n][0] == column[n] * column_gap for n in graph.nodes)


def test_the_gaps_leave_room_for_the_widest_box_and_label_and_the_tallest():
    graph = parse("exp(x) * y")
    sizes = LayoutSizes({n: (40.0 + 100 * (n == "n1"), 30.0) for n in graph.nodes}, (90.0, 50.0))
    assert gaps(sizes) == (140.0 + 90.0 + 2 * MARGIN, 50.0 + MARGIN)
    tall = LayoutSizes(sizes.nodes | {"n0": (40.0, 120.0)}, (90.0, 50.0))
    assert gaps(tall)[1] == 120.0 + MARGIN


def test_wires_run_straight_side_to_side_labelled_at_their_middles():
    graph = parse("(x + y) * z")
    sizes = LayoutSizes.estimate(graph)
    laid = layered(graph, sizes)
    assert laid.engine == "layered" and set(laid.routes) == set(graph.edges()) | {OUTPUT}
    for edge in graph.edges():
        (sx, sy), (dx, dy) = laid.positions[edge.src], laid.positions[edge.dst]
        start, end = (sx + sizes.nodes[edge.src][0] / 2, sy), (dx - sizes.nodes[edge.dst][0] / 2, dy)
        assert laid.routes[edge] == (start, start, end, end)
        assert laid.label_spots[edge] == ((start[0] + end[0]) / 2, (sy + dy) / 2)
    arrow = laid.routes[OUTPUT]
    assert arrow[-1][0] - arrow[0][0] > sizes.label[0]  # the output arrow's label fits on it


def test_a_chain_of_single_argument_gates_is_one_straight_line():
    graph = parse("reciprocal(exp(sigmoid(x) * -1) + 1)")
    positions = layout(graph)
    chain = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    assert len({positions[n][1] for n in chain}) == 1


def test_layout_tolerates_half_built_graphs():
    graph = Graph()
    a = graph.add_input("a")
    gate = graph.add_op("mul", [a, None])
    graph.add_const(2.0)
    positions = layout(graph)
    assert positions[gate][0] > positions[a][0] and len(positions) == 3
