"""What the sub-commands share: one-line usage errors (numbers are read by ``gdgui.core.numbers``)."""

from __future__ import annotations

import argparse
from contextlib import contextmanager

__all__ = ["UsageError", "OneLineParser", "usage_errors"]


class UsageError(Exception):
    """A mistake in what the user typed; printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage + message; we want one line
        raise UsageError(f"{self.prog}: {message}")


@contextmanager
def usage_errors(command: str):
    """The ValueError of a check on what the user typed becomes ``command: message`` (a UsageError)."""
    try:
        yield
    except ValueError as error:
        raise UsageError(f"{command}: {error}") from None
