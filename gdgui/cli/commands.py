"""Headless sub-commands: ``list``, ``graph`` and ``descend``.  No Qt is imported here.

Errors a user can make exit with status 2 and one line on stderr that names the
problem; no traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import sys

from gdgui.cli import SUBCOMMANDS, descend
from gdgui.cli.arguments import OneLineParser, UsageError
from gdgui.cli.output import print_list, run_graph
from gdgui.options.arguments import protect_dash_values

def _build_parser() -> tuple[OneLineParser, dict[str, argparse.ArgumentParser]]:
    parser = OneLineParser(prog="gdgui", description="gdgui without a window.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    subparsers = {
        "list": _add_list_parser(commands),
        "graph": _add_graph_parser(commands),
        "descend": descend.add_parser(commands),
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
        print_list(args.format)
        return 0
    if args.command == "graph":
        return run_graph(args.text, args.at, args.format)
    return descend.run(args)
