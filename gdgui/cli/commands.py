"""Headless sub-commands: ``list``, ``graph`` and ``descend``.  No Qt is imported here.

Errors a user can make exit with status 2 and one line on stderr that names the
problem; no traceback ever reaches the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys

from gdgui.cli import INTERRUPTED, descend
from gdgui.cli.arguments import OneLineParser, UsageError
from gdgui.cli.output import print_list, run_graph
from gdgui.core.codegen.scripts import GRAPH_SCRIPTS
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
        "graph", help="forward and backward pass of a formula or a program",
        description="Build the computation graph of TEXT, run the forward and backward passes at "
                    "the given values and print every edge's value, local gradient and contribution.",
        epilog='examples: gdgui graph "(x1+x2)*x3" --at x1=-2,x2=5,x3=-4\n'
               '          gdgui graph "a = -4.0; b = 2.0; c = a*b; d = c + b**3; d.backward()"')
    sub.add_argument("text", metavar="TEXT", help="the formula, e.g. \"1/(1+exp(-(w0+w1*x1)))\", or a program: "
                     "statements a line or separated by ; (a = 2.0; b = a.tanh() * a), micrograd's code as written")
    sub.add_argument("--at", metavar="NAME=V,...",
                     help="a value for every input the program gives none (a = 2.0 gives one; --at overrides it)")
    sub.add_argument("--format", choices=("table", "json", *GRAPH_SCRIPTS), default="table",
                     help="output format: the passes as a table or JSON, or the graph as a script that runs "
                          "(pytorch, micrograd: builds it, runs backward, prints each input's gradient) or as "
                          "a plain program")
    return sub


def main(argv: list[str]) -> int:
    """Run a sub-command; returns the exit status."""
    parser, subparsers = _build_parser()
    if sys.stdout is None:  # started with stdout closed (`>&-`): the output goes nowhere, quietly
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    try:
        if argv and argv[0] in subparsers:
            argv = [argv[0], *protect_dash_values(argv[1:], subparsers[argv[0]])]
        args, extras = parser.parse_known_args(argv)
        if extras := [word for word in extras if word != "--"]:  # "--" is protect_dash_values'
            subparsers[args.command].error(f"unrecognized arguments: {' '.join(extras)}")
        status = _run(args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not in the interpreter's exit
        return status
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenPipeError:  # `gdgui descend ... | head` closed the pipe: the reader has enough
        _discard_stdout()
        return 0
    except KeyboardInterrupt:
        return INTERRUPTED


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's flush at exit does not fail again and
    print "Exception ignored ... BrokenPipeError" (the Python docs' recipe for SIGPIPE)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no real stdout (None, or captured in a test)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _run(args: argparse.Namespace) -> int:
    if args.command == "list":
        print_list(args.format)
        return 0
    if args.command == "graph":
        return run_graph(args.text, args.at, args.format)
    return descend.run(args)
