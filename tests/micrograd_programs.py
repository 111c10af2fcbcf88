"""micrograd's code as students paste it, and the numbers it must give (shared by core, CLI and window tests).

The test bodies are karpathy/micrograd's test/test_engine.py (test_sanity_check, test_more_ops) up to
``backward()``, indented as in the file; the expected numbers are those micrograd and PyTorch print
(issue 16), and the sanity check's are worked by hand below.  The neuron is the micrograd lecture's.
Both are read from docs/programs, the files the README opens in the window.
"""

from pathlib import Path

_PROGRAMS = Path(__file__).resolve().parent.parent / "docs" / "programs"

SANITY_CHECK = (_PROGRAMS / "micrograd_sanity_check.py").read_text(encoding="utf-8")
# By hand at x = −4: z = −8 + 2 − 4 = −10, q = relu(−10) + 40 = 40, h = relu(100) = 100,
# y = 100 + 40 − 160 = −20; micrograd and PyTorch give ∂y/∂x = 46.
SANITY_Y, SANITY_DX = -20.0, 46.0
SANITY_NODES = 14  # x, two constants 2, the gates of z (×, +, +), q (relu, ×, +), h (×, relu), y (+, ×, +)

MORE_OPS = """
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    amg, bmg, gmg = a, b, g
"""
MORE_G, MORE_DA, MORE_DB = 24.70408163265306, 138.83381924198252, 645.5772594752186

NEURON = (_PROGRAMS / "micrograd_neuron.py").read_text(encoding="utf-8")  # the lecture's, labels and all
# The lecture's short spelling of the same neuron.
NEURON_SHORT = "x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.8813735870195432\nn = x1*w1 + x2*w2 + b\no = n.tanh()"
# By hand: n = −6 + 0 + 6.88137… = 0.88137… = asinh(1), so o = tanh(n) = 1/√2 and ∂o/∂n = 1 − o² = 1/2;
# then ∂o/∂x1 = w1/2, ∂o/∂w1 = x1/2, ∂o/∂x2 = w2/2, ∂o/∂w2 = x2/2, ∂o/∂b = 1/2 (the lecture's numbers).
NEURON_O = 2 ** -0.5
NEURON_GRADS = {"x1": -1.5, "x2": 0.5, "w1": 1.0, "w2": 0.0, "b": 0.5}
