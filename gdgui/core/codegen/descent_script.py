"""A Descent run as a standalone NumPy script: f(x, y) and its gradient written out gate by gate
(the chain rule in reverse, from the op table's spellings), each optimizer's update rule (the very
code of ``core/descent/optimizers.py``), the starts, γ and the number of steps each particle took.

It computes as the app does (the same operations in the same order, on rows of shape (1, 2)), so
it retraces the run's trajectories: ``python run.py`` prints each particle's last point,
``python run.py --trajectory`` every step's.
"""

from __future__ import annotations

import inspect
import textwrap

from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.ops import CONVENTIONS, OPS
from gdgui.core.autodiff.spelling.templates import code
from gdgui.core.codegen import naming
from gdgui.core.descent.functions import VARIABLES
from gdgui.core.descent.runs import Run

NUMPY = {name: f"np.{name}" for name in ("exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "abs", "sign")} | {
    "max": "np.maximum", "min": "np.minimum", "where": "np.where"}  # where: the conventions at singular points
HELPERS = {
    "sigmoid": ("def sigmoid(v):", "    return 1.0 / (1.0 + np.exp(-v))"),
    "relu": ("def relu(v):", "    return np.maximum(v, 0.0)"),
}
_GRADIENT = ["def gradient(points):", '    """∇f at each row (x, y) of ``points``, as rows."""',
             "    _, gx, gy = f_and_grad(points[:, 0], points[:, 1])",
             "    shape = points.shape[:-1]",
             "    return np.stack([np.broadcast_to(gx, shape), np.broadcast_to(gy, shape)], axis=-1)"]
_MAIN = '''

def trajectory(name, start, steps):
    """The points of one particle: its start, then one per step of its optimizer."""
    update, hp, buffers = OPTIMIZERS[name]
    state = {buffer: np.zeros((1, 2)) for buffer in buffers}
    point = np.array([start], dtype=float)
    points = [point]
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            point = point - update(gradient(point), t, state, hp)  # t an int, as the app's rules read it
            points.append(point)
    return [row[0] for row in points]


def main():
    every = "--trajectory" in sys.argv[1:]
    for particle, (name, start, steps) in enumerate(PARTICLES):
        points = trajectory(name, start, steps)
        for step, (x, y) in enumerate(points):
            if every or step == steps:
                print(particle, name, step, repr(float(x)), repr(float(y)))


if __name__ == "__main__":
    main()
'''


def descent_script(run: Run) -> str:
    """The script of ``run`` as it stands: every particle for the steps it has taken."""
    objective, graph = run.objective, run.objective.graph
    names = naming.identifiers(graph)
    grads = naming.identifiers(graph, prefix="grad_")
    used = naming.functions_used(graph)
    helpers = [line for name in sorted(used & set(HELPERS)) for line in (*HELPERS[name], "", "")]
    lines = [f'"""Gradient descent on f(x, y) = {objective.formula}, exported by gdgui.', "",
             "python this.py prints the last point of each particle (number, optimizer, step, x, y);",
             'python this.py --trajectory prints every step of each."""', "", "import sys", "",
             "import numpy as np", "", "", *helpers, *_function(graph, names, grads), "", "",
             *_GRADIENT]
    for optimizer in run.optimizers:
        lines += ["", "", *_update(type(optimizer))]
    lines += ["", "", *_settings(run)]
    return "\n".join(lines) + "\n" + _MAIN


def _function(graph: Graph, names: dict[str, str], grads: dict[str, str]) -> list[str]:
    """``f_and_grad(x, y)``: the gates forward, then back, each argument's gradient summed in the
    order the app's tape sums it; an input f does not depend on has gradient 0."""
    lines = ["def f_and_grad(x, y):", '    """f and its two partial derivatives, gate by gate."""']
    lines += [f"    {names[n]} = {naming.forward(graph, graph.nodes[n], names, NUMPY)}" for n in naming.gates(graph)]
    output = graph.output()
    value = names.get(output) or naming.literal(graph.nodes[output].value)
    varies = naming.varies(graph)
    lines += ["    # backward: the chain rule, gate by gate from the output"]
    seen = {output}
    if output in grads:
        lines.append(f"    {grads[output]} = 1.0")
    for node_id in reversed(naming.gates(graph)):
        node = graph.nodes[node_id]
        if not varies[node_id] or node_id not in seen:
            continue
        operands = naming.operands(graph, node, names) | {"out": names[node_id]}
        for slot, (arg, rule) in enumerate(zip(node.args, OPS[node.op].rules)):
            if varies[arg]:
                share = code(rule, operands, NUMPY, times=grads[node_id], cases=CONVENTIONS.get((node.op, slot), ()))
                lines.append(f"    {grads[arg]} = {f'{grads[arg]} + ' if arg in seen else ''}{share}")
                seen.add(arg)
    inputs = graph.input_ids()
    partials = [grads[inputs[v]] if v in inputs and inputs[v] in seen else "0.0" for v in VARIABLES]
    return lines + [f"    return {value}, {partials[0]}, {partials[1]}"]


def _update(cls) -> list[str]:
    """The optimizer's own ``_update``, as a function of (g, t, state, hp): the rule the app runs."""
    source = textwrap.dedent(inspect.getsource(cls._update)).splitlines()
    head = f"def update_{cls.name}(g, t, state, hp):"
    doc = f'    """{cls.description}"""'
    return [head, doc, *source[1:]]


def _settings(run: Run) -> list[str]:
    rows = ["OPTIMIZERS = {  # name: (update rule, γ and the other hyper-parameters, per-particle buffers)"]
    for optimizer in run.optimizers:
        hp = ", ".join(f"{key!r}: {naming.literal(_scalar(key, value))}"
                       for key, value in optimizer.hyperparameters().items())
        rows.append(f"    {optimizer.name!r}: (update_{optimizer.name}, {{{hp}}}, {tuple(optimizer.STATE)!r}),")
    rows += ["}", "PARTICLES = [  # optimizer, start (x, y), steps taken"]
    m = len(run.starts)
    for i, steps in enumerate(run.steps):
        x, y = (naming.literal(v) for v in run.starts[i % m])
        rows.append(f"    ({run.optimizers[i // m].name!r}, ({x}, {y}), {int(steps)}),")
    return rows + ["]"]


def _scalar(key: str, value) -> float:
    if not isinstance(value, float):
        raise ValueError(f"{key} differs from particle to particle; a script takes one value")
    return value
