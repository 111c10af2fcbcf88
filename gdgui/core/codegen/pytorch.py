"""A graph as a PyTorch script: every input a float64 tensor that requires its gradient, every gate
the torch function or operator of its op, then ``backward()`` and one ``name grad`` line per input.

PyTorch computes the gradients itself; they equal gdgui's but where an op has a convention of its
own at a kink or a tie (torch.maximum splits a tie's gradient, √′(0) is ∞ in torch, 0 in gdgui).
"""

from __future__ import annotations

from gdgui.core.autodiff.graph import Graph
from gdgui.core.codegen import naming

TORCH = {name: f"torch.{name}" for name in ("exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu",
                                            "abs")} | {"max": "torch.maximum", "min": "torch.minimum"}
_FLOAT64 = "dtype=torch.float64"


def pytorch_script(graph: Graph, values: dict[str, float], given: dict[str, str] | None = None,
                   title: str = "") -> str:
    names = naming.identifiers(graph, given)
    inputs = graph.input_ids()
    lines = [f'"""{title or "A computation graph"}, exported by gdgui as a PyTorch script.', "",
             "python this.py prints each input's name and gradient, as PyTorch's autograd computes it",
             "(at a kink or a tie PyTorch may choose another slope than gdgui: torch.maximum splits a tie).",
             '"""', "", "import torch", "", "",
             "def const(value):", '    """A number as a tensor (a constant: no gradient)."""',
             f"    return torch.tensor(value, {_FLOAT64})", "", ""]
    lines += [f"{names[i]} = torch.tensor({naming.float_literal(values[name])}, {_FLOAT64}, requires_grad=True)"
              for name, i in inputs.items()]
    for node_id in naming.gates(graph):
        lines.append(f"{names[node_id]} = {_expression(graph, node_id, names)}")
    if naming.varies(graph)[graph.output()]:  # torch refuses the backward() of a number alone
        lines.append(f"{names[graph.output()]}.backward()")
    lines.append("")
    lines += [f"print({name!r}, repr({names[i]}.grad.item() if {names[i]}.grad is not None else 0.0))"
              for name, i in inputs.items()]
    return "\n".join(lines) + "\n"


def _expression(graph: Graph, node_id: str, names: dict[str, str]) -> str:
    """Operators take plain numbers beside a tensor; a torch function, or a gate of constants alone,
    takes tensors (``const(2)``)."""
    node = graph.nodes[node_id]
    tensors = naming.is_call(node.op) or all(graph.nodes[a].kind == "const" for a in node.args)
    constant = (lambda v: f"const({naming.literal(v)})") if tensors else naming.literal
    return naming.forward(graph, node, names, TORCH, constant)
