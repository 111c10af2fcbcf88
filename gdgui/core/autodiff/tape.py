"""A graph compiled to flat lists: the hot path of every forward and backward pass.

The animation evaluates one point per frame and a swarm 10,000 per step, so the
passes avoid dictionaries and per-call validation: nodes become integer slots in
topological order, ops become (op, argument slots) steps whose forward and per-slot
partials are the op table's own functions.  Nodes that depend on no input are folded
once at compile time; the lean backward pass (``record=False``) that optimisation
uses visits only the gates and argument slots an input reaches, so ``2*x`` never
computes the partial with respect to its constant 2.

A ``power`` gate's exponent k (a number on the node, not a node) gets a slot of its
own after the nodes' slots, filled once like a folded constant: the op table's
``forward(x, k)`` and partial ``(x, k), out`` then read it as a second argument, and
no edge, gradient or partial is ever made for it.
"""

from __future__ import annotations

import numpy as np

from gdgui.core.autodiff.ops import ONE, OPS


class Tape:
    """Evaluation plan of a graph: ``forward`` then ``backward`` over slot lists."""

    def __init__(self, nodes: dict, order: list[str], output_id: str):
        self.ids = list(order)
        index = {node_id: i for i, node_id in enumerate(self.ids)}
        self.output = index[output_id]
        self.inputs = {nodes[i].name: index[i] for i in self.ids if nodes[i].kind == "input"}
        # NumPy floats, so a partial such as 1/b at a constant b = 0 is ∞, not a ZeroDivisionError.
        self.constants = {index[i]: np.float64(nodes[i].value) for i in self.ids if nodes[i].kind == "const"}
        self.size = len(self.ids)  # and one slot more per power gate, for its exponent
        self.steps = [(index[i], OPS[nodes[i].op], self._arg_slots(nodes[i], index))
                      for i in self.ids if nodes[i].kind == "op"]
        self.varies = self._inputs_reach()
        self._folded = self._fold_constants()
        self._template = [self._folded.get(slot) for slot in range(self.size)]  # a forward pass's start
        lean = [(dst, self._lean_op(op, args), args) for dst, op, args in self.steps if self.varies[dst]]
        # (dst, forward, first slot, second slot or None): a gate reads one or two numbers.
        self._varying_steps = [(dst, op.forward, *_two(args[:op.operands])) for dst, op, args in lean]
        self._recorded = [self._backward_step(step, every_slot=True) for step in reversed(self.steps)]
        # (dst, first slot, second slot or None, [(slot, src, partial)]): a partial reads its gate's operands.
        self._lean = [(dst, *_two(args), slots) for dst, args, slots in
                      (self._backward_step(step, every_slot=False) for step in reversed(lean))]

    def _arg_slots(self, node, index: dict[str, int]) -> tuple[int, ...]:
        """The slots a gate reads: its arguments', then (``power``) a new constant slot holding k."""
        slots = tuple(index[a] for a in node.args)
        if not OPS[node.op].exponent:
            return slots
        self.constants[self.size] = np.float64(node.exponent)
        self.size += 1
        return slots + (self.size - 1,)

    def _inputs_reach(self) -> list[bool]:
        varies = [False] * self.size
        for slot in self.inputs.values():
            varies[slot] = True
        for dst, _, args in self.steps:
            varies[dst] = any(varies[a] for a in args)
        return varies

    def _fold_constants(self) -> dict[int, object]:
        values = dict(self.constants)
        with np.errstate(all="ignore"):
            for dst, op, args in self.steps:
                if not self.varies[dst]:
                    values[dst] = op.forward(*(values[a] for a in args))
        return values

    def _lean_op(self, op, args):
        """``op``, or the table's ``square`` for ``x^2`` (a power gate, or pow with a constant 2).

        The commonest gate of the catalog: square gives the same value (x·x is exact)
        and the same ∂/∂x (2x) as the power, for about half the cost of the general power.
        """
        if op.name in ("pow", "power") and not self.varies[args[1]] and self._folded[args[1]] == 2.0:
            return OPS["square"]
        return op

    def _backward_step(self, step, every_slot: bool):
        """(dst, args, [(slot, src, partial)]): every slot, or only those an input reaches."""
        dst, op, args = step
        slots = [(slot, src, partial) for slot, (src, partial) in enumerate(zip(args, op.partials))
                 if every_slot or self.varies[src]]
        return dst, args, slots

    def forward(self, inputs: dict[str, object]) -> list:
        """Values of every slot; ``inputs`` maps each input name to a scalar or array."""
        with np.errstate(all="ignore"):
            return self._forward(inputs)

    def _forward(self, inputs: dict[str, object]) -> list:
        """``forward`` under the caller's errstate."""
        values = self._template.copy()
        for name, slot in self.inputs.items():
            if name not in inputs:
                missing = [name for name in self.inputs if name not in inputs]
                raise KeyError(f"no value given for input(s) {', '.join(missing)}")
            values[slot] = np.asarray(inputs[name], dtype=float)
        for dst, forward, a, b in self._varying_steps:
            values[dst] = forward(values[a]) if b is None else forward(values[a], values[b])
        return values

    def backward(self, values: list, record: bool = False):
        """Node gradients of the output, and with ``record`` every edge's (local, contribution).

        Without ``record`` only edges from nodes that depend on an input are followed.
        ``values`` may stop after the nodes' slots (as ``Graph`` keeps them): the exponents are added.
        """
        values = values if len(values) == self.size else [*values, *(self.constants[s] for s in
                                                                      range(len(values), self.size))]
        with np.errstate(all="ignore"):
            if not record:
                return self._lean_backward(values), {}
            grads: list = [None] * self.size
            grads[self.output] = np.ones_like(values[self.output], dtype=float)
            edges = {}
            for dst, args, slots in self._recorded:
                upstream = 0.0 if grads[dst] is None else grads[dst]
                arg_values, out = [values[a] for a in args], values[dst]
                for slot, src, partial in slots:
                    local = partial(arg_values, out)
                    if local is ONE or upstream is ONE:
                        contribution = upstream if local is ONE else local
                    else:
                        contribution = upstream * local
                    grads[src] = contribution if grads[src] is None else grads[src] + contribution
                    edges[(src, dst, slot)] = (local, contribution)
        return [0.0 if g is None else g for g in grads[:len(self.ids)]], edges

    def _lean_backward(self, values: list) -> list:
        """The node gradients of ``backward`` without ``record``, under the caller's errstate."""
        return [0.0 if g is None else g for g in self._lean_grads(values)[:len(self.ids)]]

    def _lean_grads(self, values: list) -> list:
        """Every slot's gradient of the output, None where it has none (``_lean_backward``)."""
        grads: list = [None] * self.size
        grads[self.output] = ONE  # a scalar seed: the output's contributions are the local partials themselves
        for dst, a, b, slots in self._lean:
            upstream = 0.0 if grads[dst] is None else grads[dst]
            operands, out = (values[a],) if b is None else (values[a], values[b]), values[dst]
            for _, src, partial in slots:
                local = partial(operands, out)
                if local is ONE or upstream is ONE:
                    contribution = upstream if local is ONE else local
                else:
                    contribution = upstream * local
                grads[src] = contribution if grads[src] is None else grads[src] + contribution
        return grads

    def input_grads(self, grads: list, values: list) -> dict[str, object]:
        """Each input's gradient, summed over broadcast axes back to the input's shape."""
        return {name: _input_grad(grads[slot], np.shape(values[slot])) for name, slot in self.inputs.items()}

    def value_and_grad(self, inputs: dict[str, object], errstate: bool = True):
        """Output value and input-name → gradient, without recording edges. ``errstate=False``: the
        caller has set ``np.errstate(all="ignore")`` already (a run, once for many steps)."""
        if errstate:
            with np.errstate(all="ignore"):  # one errstate for both passes
                return self.value_and_grad(inputs, errstate=False)
        values = self._forward(inputs)
        grads = self._lean_grads(values)
        return values[self.output], {name: _input_grad(grads[slot], values[slot].shape)
                                     for name, slot in self.inputs.items()}


def _two(slots: tuple[int, ...]) -> tuple[int, int | None]:
    """A gate's one or two operand slots, the second None for one."""
    return (slots[0], None) if len(slots) == 1 else slots


_FLOAT = np.dtype(float)


def _input_grad(grad, shape: tuple) -> np.ndarray:
    """The gradient of an input of ``shape`` from its slot's (None: 0), summed over broadcast axes;
    without a call where it is already a float array of that shape (as for every input a point reaches)."""
    if type(grad) is np.ndarray and grad.dtype is _FLOAT and grad.shape == shape:
        return grad
    return _unbroadcast(np.asarray(0.0 if grad is None else grad, dtype=float), shape)


def _unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``grad`` over the axes broadcasting added or stretched, then give it ``shape``."""
    if grad.shape == shape:
        return grad
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    offset = len(shape) - grad.ndim  # a gradient may have fewer axes (a scalar one)
    for axis in range(grad.ndim):
        if shape[offset + axis] == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return np.broadcast_to(grad, shape).copy()
