"""JSON in gdgui: the one reader of JSON files, and strict JSON out.

Sessions, decks, graph files, graph presets and the function catalog are all read by
:func:`read_json`, which refuses, with a ``DataError`` (or the caller's subclass) naming the
file, anything that is not a regular file (a FIFO would block, ``/dev/zero`` never ends),
anything over :data:`MAX_JSON_BYTES`, text that is not UTF-8 (a BOM is fine: Notepad writes
one), NaN / Infinity tokens, and JSON nested too deeply or holding integers of thousands of digits.

Going out, ``json.dumps`` would write bare ``NaN`` / ``Infinity`` tokens, which are not JSON;
:func:`dumps` writes non-finite floats as strings, and :func:`json_file_bytes` refuses a file
larger than :func:`read_json` accepts, so gdgui never saves what it cannot open.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path

import numpy as np

from gdgui.core.checks import DataError, require

__all__ = ["MAX_JSON_BYTES", "read_json", "json_file_bytes", "dumps", "to_jsonable", "json_float"]

# Every JSON file gdgui reads is a few kilobytes (a 5000-node graph is about one megabyte);
# anything far larger is not one of ours and must not fill memory.
MAX_JSON_BYTES = 5_000_000

_NON_FINITE = {math.inf: "inf", -math.inf: "-inf"}


class _NonFiniteToken(Exception):
    """NaN, Infinity or -Infinity met while parsing (``json.loads`` accepts them)."""


def read_json(path: str | os.PathLike, kind: str, error: type[DataError] = DataError):
    """The parsed content of the JSON file ``path``, a ``kind`` ("session", "graph file", …);
    ``error`` naming the file and the problem otherwise."""
    path = Path(path)
    text = _utf8_text(_bounded_bytes(path, kind, error), path, kind, error)
    try:
        return json.loads(text, parse_constant=_refuse_non_finite)
    except json.JSONDecodeError as problem:
        raise error(f"{path.name} is not valid JSON (truncated?): {problem.msg} "
                    f"at line {problem.lineno}, column {problem.colno}") from None
    except _NonFiniteToken as token:
        raise error(f"{path.name} contains {token}, which is not a number JSON allows") from None
    except RecursionError:
        raise error(f"{path.name} is not a {kind}: its JSON is nested too deeply") from None
    except ValueError:  # int() refuses integers of thousands of digits
        raise error(f"{path.name} is not a {kind}: it holds a number with too many digits") from None


def _bounded_bytes(path: Path, kind: str, error: type[DataError]) -> bytes:
    """At most MAX_JSON_BYTES + 1 bytes of a regular file (stat follows symbolic links)."""
    try:
        require(stat.S_ISREG(os.stat(path).st_mode), f"cannot read {path}: it is not a regular file", error)
        with open(path, "rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except OSError as problem:
        raise error(f"cannot read {path}: {problem.strerror or problem}") from None
    require(len(data) <= MAX_JSON_BYTES,
            f"{path.name} is larger than {MAX_JSON_BYTES:,} bytes: too large to be a {kind}", error)
    return data


def _utf8_text(data: bytes, path: Path, kind: str, error: type[DataError]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"cannot read {path.name}: it is not UTF-8 text, so not a {kind}") from None


def _refuse_non_finite(token: str):
    raise _NonFiniteToken(token)


def json_file_bytes(data, path: str | os.PathLike, kind: str, error: type[DataError] = DataError,
                    *, sort_keys: bool = False) -> bytes:
    """``data`` as the UTF-8 content of a strict JSON file for ``path``; ``error`` if it would be
    larger than :func:`read_json` accepts."""
    content = (dumps(data, indent=2, sort_keys=sort_keys) + "\n").encode("utf-8")
    require(len(content) <= MAX_JSON_BYTES, f"{Path(path).name} would be {len(content):,} bytes, more than "
            f"the {MAX_JSON_BYTES:,} a {kind} may have", error)
    return content


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
