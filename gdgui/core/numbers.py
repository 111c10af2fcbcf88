"""Every number a user reads or types: one set of rules for writing them and for reading them.

Writing. The window writes the real minus sign (−, U+2212), ∞ and "undefined" (for NaN: a
student has not met NaN yet); the terminal writes ASCII, which pastes back into a shell or a
formula. Neither writes "-0" (the sign of zero means nothing to a reader) nor pads exponents
("1.5e−7", not "1.5e−07"). Only ``exact`` keeps −0: it is source text that must read back as
the very same float.

Reading. Text (a command-line option) or a value from a file (a session's JSON) becomes a
checked float or int, or a ValueError of one line that starts with the option's or field's
name: "--lr: 'abc' is not a number". Nothing a user types ends in an OverflowError.
"""

from __future__ import annotations

import math
import operator
import re
import sys

__all__ = ["MINUS", "DEFAULT_DIGITS", "TYPED_DIGITS", "plain", "short", "full", "exact", "in_pi", "point_text",
           "scientific", "tick", "count", "byte_size", "number", "number_as_shown", "whole", "number_list", "check_domain"]

MINUS = "−"
DEFAULT_DIGITS = 4  # enough to tell two values apart on an edge label or in a status line
TYPED_DIGITS = 6    # a value the user set (γ, η, a default): shown as typed, not rounded to 4 digits
DOMAIN_SHAPE = "X0,X1,Y0,Y1"

_WINDOW_WORDS = {"inf": "∞", "-inf": MINUS + "∞", "nan": "undefined"}
_READ_WORDS = {spelling.replace(MINUS, "-"): float(word) for word, shown in _WINDOW_WORDS.items()
               for spelling in (word, shown)}
_MAX_PI_TURNS = 100  # 1e20 is a multiple of π to 9 digits too, but nobody reads it as one
_PI_DENOMINATORS = (1, 2, 3, 4, 6)  # π/2, π/3, 3π/4, π/6: the angles a student knows (closed under divisors)
_PI_TOLERANCE = 1e-9  # relative: a value must be this close to kπ/d to be written so
_COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


# ----- writing ------------------------------------------------------------------------------

def plain(value, digits: int = TYPED_DIGITS) -> str:
    """ASCII, ``digits`` significant digits: "-0.1966", "1.5e-7", "1e21", "inf", "nan"; never "-0"."""
    v = float(value) + 0.0  # + 0.0 turns -0.0 into 0.0
    return _unpadded(f"{v:.{digits}g}") if math.isfinite(v) else repr(v)


def short(value, digits: int = DEFAULT_DIGITS) -> str:
    """Window text, ``digits`` significant digits: "−0.1966", "1.5e−7", "∞", "undefined"."""
    return _for_window(plain(value, digits))


def full(value) -> str:
    """Window text with every digit the float has (it reads back as the same float): "−1.0"."""
    v = float(value) + 0.0
    return _for_window(_unpadded(repr(v)) if math.isfinite(v) else repr(v))


def exact(value) -> str:
    """ASCII source text of a formula or an edit box: shortest round trip, whole numbers bare ("-2")."""
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:  # beyond, str(int) would write digits the float does not hold
        return "-0" if math.copysign(1.0, v) < 0 and v == 0 else str(int(v))
    return _unpadded(repr(v))


def in_pi(value, digits: int = DEFAULT_DIGITS) -> str:
    """Like ``short``, but a small exact multiple of π as π: "−2π", "π/2", "−3π/4".

    Only kπ/d with d in 2, 3, 4, 6 (or 1) and |k/d| ≤ 100, within 1e-9 of the value: so no value
    beyond 100π ≈ 314.2 is ever written with π (every float above ~3e9 is within 1e-9·|value| of
    some kπ, and "f = 391226526338348790841344π" tells a student nothing).
    """
    v = float(value)
    multiple = _pi_multiple(v)
    if multiple is None:
        return short(v, digits)
    turns, denominator = multiple
    text = {1: "π", -1: MINUS + "π"}.get(turns) or short(turns) + "π"
    return text if denominator == 1 else f"{text}/{denominator}"


def _pi_multiple(v: float) -> tuple[int, int] | None:
    """(k, d) in lowest terms when v is kπ/d, 0 < |k/d| ≤ 100; None otherwise."""
    if not abs(v) <= _MAX_PI_TURNS * math.pi * (1 + _PI_TOLERANCE):  # also inf and nan
        return None
    for denominator in _PI_DENOMINATORS:  # the smallest first, so k/d is in lowest terms
        turns = round(v * denominator / math.pi)
        if turns and abs(v - turns * math.pi / denominator) < _PI_TOLERANCE * max(1.0, abs(v)):
            return turns, denominator
    return None


def point_text(x, y) -> str:
    """A point of the plane in window text: "(π, −2.805)"."""
    return f"({in_pi(x)}, {in_pi(y)})"


def scientific(value, decimals: int = 1) -> str:
    """Window text in powers of ten, for errors spanning many decades: "3.2e−8"."""
    v = float(value) + 0.0
    return _for_window(_unpadded(f"{v:.{decimals}e}") if math.isfinite(v) else repr(v))


