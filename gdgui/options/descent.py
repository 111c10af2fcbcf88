"""The GUI's Descent-tab options (--function | --expr, --optimizer, --lr, --start), without Qt.

``descent_state`` turns them into a Descent state dict and validates it with the same checks
as a saved session, so a bad value stops the program before any window opens.
"""

from __future__ import annotations

import argparse

from gdgui.core.numbers import number, number_list

__all__ = ["add_descent_options", "descent_state"]


def add_descent_options(parser: argparse.ArgumentParser) -> None:
    """Add the Descent tab's options to the GUI's argument parser."""
    group = parser.add_argument_group("Descent tab")
    # Not an argparse exclusive group: its error prints the usage too, and a mistake gets one line.
    group.add_argument("--function", metavar="NAME", help="a catalog function, e.g. himmelblau (see `gdgui list`)")
    group.add_argument("--expr", metavar="TEXT", help='your own f(x, y), e.g. "x^2 + 2*y^2" (instead of --function)')
    group.add_argument("--optimizer", metavar="NAME", action="append",
                       help="gd, momentum, nesterov, adagrad, rmsprop or adam; repeat it or separate "
                            "names with commas to race them")
    group.add_argument("--lr", metavar="X", help="learning rate γ (1e-5 … 10)")
    group.add_argument("--start", metavar="X,Y", help="start point, e.g. --start -1,2")


def descent_state(options: argparse.Namespace) -> dict:
    """The Descent state the options ask for; ValueError with one line naming the bad option."""
    state: dict = {}
    if options.function is not None and options.expr is not None:
        raise ValueError("--function and --expr: give one or the other, not both")
    if options.function is not None:
        state["function"] = options.function
    if options.expr is not None:
        state.update(function=None, expression=options.expr)
    if options.optimizer:
        state["optimizers"] = [name.strip() for text in options.optimizer for name in text.split(",") if name.strip()]
    if options.lr is not None:
        state["lr"] = number(options.lr, "--lr")
    if options.start is not None:
        state["start"] = list(number_list(options.start, "--start", "X,Y"))
    _validate(state)
    return state


_OPTION_OF = {"function": "--function", "expression": "--expr", "optimizers": "--optimizer",
              "lr": "--lr", "start": "--start"}


def _validate(state: dict) -> None:
    from gdgui.core.descent.settings import DescentSettings  # Qt-free; numpy only when needed

    try:
        DescentSettings().updated(state)
    except ValueError as error:
        field, _, detail = str(error).partition(": ")
        option = _OPTION_OF.get(field)
        raise ValueError(f"{option}: {detail}" if option and detail else str(error)) from None
