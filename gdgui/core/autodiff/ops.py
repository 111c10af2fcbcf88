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
* sqrt′(0) = 0 (so Ackley's gradient at the origin is (0, 0)), where the true slope is ∞;
* log′(x) is NaN where x < 0, as log is (1/x would give a finite slope of an undefined value);
* the partial of a^b or x^k with respect to the base is 0 where the exponent is 0
  (a^0 = 1 for every a, even 0); with respect to pow's exponent it is 0 where the base
  is 0 and the exponent positive (0^b is constant there), NaN where the base is negative.

Each op also lists its ``singular`` points: where a slot's local partial is infinite,
undefined, or a corner's (an argument ``at`` which the slope is no ordinary finite number),
and the convention the engine uses there instead, if any (``used``).  They only describe
the partials above, for the words a student reads (``graph_text``); no pass consults them.

All arithmetic runs under ``np.errstate(all="ignore")`` in the graph: overflow gives
±inf / NaN values, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

ONE = 1.0  # identity local partial; the backward pass skips multiplying by it
INFINITE, UNDEFINED, CORNER = "infinite", "undefined", "corner"  # kinds of a singular local partial


@dataclass(frozen=True)
class Singularity:
    """Where argument ``slot``'s local partial is no ordinary finite slope: ``at(*operands)`` is true."""

    slot: int
    at: Callable   # (arguments..., exponent if the node carries one) -> bool, on scalars
    kind: str      # INFINITE: the slope grows without bound; UNDEFINED: the op has no value (or slope)
                   # there; CORNER: the slope jumps (a kink), so there is no derivative, only subgradients
    used: str | None = None  # the convention the engine uses there instead, e.g. "√′(0) := 0"


@dataclass(frozen=True)
class Op:
    name: str
    arity: int
    forward: Callable
    partials: tuple[Callable, ...]  # per argument slot: (args, out) -> ∂out/∂arg
    symbol: str
    description: str
    exponent: bool = False  # the node carries a constant exponent k, passed after the argument
    singular: tuple[Singularity, ...] = ()  # the first that holds at a point describes it
    spelling: str = ""  # the forward as a Python expression of a, b (the arguments) and k (the exponent)
    rules: tuple[str, ...] = ()  # per slot, the local partial as such an expression, also of ``out``

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


def _log_partial(args, out):
    return np.where(args[0] < 0, np.nan, np.divide(1.0, args[0]))


def _power_singular(slot: int) -> tuple[Singularity, ...]:
    """x^k at x = 0 with 0 < k < 1 or k < 0 (k·0^(k−1) = ±∞), and at x < 0 with k not whole (no value)."""
    return (Singularity(slot, lambda x, k: x == 0 and k < 1 and k != 0, INFINITE),
            Singularity(slot, lambda x, k: x < 0 and not float(k).is_integer(), UNDEFINED))


def _div_singular() -> tuple[Singularity, ...]:
    both_zero, by_zero = (lambda a, b: a == 0 and b == 0), (lambda a, b: b == 0)
    return (Singularity(0, both_zero, UNDEFINED), Singularity(1, both_zero, UNDEFINED),
            Singularity(0, by_zero, INFINITE), Singularity(1, by_zero, INFINITE))


def _below_zero(used: str | None = None) -> tuple[Singularity, ...]:
    """sqrt and log: ∞ slope at 0 (or ``used`` there, by convention), no value below 0."""
    return (Singularity(0, lambda x: x == 0, INFINITE, used), Singularity(0, lambda x: x < 0, UNDEFINED))


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
       "a / b: ∂/∂a = 1/b, ∂/∂b = −a/b²", singular=_div_singular()),
    Op("neg", 1, np.negative, (lambda a, o: -1.0,), "−x", "−x: flips the sign of the gradient"),
    Op("pow", 2, np.power, (_pow_d_base, _pow_d_exponent), "^",
       "a^b with a variable exponent b: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a (undefined where a < 0)",
       singular=_power_singular(0) + (Singularity(1, lambda a, b: a < 0 or a == 0 and b <= 0, UNDEFINED),)),
    Op("power", 1, np.power, (_pow_d_base,), "^k",
       "x^k with a constant exponent k: ∂/∂x = k·x^(k−1); k is a number, not an input, so it has no gradient",
       exponent=True, singular=_power_singular(0)),
    Op("exp", 1, np.exp, (lambda a, o: o,), "exp", "eˣ: its own derivative, ∂/∂x = eˣ"),
    Op("log", 1, np.log, (_log_partial,), "log", "natural logarithm: ∂/∂x = 1/x (undefined where x < 0, as log is)",
       singular=_below_zero()),
    Op("sqrt", 1, np.sqrt, (_sqrt_partial,), "√", "square root: ∂/∂x = 1/(2√x), taken as 0 at x = 0",
       singular=_below_zero("√′(0) := 0")),
    Op("abs", 1, np.abs, (lambda a, o: np.sign(a[0]),), "|x|", "absolute value: ∂/∂x = sign(x), 0 at x = 0",
       singular=(Singularity(0, lambda x: x == 0, CORNER, "|x|′(0) := 0"),)),
    Op("sin", 1, np.sin, (lambda a, o: np.cos(a[0]),), "sin", "sine: ∂/∂x = cos x"),
    Op("cos", 1, np.cos, (lambda a, o: -np.sin(a[0]),), "cos", "cosine: ∂/∂x = −sin x"),
    Op("tan", 1, np.tan, (lambda a, o: 1.0 + o * o,), "tan", "tangent: ∂/∂x = 1 + tan²x"),
    Op("tanh", 1, np.tanh, (lambda a, o: 1.0 - o * o,), "tanh", "hyperbolic tangent: ∂/∂x = 1 − tanh²x"),
    Op("sigmoid", 1, _sigmoid, (lambda a, o: o * (1.0 - o),), "σ",
       "logistic σ(x) = 1/(1+e⁻ˣ): ∂/∂x = σ(1−σ)"),
    Op("relu", 1, lambda x: np.maximum(x, 0.0), (lambda a, o: (a[0] > 0) * 1.0,), "relu",
       "max(x, 0): passes the gradient where x > 0, blocks it elsewhere (0 at x = 0)",
       singular=(Singularity(0, lambda x: x == 0, CORNER, "relu′(0) := 0"),)),
    Op("max", 2, np.maximum, _first_wins(np.greater_equal), "max",
       "routes the whole gradient to the larger input (the first on a tie)"),
    Op("min", 2, np.minimum, _first_wins(np.less_equal), "min",
       "routes the whole gradient to the smaller input (the first on a tie)"),
    Op("square", 1, np.square, (lambda a, o: 2.0 * a[0],), "x²", "x²: ∂/∂x = 2x"),
    Op("reciprocal", 1, _reciprocal, (lambda a, o: -o * o,), "1/x", "1/x: ∂/∂x = −1/x²",
       singular=(Singularity(0, lambda x: x == 0, INFINITE),)),
]

