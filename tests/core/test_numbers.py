"""The one place that writes and reads numbers: every expected string below is written by hand."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdgui.core import numbers

INF, NAN = float("inf"), float("nan")


@pytest.mark.parametrize("value, digits, text", [
    (0.19661193324148185, 4, "0.1966"), (-0.5898357997, 4, "−0.5898"), (-0.19661193324148185, 6, "−0.196612"),
    (-12.0, 4, "−12"), (1.5e-7, 3, "1.5e−7"), (123456.0, 4, "1.235e5"), (-0.0, 4, "0"),
    (1e-7, 4, "1e−7"), (1e21, 4, "1e21"), (0.1 + 0.2, 4, "0.3"), (3.0, 4, "3"),
    (INF, 4, "∞"), (-INF, 4, "−∞"), (NAN, 4, "undefined"),  # the window never says NaN
])
def test_short_is_window_text(value, digits, text):
    assert numbers.short(value, digits) == text


def test_short_never_writes_minus_zero_even_after_rounding():
    assert numbers.short(-1e-30 * 0) == "0" and numbers.short(np.float64(-0.0)) == "0"


@pytest.mark.parametrize("value, text", [
    (0.1 + 0.2, "0.30000000000000004"), (-1.0, "−1.0"), (2.0, "2.0"), (-0.0, "0.0"),
    (1e-7, "1e−7"), (1e21, "1e21"), (-2.5e-300, "−2.5e−300"), (INF, "∞"), (-INF, "−∞"), (NAN, "undefined"),
])
def test_full_has_every_digit(value, text):
    assert numbers.full(value) == text


@pytest.mark.parametrize("value, text", [
    (-0.0, "0"), (1e-7, "1e-7"), (1e21, "1e21"), (0.1 + 0.2, "0.3"), (-2.805118, "-2.80512"),
    (10.0, "10"), (1e-5, "1e-5"), (INF, "inf"), (-INF, "-inf"), (NAN, "nan"),
])
def test_plain_is_ascii_for_the_terminal(value, text):
    assert numbers.plain(value) == text


def test_plain_with_more_digits():
    assert numbers.plain(1 / 3, 10) == "0.3333333333"


@pytest.mark.parametrize("value, text", [
    (-2.0, "-2"), (-0.0, "-0"), (0.0, "0"), (2.5, "2.5"), (0.1 + 0.2, "0.30000000000000004"),
    (1e21, "1e21"), (1e-7, "1e-7"), (1e15, "1000000000000000.0"), (123456789012345.0, "123456789012345"),
])
def test_exact_is_source_text_that_reads_back_as_the_same_float(value, text):
    assert numbers.exact(value) == text
    assert float(text) == value and math.copysign(1, float(text)) == math.copysign(1, value)


@pytest.mark.parametrize("value, text", [
    (3.0, "3"), (-2.805118, "−2.805"), (math.pi, "π"), (-math.pi, "−π"), (-2 * math.pi, "−2π"),
    (1.5e-7, "1.5e−7"), (-0.0, "0"), (INF, "∞"), (NAN, "undefined"),
    (1e20, "1e20"),  # a multiple of π to nine digits, but nobody reads 1e20 as one
])
def test_in_pi_names_multiples_of_pi(value, text):
    assert numbers.in_pi(value) == text


@pytest.mark.parametrize("value, text", [
    (math.pi / 2, "π/2"), (-3 * math.pi / 4, "−3π/4"), (2 * math.pi, "2π"), (math.pi / 6, "π/6"),
    (-2 * math.pi / 3, "−2π/3"), (100 * math.pi, "100π"), (-99.5 * math.pi, "−199π/2"),
    (101 * math.pi, "317.3"),             # beyond 100π: digits
    (math.pi * (1 + 1e-6), "3.142"),      # near π is not π
    (math.pi / 5, "0.6283"),              # fifths are not among the fractions a student knows
    (391226526338348790841344 * math.pi, "1.229e24"), (3.0e9, "3e9"), (-1.7e12, "−1.7e12"),
    (math.pi * 1e9, "3.142e9"),           # an exact float multiple, but far beyond 100π
])
def test_in_pi_writes_pi_only_for_small_exact_multiples(value, text):
    assert numbers.in_pi(value) == text


def _pi_text_value(text: str) -> float:
    """The value "−3π/4" stands for (written independently of numbers.in_pi)."""
    sign = -1.0 if text.startswith("−") else 1.0
    numerator, _, denominator = text.lstrip("−").partition("/")
    turns = numerator[:-1] or "1"
    return sign * float(turns) * math.pi / float(denominator or 1)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_pi_appears_only_up_to_100_pi_and_only_for_what_it_says(value):
    text = numbers.in_pi(value)
    if "π" in text:
        assert abs(value) <= 100 * math.pi * (1 + 1e-9), (value, text)
        assert abs(_pi_text_value(text) - value) <= 1e-9 * max(1.0, abs(value)), (value, text)
    elif math.isfinite(value):
        assert text == numbers.short(value)


@given(st.floats(min_value=1e4, max_value=1e308) | st.floats(min_value=-1e308, max_value=-1e4))
def test_no_pi_for_large_values(value):
    assert "π" not in numbers.in_pi(value)


@pytest.mark.parametrize("value, spacing, text", [
    (-0.8, 0.2, "−0.8"), (0.0, 0.2, "0"), (-1e-17, 0.1, "0"), (0.25, 0.05, "0.25"), (-1.5, 0.5, "−1.5"),
    (1e-5, 5e-6, "1e−5"), (1.5e-5, 5e-6, "1.5e−5"), (3.0000000000000004e-05, 1e-5, "3e−5"),
    (12500.0, 2500.0, "12500"), (20000.0, 5000.0, "20000"), (2e4, 1e4, "2e4"), (1.25e5, 2.5e4, "1.25e5"),
    (-800.0, 100.0, "−800"), (5.0, 1.0, "5"), (0.002, 0.001, "0.002"), (0.0005, 0.0005, "5e−4"),
    (0.001, 0.0005, "1e−3"), (-0.30000000000000004, 0.1, "−0.3"), (1e7 + 5000, 5000, "10005000"),
])
def test_tick_is_the_value_at_the_tick_to_the_digits_the_spacing_needs(value, spacing, text):
    assert numbers.tick(value, spacing) == text


@given(st.integers(-1000, 1000), st.sampled_from([1, 2, 5]), st.integers(-12, 12))
def test_tick_reads_back_as_its_value(multiple, unit, power):
    spacing = unit * 10.0 ** power
    value = multiple * spacing
    shown = float(numbers.tick(value, spacing).replace("−", "-"))
    assert abs(shown - value) <= 1e-9 * max(abs(value), spacing)


def test_point_text():
    assert numbers.point_text(math.pi, math.pi) == "(π, π)"
    assert numbers.point_text(-0.0, -3.5849) == "(0, −3.585)"


@pytest.mark.parametrize("value, text", [(3.2e-8, "3.2e−8"), (-1.5e-7, "−1.5e−7"), (0.0, "0.0e0"),
                                         (12345.0, "1.2e4"), (NAN, "undefined")])
def test_scientific(value, text):
    assert numbers.scientific(value) == text


# ----- reading ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, result", [("2.5", 2.5), (" −2.5 ", -2.5), ("1e-7", 1e-7), (3, 3.0),
                                           (np.float64(0.5), 0.5)])
def test_number_reads_text_and_numbers(value, result):
    assert numbers.number(value, "--lr") == result


@pytest.mark.parametrize("value, message", [
    ("abc", "--lr: 'abc' is not a number"),
    ("", "--lr: '' is not a number"),
    (True, "--lr: True is not a number"),
    ([1], "--lr: [1] is not a number"),
    ("nan", "--lr: 'nan' is not a finite number"),
    ("-Infinity", "--lr: '-Infinity' is not a finite number"),
    (INF, "--lr: inf is not a finite number"),
    ("1e309", "--lr: '1e309' is not a finite number (floats end near ±1.8e308)"),
    ("-1e309", "--lr: '-1e309' is not a finite number (floats end near ±1.8e308)"),
    (10**400, "--lr: a number of 401 digits is not a finite number (floats end near ±1.8e308)"),
    ("x" * 50, "--lr: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx… is not a number"),
])
def test_number_refuses_in_one_line_naming_the_option(value, message):
    with pytest.raises(ValueError) as error:
        numbers.number(value, "--lr")
    assert str(error.value) == message


def test_number_ranges():
    assert numbers.number("10", "lr", 1e-5, 10) == 10.0
    with pytest.raises(ValueError, match="^lr: 0 is outside the allowed range 1e-5 … 10$"):
        numbers.number(0, "lr", 1e-5, 10)
    with pytest.raises(ValueError, match="^--tol: -1 is below the allowed minimum 0$"):
        numbers.number("-1", "--tol", low=0)


@pytest.mark.parametrize("value, result", [("12", 12), (" 12 ", 12), ("−3", -3), (12.0, 12), (np.int64(7), 7),
                                           (10**20, 10**20)])
def test_whole_reads_text_and_numbers(value, result):
    assert numbers.whole(value, "--seed", -5) == result


@pytest.mark.parametrize("value, low, high, message", [
    ("2.5", 0, 10, "--steps: '2.5' is not a whole number"),
    ("1e3", 0, 10, "--steps: '1e3' is not a whole number"),
    (2.5, 0, 10, "--steps: 2.5 is not a whole number"),
    (INF, 0, 10, "--steps: inf is not a whole number"),
    (False, 0, 10, "--steps: False is not a whole number"),
    ("-3", 0, 10_000_000, "--steps: -3 is outside the allowed range 0 … 10,000,000"),
    (10_001, 1, 10_000, "--steps: 10,001 is outside the allowed range 1 … 10,000"),
    (10**400, 0, 10, "--steps: a number of 401 digits is outside the allowed range 0 … 10"),
    ("-1", 0, None, "--steps: -1 is below the allowed minimum 0"),
])
def test_whole_refuses_in_one_line(value, low, high, message):
    with pytest.raises(ValueError) as error:
        numbers.whole(value, "--steps", low, high)
    assert str(error.value).startswith(message)


def test_number_lists():
    assert numbers.number_list("1, −2", "--start", "X,Y") == (1.0, -2.0)
    assert numbers.number_list([1, 2], "start", "X,Y") == (1.0, 2.0)
    with pytest.raises(ValueError, match=r"^--start: expected X,Y \(two numbers\), got '1'$"):
        numbers.number_list("1", "--start", "X,Y")
    with pytest.raises(ValueError, match=r"^start: expected X,Y \(two numbers\), got 5$"):
        numbers.number_list(5, "start", "X,Y")
    with pytest.raises(ValueError, match="^--start: 'a' is not a number$"):
        numbers.number_list("1,a", "--start", "X,Y")


def test_domains():
    assert numbers.check_domain("-5,5,-2,2") == (-5.0, 5.0, -2.0, 2.0)
    assert numbers.check_domain([-1e308, 0, 0, 1]) == (-1e308, 0.0, 0.0, 1.0)


@pytest.mark.parametrize("value, message", [
    ((1, 0, 0, 1), "domain: needs x min < x max and y min < y max, got (1, 0, 0, 1)"),
    ((0, 1, 1, 1), "domain: needs x min < x max and y min < y max, got (0, 1, 1, 1)"),
    ((0, 1, 0), "domain: expected X0,X1,Y0,Y1 (four numbers), got (0, 1, 0)"),
    ((0, INF, 0, 1), "domain: inf is not a finite number"),
    ((-1e308, 1e308, 0, 1), "domain: too wide; x max - x min and y max - y min must stay below 1.8e308"),
    ((0, 1, -1e308, 1e308), "domain: too wide; x max - x min and y max - y min must stay below 1.8e308"),
])
def test_bad_domains(value, message):
    with pytest.raises(ValueError) as error:
        numbers.check_domain(value)
    assert str(error.value) == message


@pytest.mark.parametrize("value, text", [(0, "0 bytes"), (980, "980 bytes"), (1000, "1 kB"), (12_345, "12.3 kB"),
                                         (103_456_789, "103 MB"), (999_600_000, "1 GB"), (3 * 10**12, "3,000 GB")])
def test_byte_sizes_read_as_a_file_manager_shows_them(value, text):
    assert numbers.byte_size(value) == text


def test_counts_separate_thousands():
    assert numbers.count(1_234_567) == "1,234,567" and numbers.count(7) == "7"


@pytest.mark.parametrize("text, value", [
    ("∞", math.inf), ("−∞", -math.inf), (" -inf ", -math.inf), ("INF", math.inf), ("undefined", math.nan),
    ("nan", math.nan), ("−2.5", -2.5), ("1e-3", 0.001),
])
def test_number_as_shown_reads_the_windows_own_words_back(text, value):
    read = numbers.number_as_shown(text, "prediction")
    assert read == value or (math.isnan(read) and math.isnan(value))


@pytest.mark.parametrize("text", ["", "∞∞", "Infinity", "1e309", "abc", "− ∞"])
def test_number_as_shown_refuses_other_words_with_the_fields_name(text):
    with pytest.raises(ValueError, match="^prediction: "):
        numbers.number_as_shown(text, "prediction")
