"""Formulas whose arithmetic Python refuses, formulas deep enough to exhaust a recursive walk,
and Python's own syntax messages: IEEE values, iterative walks, the app's own words."""

import inspect
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdgui.core.autodiff.expr import MAX_LENGTH, ParseError, parse, to_text, undefined_part
from gdgui.core.autodiff.graph_edits import from_expression
from gdgui.core.numbers import plain

TOWER = "^".join(["x"] * 500)                      # x^x^…^x: 499 operators, 999 characters
WIDE_EXPONENT = "x^(" + "+".join(["x"] * 498) + ")"  # x^(x+x+…+x): 999 characters


@pytest.fixture
def shallow_stack():
    """400 frames to spare: enough for Python's own parser (≈1 frame per 3 levels), not for any
    walk that recurses once per level of a 500-deep formula."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 400)
    yield
    sys.setrecursionlimit(limit)


# ----- arithmetic Python refuses: IEEE values ------------------------------------------------
ACCEPTED = {  # formula → (f at x = 1, the note on its constant part or None)
    "x/0": (np.inf, "x/0 has no finite value (division by zero)"),
    "reciprocal(0) + x": (np.inf, "reciprocal(0) is inf (division by zero)"),
    "log(0)*x": (-np.inf, "log(0) is -inf (log of 0)"),
    "0/0 + x": (np.nan, "0/0 is nan (division by zero)"),
    "x + 1/0": (np.inf, "1/0 is inf (division by zero)"),
    "x^0": (1.0, None),
    "0^-1*x": (np.inf, "0^-1 is inf (division by zero)"),
    "sqrt(-1)+x": (np.nan, "sqrt(-1) is nan (square root of a negative number)"),
    "exp(1000)*x": (np.inf, "exp(1000) is inf (too large for a floating-point number)"),
    "10^400*x": (np.inf, "10^400 is inf (too large for a floating-point number)"),
}


@pytest.mark.parametrize("text", ACCEPTED)
def test_formulas_with_parts_that_are_not_numbers_are_valid_and_evaluate_in_ieee(text):
    value, note = ACCEPTED[text]
    graph = parse(text)
    with np.errstate(all="raise"):  # the graph's own errstate must cover every operation
        result = float(graph.forward({"x": 1.0}))
    np.testing.assert_equal(result, value)
    part = undefined_part(text)
    assert (part.sentence(plain) if part else None) == note
    assert parse(to_text(graph)).forward({"x": 1.0}) == pytest.approx(result, nan_ok=True)


def test_the_note_is_in_window_words_and_points_at_the_part():
    part = undefined_part("x + 1/0")
    assert part.column == 5 and part.text == "1/0" and part.sentence() == "1/0 is ∞ (division by zero)"
    assert undefined_part("x + log(0)").sentence() == "log(0) is −∞ (log of 0)"
    assert undefined_part("x + (-8)^(1/3)").sentence() == \
        "(-8)^(1/3) is undefined (a negative number to a fractional power)"
    assert undefined_part("x^2 + 2*y^2") is None


@pytest.mark.parametrize("text, column, words", [
    ("x^reciprocal(0)", 2, "the exponent is infinite (division by zero)"),
    ("x^(1/0)", 2, "the exponent is infinite (division by zero)"),
    ("x^(0/0)", 2, "the exponent is undefined (division by zero)"),
    ("x^log(0)", 2, "the exponent is infinite (log of 0)"),
    ("x^(2*(1/0))", 2, "the exponent is infinite (division by zero)"),
    ("x^1e308", 2, "the exponent is larger than 1000 in magnitude"),
    ("x^exp(1000)", 2, "the exponent is infinite (too large for a floating-point number)"),
])
def test_an_exponent_that_is_not_a_number_is_refused_with_the_reason(text, column, words):
    with pytest.raises(ParseError) as error:
        parse(text)
    assert error.value.message == words and error.value.column == column


def test_constant_folding_never_uses_python_float_arithmetic():
    # Python floats raise on 1.0/0.0 and 10.0**400; the folder must compute in NumPy under errstate.
    with np.errstate(all="raise"):
        for text in ("x^(1/0 - 1/0)", "x^(10^400)", "x^(0^-1)", "x^reciprocal(0)", "x^(1/(1/0))"):
            try:
                parse(text)
            except ParseError:
                pass


# ----- no recursion on user-sized input -------------------------------------------------------
@pytest.mark.parametrize("text", [TOWER, WIDE_EXPONENT, "x" + "^-x" * 240, "-" * 480 + "x",
                                  "sin(" * 100 + "x" + ")" * 100])
def test_long_formulas_parse_print_and_lay_out_without_recursion(text, shallow_stack):
    assert len(text) <= 1000
    graph = parse(text)
    printed = to_text(graph)
    if len(printed) <= MAX_LENGTH:  # the canonical text adds spaces: the longest ones no longer fit
        np.testing.assert_equal(parse(printed).forward({"x": 0.5}), graph.forward({"x": 0.5}))
    doc = from_expression(text, {"x": 0.5})
    doc.graph.forward(doc.values)
    doc.graph.backward()


def test_the_tower_and_the_wide_exponent_evaluate():
    assert float(parse("^".join(["x"] * 5)).forward({"x": 1.0})) == 1.0
    assert float(parse(TOWER).forward({"x": 1.0})) == 1.0
    assert float(parse(WIDE_EXPONENT).forward({"x": 1.0})) == 1.0


# ----- Python's words never reach a user -------------------------------------------------------
JARGON = ("0o prefix", "literal", "invalid syntax", "Perhaps", "EOF", "indent", "NoneType", "ellipsis",
          "Await", "Starred", "starred expression", "Missing parentheses", "non-printable", "U+",
          "outside function", "parenthesized", "expected '", "Expression", "Constant", "BinOp",
          "keyword", "token", "decimal integer", "precede")


def _refusal(text):
    try:
        parse(text)
    except ParseError as error:
        return error
    return None


def _assert_own_words(text, error):
    assert "\n" not in error.message and error.message.strip() == error.message
    assert not [word for word in JARGON if word in error.message], (text, error.message)
    assert error.column is None or 1 <= error.column <= len(text) + 1, (text, error.column)


@pytest.mark.parametrize("text, column, words", [
    ("09*x", 1, "a number cannot start with 0 (write 9, not 09)"),
    ("x + 007", 5, "a number cannot start with 0 (write 9, not 09)"),
    ("2x", 1, "a number runs into a letter: write 2*x, not 2x"),
    ("0x1f*x", 1, "write numbers with the digits 0 to 9 (no 0x, 0o or 0b)"),
    ("0b102", 5, "write numbers with the digits 0 to 9 (no 0x, 0o or 0b)"),
    ("x + 0o7", 5, "write numbers with the digits 0 to 9 (no 0x, 0o or 0b)"),
    ("(x y)", 2, "two terms in a row: put an operator between them (2*x, not 2 x)"),
    ("None", 1, "None is not a number"),
    ("True + x", 1, "True is not a number"),
    ("...", 1, "... is not a number"),
    ("await x", 1, "'await' is not part of a formula"),
    ("print x", 1, "this is not a valid formula here (a missing operator or operand?)"),
    ("yield x", 1, "this is not a valid formula here (a missing operator or operand?)"),
    ("x if y", 1, "this is not a valid formula here (a missing operator or operand?)"),
    ("not x", 1, "'not' is not part of a formula"),
    ("sin(*x)", 1, "sin() takes plain arguments only"),
])
def test_python_syntax_errors_are_said_in_the_apps_words(text, column, words):
    error = _refusal(text)
    assert error is not None and error.message == words and error.column == column
    _assert_own_words(text, error)


@pytest.mark.parametrize("text", [" x^2", "\tx + y", "x +\ny", "x\r+ y", "x\x0b+ y", "  x\n"])
def test_whitespace_anywhere_is_a_gap(text):
    assert float(parse(text).forward({"x": 2.0, "y": 1.0})) in (4.0, 3.0, 2.0)


WORDS = st.sampled_from(["x", "y", "0", "09", "1", "1e5", "1j", "0x", "0b", "0o", ".", "_", "e", "pi",
                         "sin", "max", "if", "else", "for", "in", "not", "and", "is", "lambda", "yield",
                         "await", "print", "None", "True", "import", "del", "...", "(", ")", ",", "+",
                         "-", "*", "/", "^", "**", "//", " ", "\t", "\n"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=12).map("".join))
def test_no_refusal_speaks_python(text):
    error = _refusal(text)
    if error is not None:
        _assert_own_words(text, error)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="xy0123456789e._+-*/^(), jJbBoO\t\n", max_size=30))
def test_no_refusal_of_formula_characters_speaks_python(text):
    error = _refusal(text)
    if error is not None:
        _assert_own_words(text, error)