def tick(value, spacing) -> str:
    """Window text of an axis tick at ``value`` on ticks ``spacing`` apart: exactly the value, with the
    digits that tell neighbouring ticks apart ("0.25", "−1.5", "0"). Decimals while the spacing is
    from 0.001 to under 10000 (one format along an axis); powers of ten otherwise ("2e−5", "1.5e4")."""
    v, step = float(value) + 0.0, abs(float(spacing))
    if not (math.isfinite(v) and math.isfinite(step) and step > 0):
        return short(v)
    if abs(v) < step * 1e-6:  # 1e-17 where an arange meant 0
        return "0"
    if 1e-3 <= step < 1e4:
        return _for_window(f"{v:.{max(0, math.ceil(-math.log10(step) - 1e-9))}f}")
    # one digit more than the spacing's own (ticks 2.5e-5 apart), its zeros dropped
    digits = max(1, math.floor(math.log10(abs(v))) - math.floor(math.log10(step)) + 2)
    mantissa, _, exponent = f"{v:.{digits - 1}e}".partition("e")
    return _for_window(f"{mantissa.rstrip('0').rstrip('.') if '.' in mantissa else mantissa}e{int(exponent)}")


def count(value: int) -> str:
    """A whole count with thousands separated: "1,234,567"."""
    return f"{int(value):,}"


def byte_size(value: int) -> str:
    """A file's size in decimal units, as file managers show it: "980 bytes", "12.3 kB", "103 MB"."""
    size, units = float(value), ["bytes", "kB", "MB", "GB"]
    while size >= 999.5 and len(units) > 1:
        size, units = size / 1000, units[1:]
    whole = units[0] == "bytes" or size >= 999.5  # bytes, or past the largest unit
    return f"{count(round(size)) if whole else plain(size, 3)} {units[0]}"


def _unpadded(text: str) -> str:
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


def _for_window(ascii_text: str) -> str:
    return _WINDOW_WORDS.get(ascii_text) or ascii_text.replace("-", MINUS)


def _shown(value) -> str:
    """A number inside an error message (ASCII: it may go to a terminal)."""
    return _whole_shown(value) if isinstance(value, int) else plain(value)


def _whole_shown(value: int) -> str:
    digits = len(str(abs(value)))
    return f"{value:,}" if digits <= 18 else f"a number of {digits} digits"


# ----- reading ------------------------------------------------------------------------------

def number(value, name: str, low: float | None = None, high: float | None = None) -> float:
    """A finite float from text ("−2.5" too) or a number, within [low, high] when given."""
    if isinstance(value, bool):
        raise ValueError(f"{name}: {value!r} is not a number")
    try:
        result = float(value.replace(MINUS, "-") if isinstance(value, str) else value)
    except OverflowError:  # a whole number beyond the floats, e.g. 10**400 from a JSON file
        result = math.inf
    except (TypeError, ValueError):
        raise ValueError(f"{name}: {_brief(value)} is not a number") from None
    if not math.isfinite(result):
        raise ValueError(f"{name}: {_brief(value)} is not a finite number{_overflow_hint(value)}")
    _check_range(result, name, low, high)
    return result


def number_as_shown(text: str, name: str) -> float:
    """A number as the window writes numbers: any finite one, or "∞", "−∞" and "undefined" (also
    "inf", "-inf", "nan"), which the window shows where a gradient is infinite or not defined."""
    spelled = text.strip().replace(MINUS, "-").lower()
    return _READ_WORDS[spelled] if spelled in _READ_WORDS else number(text.strip(), name)


def whole(value, name: str, low: int, high: int | None = None) -> int:
    """A whole number from text ("12") or a number (12, 12.0), at least ``low``, at most ``high``."""
    result = _whole_value(value)
    if result is None:
        raise ValueError(f"{name}: {_brief(value)} is not a whole number")
    _check_range(result, name, low, high)
    return result


def number_list(value, name: str, shape: str) -> tuple[float, ...]:
    """Numbers from text such as "1,-2" or from a sequence; ``shape`` ("X,Y") names and counts them."""
    count = shape.count(",") + 1
    parts = value.split(",") if isinstance(value, str) else value
    if not hasattr(parts, "__len__") or len(parts) != count:
        raise ValueError(f"{name}: expected {shape} ({_COUNT_WORDS.get(count, count)} numbers), got {value!r}")
    return tuple(number(part, name) for part in parts)


def check_domain(value, name: str = "domain") -> tuple[float, float, float, float]:
    """(x min, x max, y min, y max): four finite numbers, in order, whose width is a finite float."""
    x0, x1, y0, y1 = number_list(value, name, DOMAIN_SHAPE)
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"{name}: needs x min < x max and y min < y max, got {value!r}")
    if not (math.isfinite(x1 - x0) and math.isfinite(y1 - y0)):  # every step divides by the width
        raise ValueError(f"{name}: too wide; x max - x min and y max - y min must stay below "
                         f"{plain(sys.float_info.max, 2)}")
    return x0, x1, y0, y1


def _whole_value(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            return int(value.replace(MINUS, "-"))
        except ValueError:
            return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        return operator.index(value)  # int, numpy's integers
    except TypeError:
        return None


def _check_range(value, name: str, low, high) -> None:
    if high is None and low is not None and value < low:
        raise ValueError(f"{name}: {_shown(value)} is below the allowed minimum {_shown(low)}")
    if high is not None and not low <= value <= high:
        raise ValueError(f"{name}: {_shown(value)} is outside the allowed range {_shown(low)} … {_shown(high)}")


def _brief(value) -> str:
    """What the user gave, quoted if text, short enough for one line."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _whole_shown(value)
    text = repr(value)
    return text if len(text) <= 40 else text[:30] + "…"


def _overflow_hint(value) -> str:
    """Why "1e309" is not finite: the text names no infinity, the float just overflowed."""
    spelled_out = isinstance(value, float) or (isinstance(value, str) and re.search("inf|nan", value, re.I))
    return "" if spelled_out else f" (floats end near ±{plain(sys.float_info.max, 2)})"
