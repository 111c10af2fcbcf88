"""The formula parser: what it accepts, what it refuses (and where), and the printer."""

import math
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdgui.core.autodiff.expr import MAX_LENGTH, ParseError, parse, to_text


def value(text, **values):
    return float(parse(text).forward(values))


@pytest.mark.parametrize("text, values, expected", [
    ("x^2 + 1", {"x": 3.0}, 10.0),         # ^ is power with power's precedence, not Python's xor
    ("x**2 + 1", {"x": 3.0}, 10.0),
    ("-x^2", {"x": 3.0}, -9.0),            # unary minus binds looser than power
    ("2^3^2", {}, 512.0),                  # power is right-associative
    ("(2^3)^2", {}, 64.0),
    ("8/4/2", {}, 1.0),                    # division is left-associative
    ("-x*y", {"x": 2.0, "y": 3.0}, -6.0),
    ("+x - -y", {"x": 2.0, "y": 3.0}, 5.0),
    ("2*pi", {}, 2 * math.pi),
    ("e", {}, math.e),
    ("max(x, y) + min(x, y)", {"x": 1.0, "y": 4.0}, 5.0),
    ("1e-3 * x", {"x": 2.0}, 0.002),
    ("sigmoid(0)", {}, 0.5),
])
def test_values(text, values, expected):
    assert value(text, **values) == pytest.approx(expected, rel=1e-15)


def test_a_repeated_name_is_one_input_node():
    graph = parse("x*y + x")
    assert graph.input_names() == ["x", "y"]
    x = graph.input_ids()["x"]
    assert sum(1 for e in graph.edges() if e.src == x) == 2


def _gates(graph):
    return sorted((n.op, n.exponent) for n in graph.nodes.values() if n.kind == "op")


@pytest.mark.parametrize("text, k", [
    ("x^2", 2.0), ("x**2", 2.0), ("pow(x, 2)", 2.0), ("x^-1", -1.0), ("x^(1/2)", 0.5), ("x^(2^3)", 8.0),
    ("x^0", 0.0), ("x^pi", math.pi), ("x^(-(1/4))", -0.25),
])
def test_a_constant_exponent_makes_one_power_gate_and_no_exponent_node(text, k):
    graph = parse(text)
    assert _gates(graph) == [("power", k)]
    assert list(graph.nodes) == [graph.input_ids()["x"], graph.output()]  # the exponent's nodes are gone
    assert graph.nodes[graph.output()].args == [graph.input_ids()["x"]]


def test_the_base_may_be_anything_and_only_a_variable_exponent_keeps_pow():
    assert _gates(parse("(x-3)^2")) == [("power", 2.0), ("sub", None)]
    assert _gates(parse("x^y")) == [("pow", None)]
    assert _gates(parse("2^x")) == [("pow", None)]
    assert _gates(parse("x^(y*0)")) == [("mul", None), ("pow", None)]  # 0 only by arithmetic: still an input
    assert _gates(parse("x^y^2")) == [("pow", None), ("power", 2.0)]   # x^(y^2)
    assert parse("x^y^2").input_names() == ["x", "y"]


@pytest.mark.parametrize("text, labels", [
    ("x^2", ["^2"]), ("x^3 + x^0.5", ["^0.5", "^3"]), ("x^-1", ["^−1"]), ("x^(1/3)", ["^0.333333"]),
    ("x^2.000001", ["^2.000001"]),  # as typed: rounding it to six digits would read ^2
])
def test_a_power_gate_is_labelled_with_its_exponent_and_the_real_minus_sign(text, labels):
    graph = parse(text)
    assert sorted(n.label for n in graph.nodes.values() if n.op == "power") == labels


def test_power_is_not_a_function_a_formula_calls():
    with pytest.raises(ParseError) as refused:
        parse("foo(x)")
    assert "power" not in refused.value.message and "pow" in refused.value.message


def test_pi_and_e_are_constants_not_inputs():
    graph = parse("pi*x + e")
    assert graph.input_names() == ["x"]
    assert sorted(n.label for n in graph.nodes.values() if n.kind == "const") == ["e", "π"]


@pytest.mark.parametrize("text, column, words", [
    ("", 1, "empty"),
    ("   ", 1, "empty"),
    ("x.__class__", 1, "attribute"),
    ("x[0]", 2, "subscript"),
    ("x < y", 3, "comparison"),
    ("lambda x: x", 9, "lambda"),
    ("[x for x in y]", 1, "subscript"),
    ("'abc'", 1, "quotes"),
    ("b'abc'", 2, "quotes"),
    ("x // 2", 3, "floor division"),
    ("x % 2", 3, "%"),
    ("x @ y", 3, "matrix"),
    ("foo(x)", 1, "unknown function 'foo'"),
    ("open(x)", 1, "unknown function 'open'"),
    ("__import__(x)", 1, "unknown function '__import__'"),
    ("exp(x, y)", 1, "takes 1 argument, got 2"),
    ("max(x)", 1, "takes 2 arguments, got 1"),
    ("exp + 1", 1, "exp is a function"),
    ("x +", 4, "ends too early"),
    ("(x + 1", 1, "not closed"),
    ("x + 1)", 6, "no opening"),
    ("x y", 3, "not a valid formula"),
    ("1e999 * x", 1, "too large"),
    ("x ^ 1001", 3, "exponent"),
    ("9**9**9", 2, "exponent"),
    ("2 ^ (500 + 501)", 3, "exponent"),
    ("pow(x, 1001)", 1, "exponent"),       # a call is a power too, with the same limit
    ("power(x)", 1, "write a power with a constant exponent as x^k"),
    ("power + 1", 1, "write a power with a constant exponent as x^k"),
    ("x²", 2, "x^2"),
    ("1j * x", 1, "complex"),
    ("x if y else z", 1, "if / else"),
    ("_x + 1", 1, "underscore"),
    ("x, y", 1, "tuple"),
    ("a" * 1001, 1001, "longer than 1000"),
])
def test_refusals_say_what_and_where(text, column, words):
    with pytest.raises(ParseError) as error:
        parse(text)
    assert words in error.value.message
    assert error.value.column == column


