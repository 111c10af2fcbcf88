"""Entry point: read argv, then run a sub-command or hand the window's options to the GUI.

Qt-free: `gdgui list/graph/descend` come through `main` and never load Qt; the window's
options are checked here, so a mistake is one line on stderr before any window opens.
The window itself is built by the composition root, :mod:`gdgui.gui`.
"""

from __future__ import annotations

import argparse
import os
import sys

from gdgui import APP_NAME
from gdgui.cli import INTERRUPTED, SUBCOMMANDS
from gdgui.cli.arguments import OneLineParser, UsageError
from gdgui.options.arguments import protect_dash_values
from gdgui.options.classroom import add_classroom_options, startup_from
from gdgui.options.descent import add_descent_options, descent_state


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python main.py`, `python -m gdgui` and the `gdgui` command."""
    try:
        return _start(argv)
    except UsageError as error:  # one clear line, before any window opens
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl+C while reading options or loading: quiet, like any command
        return INTERRUPTED


def _start(argv: list[str] | None) -> int:
    from gdgui.core.descent.allocator import tune_allocator

    tune_allocator()  # array passes allocate big blocks: keep them in the process (see allocator.py)
    args = sys.argv[1:] if argv is None else list(argv)
    if args and not args[0].startswith("-") and not _names_a_file(args[0]):
        return _run_subcommand(args)
    parser = _gui_parser()
    options = parser.parse_args(protect_dash_values(args, parser))  # --start -1,2 is a value
    try:
        options.descent_state = descent_state(options)
        options.startup = startup_from(options)
    except ValueError as error:  # one clear line, before any window opens
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    from gdgui import gui  # the first import of Qt

    return gui.run(options)


def _names_a_file(word: str) -> bool:
    """`gdgui lesson.gdgui` opens a session; `gdgui list` stays a sub-command."""
    return word not in SUBCOMMANDS and (word.endswith(".gdgui") or os.path.isfile(word))  # False on OSError


def _run_subcommand(args: list[str]) -> int:
    from gdgui.cli import commands  # Qt-free by design, so sub-commands never load Qt

    if args[0] not in SUBCOMMANDS:
        _gui_parser().error(f"unknown sub-command {args[0]!r} (choose from {', '.join(SUBCOMMANDS)})")
    return commands.main(args)


def _gui_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=APP_NAME,
        description="Open the gdgui window: gradient descent and backpropagation, step by step.",
        epilog="Without a window: gdgui list | graph | descend (each has --help).",
    )
    parser.add_argument("--graph", metavar="PRESET_FILE_OR_PROGRAM",
                        help="open the Backprop tab on a graph file, a preset (e.g. 05-fork.json), a program "
                             "file (.py or .txt: micrograd-style code) or a formula or program typed here")
    add_descent_options(parser)
    add_classroom_options(parser)
    return parser


