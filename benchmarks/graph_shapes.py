"""Large valid graph documents as plain data (the JSON of a graph file), in linear time, no Qt.

Three shapes that stress different parts of the open path, each about ``size`` nodes:

* ``chain``: x → sin → sin → … (5,000 columns, the deepest dependency order);
* ``wide_sum``: x0 + x1 + … + xk folded left (half the nodes are inputs in one column);
* ``mlp``: a 2-layer net, 20 inputs each forking into every hidden unit
  (Σ wᵢ·xᵢ → σ), then Σ vⱼ·hⱼ: thousands of constants and wide fan-outs.

No positions: opening such a file needs a layout.  Used by ``benchmarks/large_graph.py`` and the tests.
"""

from __future__ import annotations

SHAPES = ("chain", "wide_sum", "mlp")


def _document(nodes: list) -> dict:
    return {"format": "gdgui-graph", "version": 1, "output": None, "nodes": nodes}


def _op(node_id: str, op: str, *args: str) -> dict:
    return {"id": node_id, "kind": "op", "op": op, "args": list(args)}


def chain(size: int) -> dict:
    nodes = [{"id": "x", "kind": "input", "name": "x"}]
    nodes += [_op(f"n{i}", "sin", nodes[-1]["id"] if i == 1 else f"n{i - 1}") for i in range(1, size)]
    return _document(nodes)


def wide_sum(size: int) -> dict:
    inputs = (size + 1) // 2
    nodes = [{"id": f"i{j}", "kind": "input", "name": f"x{j}"} for j in range(inputs)]
    nodes += [_op(f"a{j}", "add", "i0" if j == 1 else f"a{j - 1}", f"i{j}") for j in range(1, inputs)]
    return _document(nodes)


def mlp(size: int, inputs: int = 20) -> dict:
    hidden = max(1, (size - inputs) // (3 * inputs + 3))
    nodes = [{"id": f"x{i}", "kind": "input", "name": f"x{i}"} for i in range(inputs)]
    outputs = []
    for j in range(hidden):
        total = None
        for i in range(inputs):
            nodes.append({"id": f"w{j}_{i}", "kind": "const", "value": 0.1 * ((i + j) % 7 - 3)})
            nodes.append(_op(f"m{j}_{i}", "mul", f"w{j}_{i}", f"x{i}"))
            if total is not None:
                nodes.append(_op(f"s{j}_{i}", "add", total, f"m{j}_{i}"))
            total = f"s{j}_{i}" if total is not None else f"m{j}_{i}"
        nodes += [_op(f"h{j}", "sigmoid", total), {"id": f"v{j}", "kind": "const", "value": 0.5},
                  _op(f"o{j}", "mul", f"v{j}", f"h{j}")]
        outputs.append(f"o{j}")
    nodes += [_op(f"t{j}", "add", "o0" if j == 1 else f"t{j - 1}", outputs[j]) for j in range(1, hidden)]
    return _document(nodes)


def shape(name: str, size: int) -> dict:
    return {"chain": chain, "wide_sum": wide_sum, "mlp": mlp}[name](size)