def test_nesting_deeper_than_100_is_refused():
    parse("(" * 100 + "x" + ")" * 100)
    with pytest.raises(ParseError, match="nested more than 100"):
        parse("(" * 101 + "x" + ")" * 101)


def test_more_than_500_nodes_is_refused():
    with pytest.raises(ParseError, match="more than 500 nodes"):
        parse("+".join(["x*1"] * 200))


HOSTILE = [
    "__import__('os').system('true')", "().__class__.__bases__[0].__subclasses__()",
    "open('/etc/passwd').read()", "exec('1')", "eval('1')", "compile('1','','eval')",
    "9**9**9**9", "10**10**10", "(" * 10_000 + "x" + ")" * 10_000, "x" * 5000,
    "globals()", "x.__dict__", "lambda: 0", "[1] * 10**9", "'a' * 10**9", "f'{x}'",
]


# Refusing is cheap: parsing a 500-node formula makes about 27,000 calls; a refusal a few hundred.
MAX_CALLS_TO_REFUSE = 1000


def _calls_made(function, *args) -> int:
    """How many Python and built-in functions ``function(*args)`` calls: its work, counted, not timed."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return calls


def _refusal(text):
    with pytest.raises(ParseError) as refused:
        parse(text)
    return refused.value


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_inputs_are_refused_quickly(text):
    assert _calls_made(_refusal, text) < MAX_CALLS_TO_REFUSE
    if len(text) > MAX_LENGTH:  # refused before any parsing: no call below reads more than MAX_LENGTH characters
        assert _refusal(text).column == MAX_LENGTH + 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_parse_error(text):
    try:
        parse(text)
    except ParseError:
        pass


@settings(max_examples=300)
@given(st.text(alphabet="xy+-*/^()., 0123456789episqrtmaxcos", max_size=40))
def test_formula_like_text_raises_only_parse_error(text):
    try:
        parse(text)
    except ParseError:
        pass


# ----- printing round trip --------------------------------------------------------------
NAMES = st.sampled_from(["x", "y", "z"])
NUMBERS = st.floats(-20, 20, allow_nan=False).map(lambda v: round(v, 3))


def _leaf():
    return st.one_of(NAMES, NUMBERS.map(repr), st.just("pi"))


def _combine(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})")
    power = st.tuples(children, st.integers(-3, 3)).map(lambda t: f"({t[0]})^{t[1]}")
    unary = st.tuples(st.sampled_from(["-", "+", "sin", "cos", "exp", "tanh", "sigmoid", "abs"]),
                      children).map(lambda t: f"{t[0]}({t[1]})")
    binary_call = st.tuples(st.sampled_from(["max", "min"]), children, children).map(
        lambda t: f"{t[0]}({t[1]}, {t[2]})")
    return st.one_of(binary, power, unary, binary_call)


FORMULAS = st.recursive(_leaf(), _combine, max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(FORMULAS)
def test_printed_text_parses_back_to_the_same_values(text):
    graph = parse(text)
    printed = parse(to_text(graph))
    rng = np.random.default_rng(1)
    point = {name: rng.uniform(-3, 3, size=5) for name in graph.input_names()}
    np.testing.assert_array_equal(printed.forward(point), graph.forward(point))
    assert to_text(printed) == to_text(graph)


@pytest.mark.parametrize("text, printed", [
    ("x^2 + 1", "x^2 + 1"),
    ("-x*y", "-x * y"),
    ("x - (y - z)", "x - (y - z)"),
    ("(x - y) - z", "x - y - z"),
    ("(-2)^2", "(-2)^2"),
    ("x^-y", "x^(-y)"),
    ("(x-3)^2", "(x - 3)^2"),
    ("x**2 + 2*y**2", "x^2 + 2 * y^2"),
    ("x^-1", "x^(-1)"),
    ("x^(1/2)", "x^0.5"),
    ("pow(x, 3)", "x^3"),
    ("-x^2", "-x^2"),
    ("(-x)^2", "(-x)^2"),
    ("(x^2)^3", "(x^2)^3"),
    ("x^y^2", "x^y^2"),
    ("2^x", "2^x"),
    ("1/(1+exp(-(w0+w1*x1)))", "1 / (1 + exp(-(w0 + w1 * x1)))"),
])
def test_canonical_text(text, printed):
    assert to_text(parse(text)) == printed
