"""What the sub-commands share: one-line usage errors and checked numbers from user text."""

from __future__ import annotations

import argparse
import math

__all__ = ["UsageError", "OneLineParser", "parse_number"]


class UsageError(Exception):
    """A mistake in what the user typed; printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage + message; we want one line
        raise UsageError(f"{self.prog}: {message}")


def parse_number(text: str, what: str) -> float:
    """A finite float from user text, or a ``UsageError`` naming ``what``."""
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{what}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise UsageError(f"{what}: {text!r} is not a finite number")
    return value
