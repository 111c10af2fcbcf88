"""argv helpers shared by the window's options and the sub-commands (no Qt)."""

from __future__ import annotations

import argparse

__all__ = ["protect_dash_values"]


def _value_options(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """All option strings of ``parser``, and those that take a value."""
    options, valued = set(), set()
    for action in parser._actions:  # argparse offers no public accessor for this
        options.update(action.option_strings)
        if action.nargs != 0:
            valued.update(action.option_strings)
    return options, valued


def protect_dash_values(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Let values typed with a leading minus through argparse.

    ``--start -1,2`` becomes ``--start=-1,2``, and a positional such as the formula
    ``-x*y`` moves behind ``--``, so argparse does not take them for options.
    """
    options, valued = _value_options(parser)
    kept, positionals = [], []
    tokens = iter(argv)
    for token in tokens:
        if token in valued:
            value = next(tokens, None)
            kept.append(token if value is None else f"{token}={value}")
        elif token.startswith("-") and token.split("=", 1)[0] not in options and token != "--":
            positionals.append(token)
        else:
            kept.append(token)
    return kept + (["--", *positionals] if positionals else [])