# Each op spelled as Python, from which every symbol a student reads and every line of code gdgui
# writes is made (``autodiff/spelling``): the forward of a, b (the arguments in slot order), k (a
# power gate's exponent), and per slot the local rule, also of ``out``, the gate's value.  A rule is
# the partial above at every ordinary point (a test checks it) and is written with the same
# arithmetic, so generated code computes the same numbers; the conventions at singular points stay
# the partials' own.  A function's name is the one a program types (``sigmoid``, ``relu``); ``sign``
# and ``[a > 0]`` (a comparison, 1 or 0) appear in rules only.
SPELLINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "add": ("a + b", ("1", "1")),
    "sub": ("a - b", ("1", "-1")),
    "mul": ("a * b", ("b", "a")),
    "div": ("a / b", ("1 / b", "-a / b ** 2")),
    "neg": ("-a", ("-1",)),
    "pow": ("a ** b", ("b * a ** (b - 1)", "out * log(a)")),
    "power": ("a ** k", ("k * a ** (k - 1)",)),
    "exp": ("exp(a)", ("out",)),
    "log": ("log(a)", ("1 / a",)),
    "sqrt": ("sqrt(a)", ("1 / (2 * out)",)),
    "abs": ("abs(a)", ("sign(a)",)),
    "sin": ("sin(a)", ("cos(a)",)),
    "cos": ("cos(a)", ("-sin(a)",)),
    "tan": ("tan(a)", ("1 + out ** 2",)),
    "tanh": ("tanh(a)", ("1 - out ** 2",)),
    "sigmoid": ("sigmoid(a)", ("out * (1 - out)",)),
    "relu": ("relu(a)", ("a > 0",)),
    "max": ("max(a, b)", ("a >= b", "a < b")),
    "min": ("min(a, b)", ("a <= b", "a > b")),
    "square": ("a ** 2", ("2 * a",)),
    "reciprocal": ("1 / a", ("-1 / a ** 2",)),
}

# Where the engine's partial is not the rule's own arithmetic: its conventions (√′(0) := 0, a 0·∞ read
# as 0) and the NaN of a slope where the op has no value. Per (op, slot), (condition, value) pairs
# spelled like the rules, the first that holds wins; ``&`` and ``|`` so a condition reads the same
# on numbers and on arrays. Generated code puts them around the rule (``spelling.templates.code``),
# so a script computes the numbers the app shows; a test checks them against the partials.
CONVENTIONS: dict[tuple[str, int], tuple[tuple[str, str], ...]] = {
    ("sqrt", 0): (("out == 0", "0"),),
    ("power", 0): (("k == 0", "0"),),
    ("pow", 0): (("b == 0", "0"),),
    ("pow", 1): (("(a == 0) & (b > 0)", "0"), ("a <= 0", "float('nan')")),
    ("log", 0): (("a < 0", "float('nan')"),),
}

OPS: dict[str, Op] = {op.name: replace(op, spelling=SPELLINGS[op.name][0], rules=SPELLINGS[op.name][1])
                      for op in _TABLE}


def singularity(op: Op, slot: int, operands) -> Singularity | None:
    """How ``op``'s local partial for ``slot`` is singular at the scalar ``operands`` (the arguments,
    then the exponent if the node carries one), or None where it is an ordinary finite slope."""
    if any(np.ndim(value) for value in operands):
        return None
    point = [float(value) for value in operands]
    return next((s for s in op.singular if s.slot == slot and s.at(*point)), None)


_PROBES = (0.0, -0.5)  # every unary singularity is at 0 or below it


def may_be_singular(op: Op, exponent: float | None = None) -> bool:
    """Whether a gate of ``op`` (with this constant ``exponent``) has singular points at all."""
    if op.exponent:
        return any(s.at(x, exponent) for s in op.singular for x in _PROBES)
    return bool(op.singular)
