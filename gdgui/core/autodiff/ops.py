"""The op table: every operation's forward and local partials, side by side.

This is the only place an op's arithmetic is written: the compiled tape (and through it
the recorded passes of ``Graph.forward``/``backward``) calls these functions.  Each op
maps its argument values to an output; ``partials`` holds one function per argument
slot, ``(args, out) -> ∂out/∂arg`` (elementwise, so the vector–Jacobian product is
just ``upstream * local``).  One function per slot lets a pass skip the slots whose
argument is a constant without a second copy of any formula.

An op with ``exponent`` set (``power``, micrograd's ``__pow__``: x^k with a constant k)
has one argument slot and a number stored on its node (``Node.exponent``); the passes
hand that number to ``forward`` and to the partial after the argument, as if it were a
second argument with no wire and no partial.  ``pow`` (a^b) is kept for a variable
exponent b, whose partial a^b·ln a is undefined for a negative base.

Conventions at kinks, chosen so a gradient is always a valid subgradient and never NaN
where the function itself is finite:

* abs′(0) = 0 and relu′(0) = 0;
* max / min ties send the whole gradient to the first argument, as TensorFlow's
  ``tf.maximum`` does (PyTorch's ``torch.maximum`` and JAX split it half and half; any
  share is a valid subgradient, and the whole of it keeps max a router; ``graph_text``
  says so where a gate sits at a tie);
* sqrt′(0) = 0 (so Ackley's gradient at the origin is (0, 0));
* the partial of a^b or x^k with respect to the base is 0 where the exponent is 0
  (a^0 = 1 for every a, even 0); with respect to pow's exponent it is 0 where the base
  is 0 and the exponent positive (0^b is constant there), NaN where the base is negative.

All arithmetic runs under ``np.errstate(all="ignore")`` in the graph: overflow gives
±inf / NaN values, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

ONE = 1.0  # identity local partial; the backward pass skips multiplying by it


@dataclass(frozen=True)
class Op:
    name: str
    arity: int
    forward: Callable
    partials: tuple[Callable, ...]  # per argument slot: (args, out) -> ∂out/∂arg
    symbol: str
    description: str
    exponent: bool = False  # the node carries a constant exponent k, passed after the argument

    @property
    def operands(self) -> int:
        """How many numbers ``forward`` takes: the arguments, and the exponent if the node carries one."""
        return self.arity + self.exponent


DEFAULT_EXPONENT = 2.0  # a power gate added by hand squares, until its exponent is changed


def _pow_d_base(args, out):
    """∂(a^b)/∂a, and ∂(x^k)/∂x with the exponent handed in as a second argument."""
    base, exponent = args
    # b·a^(b−1), but a^0 where b = 0: there the product is 0·1 = 0 for every a, where
    # a^(−1) would give 0·∞ = NaN at a = 0.  Lowering by a boolean keeps the common
    # scalar exponent a scalar (no array-wide ``where``).
    return exponent * np.power(base, exponent - (exponent != 0))


def _pow_d_exponent(args, out):
    base, exponent = args
    d_exponent = np.where(base > 0, out * np.log(np.where(base > 0, base, 1.0)), np.nan)
    return np.where((base == 0) & (exponent > 0), 0.0, d_exponent)


def _sqrt_partial(args, out):
    return np.where(out == 0, 0.0, 0.5 / np.where(out == 0, 1.0, out))


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _first_wins(keep_first):
    """Partials of max (``np.greater_equal``) or min (``np.less_equal``): ties go to the first slot."""
    return (lambda a, o: keep_first(a[0], a[1]) * 1.0,
            lambda a, o: ~keep_first(a[0], a[1]) * 1.0)


def _reciprocal(x):
    return np.divide(1.0, x)  # not 1.0 / x: the parser folds constants as Python floats, and 1.0 / 0.0 raises


_TABLE = [
    Op("add", 2, np.add, (lambda a, o: ONE, lambda a, o: ONE), "+",
       "a + b: passes the gradient unchanged to both inputs"),
    Op("sub", 2, np.subtract, (lambda a, o: ONE, lambda a, o: -1.0), "−",
       "a − b: gradient to a unchanged, to b negated"),
    Op("mul", 2, np.multiply, (lambda a, o: a[1], lambda a, o: a[0]), "×",
       "a · b: each input's gradient is the upstream gradient times the other input"),
    Op("div", 2, np.divide, (lambda a, o: 1.0 / a[1], lambda a, o: -o / a[1]), "÷",
       "a / b: ∂/∂a = 1/b, ∂/∂b = −a/b²"),
    Op("neg", 1, np.negative, (lambda a, o: -1.0,), "−x", "−x: flips the sign of the gradient"),
    Op("pow", 2, np.power, (_pow_d_base, _pow_d_exponent), "^",
       "a^b with a variable exponent b: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a (undefined where a < 0)"),
    Op("power", 1, np.power, (_pow_d_base,), "^k",
       "x^k with a constant exponent k: ∂/∂x = k·x^(k−1); k is a number, not an input, so it has no gradient",
       exponent=True),
    Op("exp", 1, np.exp, (lambda a, o: o,), "exp", "eˣ: its own derivative, ∂/∂x = eˣ"),
    Op("log", 1, np.log, (lambda a, o: 1.0 / a[0],), "log", "natural logarithm: ∂/∂x = 1/x"),
    Op("sqrt", 1, np.sqrt, (_sqrt_partial,), "√", "square root: ∂/∂x = 1/(2√x), taken as 0 at x = 0"),
    Op("abs", 1, np.abs, (lambda a, o: np.sign(a[0]),), "|x|", "absolute value: ∂/∂x = sign(x), 0 at x = 0"),
    Op("sin", 1, np.sin, (lambda a, o: np.cos(a[0]),), "sin", "sine: ∂/∂x = cos x"),
    Op("cos", 1, np.cos, (lambda a, o: -np.sin(a[0]),), "cos", "cosine: ∂/∂x = −sin x"),
    Op("tan", 1, np.tan, (lambda a, o: 1.0 + o * o,), "tan", "tangent: ∂/∂x = 1 + tan²x"),
    Op("tanh", 1, np.tanh, (lambda a, o: 1.0 - o * o,), "tanh", "hyperbolic tangent: ∂/∂x = 1 − tanh²x"),
    Op("sigmoid", 1, _sigmoid, (lambda a, o: o * (1.0 - o),), "σ",
       "logistic σ(x) = 1/(1+e⁻ˣ): ∂/∂x = σ(1−σ)"),
    Op("relu", 1, lambda x: np.maximum(x, 0.0), (lambda a, o: (a[0] > 0) * 1.0,), "relu",
       "max(x, 0): passes the gradient where x > 0, blocks it elsewhere (0 at x = 0)"),
    Op("max", 2, np.maximum, _first_wins(np.greater_equal), "max",
       "routes the whole gradient to the larger input (the first on a tie)"),
    Op("min", 2, np.minimum, _first_wins(np.less_equal), "min",
       "routes the whole gradient to the smaller input (the first on a tie)"),
    Op("square", 1, np.square, (lambda a, o: 2.0 * a[0],), "x²", "x²: ∂/∂x = 2x"),
    Op("reciprocal", 1, _reciprocal, (lambda a, o: -o * o,), "1/x", "1/x: ∂/∂x = −1/x²"),
]

OPS: dict[str, Op] = {op.name: op for op in _TABLE}
