"""Formulas a class meets, for the tests that lay graphs out and read what is drawn.

From the course slides, CS231n's backprop notes, the micrograd lecture (a neuron and a
2-layer MLP of 15+ nodes), and the shapes that trouble layouts: forks, ``x*x``, a value
used far downstream, long chains, wide sums.  Every formula evaluates to a finite value
with finite gradients at ``VALUES`` (each input absent from it keeps its own value).
"""

VALUES = {"x": 1.5, "y": -0.75, "z": 2.0, "w": -1.25, "a": 0.5, "b": -2.0, "x1": -1.0, "x2": -2.0,
          "x3": 0.5, "w0": -3.0, "w1": 2.0, "w2": -3.0, "b1": 0.1, "b2": -0.2, "b3": 0.3}

COURSE = [
    "(x1 + x2) * x3",
    "1 / (1 + exp(-(w0 + w1*x1 + w2*x2)))",
    "sigmoid(w0 + w1*x1 + w2*x2)",
    "x^2 + 2*y^2",
    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))",
    "(x - 3)^2",
]

CS231N = [
    "(x + y) * z",
    "(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)",
    "(x + y)^2 * sigmoid(x*y)",
    "x*y + max(z, w)",
    "((x*y) + max(z, w)) * 2",
    "sin(x)*cos(y) + x^3",
    "w0*x1 + w1*x2 + w2",
    "exp(x) / (exp(x) + exp(y))",
]

MICROGRAD = [
    "tanh(w1*x1 + w2*x2 + b)",
    "tanh(x1*w1 + x2*w2 + b1)",
    # a 2-layer MLP: two tanh neurons into one output neuron (20+ nodes)
    "tanh(w1*tanh(x1*w0 + x2*w1 + b1) + w2*tanh(x1*w2 + x2*w0 + b2) + b3)",
    "relu(x*w0 + y*w1 + b1)",
    "a*b + a",
    "(a + b) * (b + 1)",
]

SHAPES = [
    "x*x",
    "x*x*x + x",
    "x + x + x + x",
    "exp(exp(exp(x)))",
    "sin(cos(tan(x) + 1) * 2) - 3",
    "x1 + x2 + x3 + w0 + w1 + w2 + b1 + b2 + b3",
    "(x + y) * (x - y) * (x * y)",
    "log(1 + exp(x)) - x*y",
    "sqrt(x^2 + y^2)",
    "abs(x - y) + abs(y - z) + abs(z - x)",
    "x / y / z",
]

FORMULAS = COURSE + CS231N + MICROGRAD + SHAPES
