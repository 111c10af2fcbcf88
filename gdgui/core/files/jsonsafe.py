"""Strict JSON for numbers: full precision, and non-finite floats as strings.

``json.dumps`` would write bare ``NaN`` / ``Infinity`` tokens, which are not JSON;
every document gdgui writes goes through :func:`to_jsonable` first.
"""

from __future__ import annotations

import json
import math

import numpy as np

_NON_FINITE = {math.inf: "inf", -math.inf: "-inf"}


def json_float(value) -> float | str:
    """A float as JSON allows it: itself (repr precision) or "inf" / "-inf" / "nan"."""
    value = float(value)
    if math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else _NON_FINITE[value]


def to_jsonable(obj):
    """Convert NumPy scalars/arrays and non-finite floats anywhere inside ``obj``."""
    if isinstance(obj, dict):
        return {str(key): to_jsonable(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(value) for value in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return json_float(obj)
    return obj


def dumps(obj, **kwargs) -> str:
    """``json.dumps`` that never writes NaN or Infinity tokens."""
    return json.dumps(to_jsonable(obj), allow_nan=False, ensure_ascii=False, **kwargs)
