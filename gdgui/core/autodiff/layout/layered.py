"""The layered left-to-right layout (CS231n circuit style): the fallback when Graphviz cannot be used.

Inputs sit in the first column; every op sits one column right of its deepest
argument (longest-path layering), and a constant sits just left of its first user,
so ``+1`` or ``·(−1)`` gates get their constant beside them instead of a long wire
from the far left.  A few barycentre sweeps then order each column to cut crossings.
Positions are node centres in model units; the gaps come from the sizes of the boxes and labels.
Wires are straight, each label in the middle of its wire.
"""

from __future__ import annotations

from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_layout import OUTPUT, GraphLayout, LayoutSizes, Point, output_of

MARGIN = 12.0  # model units between a label box and the boxes beside it, and between two rows
SWEEPS = 4


def layers(graph: Graph) -> dict[str, int]:
    """Column of every node: inputs 0, ops by longest path, constants just before their user."""
    column: dict[str, int] = {}
    order = graph.dependency_order()
    for node_id in order:
        node = graph.nodes[node_id]
        if node.kind == "op":
            sources = [column[a] for a in node.args if a is not None and graph.nodes[a].kind != "const"]
            column[node_id] = 1 + max(sources, default=0)
        else:
            column[node_id] = 0
    users_of = graph.users()
    for node_id in order:
        if graph.nodes[node_id].kind == "const":
            users = [column[u] for u in users_of[node_id]]
            column[node_id] = max(min(users) - 1, 0) if users else 0
    return column


def order_columns(graph: Graph, column: dict[str, int], sweeps: int = SWEEPS) -> list[list[str]]:
    """Nodes of each column, top to bottom, after alternating barycentre sweeps."""
    columns: list[list[str]] = []
    for _ in _ordering_steps(graph, column, sweeps, columns):
        pass
    return columns


def _ordering_steps(graph: Graph, column: dict[str, int], sweeps: int, columns: list[list[str]]):
    """``order_columns`` into ``columns``, yielding the share of the sweeps done after each."""
    columns[:] = [[] for _ in range(max(column.values(), default=-1) + 1)]
    for node_id in graph.nodes:
        columns[column[node_id]].append(node_id)
    users = graph.users()
    neighbours_left = {n: [a for a in graph.nodes[n].args if a is not None] for n in graph.nodes}
    for sweep in range(sweeps):
        rightward = sweep % 2 == 0
        indices = range(1, len(columns)) if rightward else range(len(columns) - 2, -1, -1)
        rank = _ranks(columns)
        for i in indices:
            neighbours = neighbours_left if rightward else users
            columns[i].sort(key=lambda n: _barycentre(neighbours[n], rank, rank[n]))
            rank.update(_ranks([columns[i]]))
        yield (sweep + 1) / sweeps


def _ranks(columns: list[list[str]]) -> dict[str, float]:
    """Position of each node in its column, normalised to [0, 1] so columns compare."""
    return {n: (i + 0.5) / len(col) for col in columns for i, n in enumerate(col)}


def _barycentre(neighbours: list[str], rank: dict[str, float], own: float) -> float:
    return sum(rank[n] for n in neighbours) / len(neighbours) if neighbours else own


def gaps(sizes: LayoutSizes) -> tuple[float, float]:
    """Column and row gaps (centre to centre) that keep boxes and mid-wire labels apart.

    Between two columns: half of each neighbour's box and a label box, with a margin on either
    side; between two rows: the taller of a node box and a label box (two neighbouring wires'
    labels are level with their wires), with a margin.
    """
    widest = max((w for w, _ in sizes.nodes.values()), default=0.0)
    tallest = max((h for _, h in sizes.nodes.values()), default=0.0)
    label_w, label_h = sizes.label
    return widest + label_w + 2 * MARGIN, max(tallest, label_h) + MARGIN


def _straight(graph: Graph, positions: dict[str, Point], sizes: LayoutSizes, column_gap: float) -> GraphLayout:
    """Wires straight from the middle of a box's right side to the middle of the next one's left side."""
    routes, spots = {}, {}
    for edge in graph.edges():
        routes[edge] = _line(_side(positions, sizes, edge.src, +1), _side(positions, sizes, edge.dst, -1))
    output = output_of(graph)
    if output in positions:
        start = _side(positions, sizes, output, +1)
        routes[OUTPUT] = _line(start, (start[0] + column_gap - sizes.nodes[output][0], start[1]))
    for key, route in routes.items():
        spots[key] = ((route[0][0] + route[-1][0]) / 2, (route[0][1] + route[-1][1]) / 2)
    return GraphLayout(positions, routes, spots, "layered")


