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

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        for action in self._actions:
            if _lost_value(action, getattr(namespace, action.dest, None)):
                self.error(f"argument {'/'.join(action.option_strings)}: expected one argument")
        return namespace, extras


def _lost_value(action: argparse.Action, value) -> bool:
    """argparse reads the value "--" (``--at=--``, ``--at --``) as an empty list, not as text."""
    if not action.option_strings or action.nargs is not None or not isinstance(value, list):
        return False
    appended = isinstance(action, argparse._AppendAction)  # --start X,Y repeated: a list of texts
    return not appended or any(not isinstance(item, str) for item in value)


@contextmanager
def usage_errors(command: str):
    """The ValueError of a check on what the user typed becomes ``command: message`` (a UsageError)."""
    try:
        yield
    except ValueError as error:
        raise UsageError(f"{command}: {error}") from None
