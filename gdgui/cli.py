"""Headless sub-commands: ``list``, ``graph`` and ``descend``.  No Qt is imported here.

Errors a user can make exit with status 2 and one line on stderr that names the
problem; no traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import math
import sys

SUBCOMMANDS = ("list", "graph", "descend")


class UsageError(Exception):
    """A mistake in what the user typed; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
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


def _build_parser() -> tuple[_Parser, dict[str, argparse.ArgumentParser]]:
    from gdgui import cli_descend

    parser = _Parser(prog="gdgui", description="gdgui without a window.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    subparsers = {
        "list": _add_list_parser(commands),
        "graph": _add_graph_parser(commands),
        "descend": cli_descend.add_parser(commands),
    }
    return parser, subparsers


def _add_list_parser(commands) -> argparse.ArgumentParser:
    sub = commands.add_parser("list", help="list the functions and optimizers",
                              description="List the catalog's functions and the optimizers.")
    sub.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    return sub


def _add_graph_parser(commands) -> argparse.ArgumentParser:
    sub = commands.add_parser(
        "graph", help="forward and backward pass of a formula",
        description="Build the computation graph of TEXT, run the forward and backward passes at "
                    "the given values and print every edge's value, local gradient and contribution.",
        epilog='example: gdgui graph "(x1+x2)*x3" --at x1=-2,x2=5,x3=-4')
    sub.add_argument("text", metavar="TEXT", help="the formula, e.g. \"1/(1+exp(-(w0+w1*x1)))\"")
    sub.add_argument("--at", required=True, metavar="NAME=V,...", help="a value for every input")
    sub.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    return sub


def main(argv: list[str]) -> int:
    """Run a sub-command; returns the exit status."""
    parser, subparsers = _build_parser()
    try:
        if argv and argv[0] in subparsers:
            argv = [argv[0], *protect_dash_values(argv[1:], subparsers[argv[0]])]
        args = parser.parse_args(argv)
        return _run(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenPipeError:  # `gdgui descend ... | head` closes the pipe early
        sys.stderr.close()
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "list":
        from gdgui.cli_output import print_list
        print_list(args.format)
        return 0
    if args.command == "graph":
        from gdgui.cli_output import run_graph
        return run_graph(args.text, args.at, args.format)
    from gdgui import cli_descend
    return cli_descend.run(args)