def _side(positions: dict[str, Point], sizes: LayoutSizes, node_id: str, side: int) -> Point:
    x, y = positions[node_id]
    return x + side * sizes.nodes[node_id][0] / 2, y


def _line(start: Point, end: Point) -> tuple[Point, ...]:
    return start, start, end, end


def arrange(graph: Graph, sizes: LayoutSizes | None = None) -> GraphLayout:
    """The layered layout at once (``LayeredJob`` does it in steps)."""
    job = LayeredJob(graph, sizes or LayoutSizes.estimate(graph))
    for _ in job.chunks():
        pass
    return job.result()


class LayeredJob:
    """The layered layout in steps: ``chunks()`` yields the share done, then ``result()``.

    It only reads ``graph``; give it a graph nobody edits meanwhile (a fresh or copied document).
    """

    REPORTS = 50  # progress reports over the whole layout: enough for a smooth bar, few signals

    def __init__(self, graph: Graph, sizes: LayoutSizes):
        self.graph, self.sizes = graph, sizes
        self.gaps = gaps(sizes)
        self.positions: dict[str, Point] = {}

    def chunks(self):
        """Ordering the columns is the first half of the work, placing them the second."""
        graph, (column_gap, row_gap) = self.graph, self.gaps
        column, columns = layers(graph), []
        for share in _ordering_steps(graph, column, SWEEPS, columns):
            yield share / 2
        ys: dict[str, float] = {}
        users = graph.users()
        every = max(1, len(columns) // (self.REPORTS // 2))
        for index, nodes in enumerate(columns, 1):
            _place_column(graph, nodes, users, ys, row_gap)
            if index % every == 0:
                yield 0.5 + index / len(columns) / 2
        self.positions = {n: (column[n] * column_gap, ys[n]) for n in graph.nodes}
        yield 1.0

    def result(self) -> GraphLayout:
        return _straight(self.graph, self.positions, self.sizes, self.gaps[0])


def _place_column(graph: Graph, nodes: list[str], users: dict[str, list[str]], ys: dict[str, float],
                  row_gap: float) -> None:
    """Ys of one column's nodes into ``ys``: gates level with their arguments, constants beside a sibling."""
    gates = [n for n in nodes if graph.nodes[n].kind != "const"]
    ys.update(_spread(gates, {n: _mean_arg_y(graph, n, ys) for n in gates}, row_gap, balance=True))
    wanted = {n: ys[n] for n in gates}
    wanted.update({n: _beside_sibling(graph, n, users[n], ys, row_gap) for n in nodes if n not in wanted})
    ys.update(_spread(sorted(nodes, key=lambda n: wanted[n]), wanted, row_gap, balance=False))


def _mean_arg_y(graph: Graph, node_id: str, ys: dict[str, float]) -> float | None:
    placed = [ys[a] for a in graph.nodes[node_id].args if a in ys and graph.nodes[a].kind != "const"]
    return sum(placed) / len(placed) if placed else None


def _beside_sibling(graph: Graph, const_id: str, users: list[str], ys: dict[str, float], row_gap: float) -> float:
    """Where a constant goes: beside the other argument of its first user, on its slot's side.

    ``users`` are the constant's users in node order (``Graph.users``): looking them up rather
    than scanning every node per constant keeps a 2,500-weight network's layout linear.
    """
    for user in dict.fromkeys(users):
        args = graph.nodes[user].args
        siblings = [ys[a] for a in args if a in ys and a != const_id]
        side = -1.0 if args.index(const_id) < len(args) / 2 - 0.5 else 1.0
        if siblings:
            return sum(siblings) / len(siblings) + side * row_gap
    return 0.0


def _spread(nodes: list[str], wanted: dict, row_gap: float, balance: bool) -> dict[str, float]:
    """Ys as close to ``wanted`` as possible with ``row_gap`` between neighbours, in the given order.

    With ``balance`` the column then shifts so its nodes sit, on average, where they want
    (or is centred on 0 if none has a wish, like the inputs' column).
    """
    ys, previous = {}, None
    for node_id in nodes:
        y = wanted.get(node_id)
        y = (previous + row_gap if previous is not None else 0.0) if y is None else y
        if previous is not None and y < previous + row_gap:
            y = previous + row_gap
        ys[node_id] = previous = y
    if balance and ys:
        errors = [wanted[n] - ys[n] for n in nodes if wanted.get(n) is not None]
        shift = sum(errors) / len(errors) if errors else -(ys[nodes[0]] + ys[nodes[-1]]) / 2
        ys = {n: y + shift for n, y in ys.items()}
    return ys
