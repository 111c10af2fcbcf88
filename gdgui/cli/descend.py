"""The ``descend`` sub-command: run an optimizer on f(x, y) and print the trajectories.

Formats: ``table`` (one line per particle), ``csv`` (one row per step) and ``json`` (strict:
non-finite numbers as strings). Trajectories are written row by row, so a million steps
never become a million Python lists at once.
"""

from __future__ import annotations

import argparse
import math
import sys

from gdgui.cli.arguments import usage_errors
from gdgui.core.autodiff.expr import ParseError
from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import OPTIMIZERS, make_optimizer
from gdgui.core.descent.runs import Run, random_starts
from gdgui.core.json_files import dumps, json_float
from gdgui.core.files.trajectory_csv import write_trajectory_csv
from gdgui.core.numbers import DOMAIN_SHAPE, check_domain, number, number_list, plain, whole

MAX_STEPS = 10_000_000
# Starts of --random N: the command line draws nothing, so it runs ten times the window's swarm.
MAX_RANDOM_STARTS = 100_000
HYPERPARAMETER_OPTIONS = ("momentum", "beta1", "beta2", "eps", "alpha")
_CHUNK_ROWS = 10_000  # rows formatted per write: bounded memory, few write calls


def add_parser(commands) -> argparse.ArgumentParser:
    """Add the ``descend`` sub-parser to ``commands`` (argparse sub-parsers) and return it."""
    sub = commands.add_parser(
        "descend", help="run an optimizer on f(x, y) and print its path",
        description="Run an optimizer from one or more starts on a catalog function or a typed "
                    "formula, and print where each start went and why it stopped.",
        epilog="example: gdgui descend --function himmelblau --optimizer adam --lr 0.05 "
               "--start -1,2 --steps 500")
    what = sub.add_mutually_exclusive_group(required=True)
    what.add_argument("--function", metavar="ID", help="a catalog function (see `gdgui list`)")
    what.add_argument("--expr", metavar="TEXT", help='a formula in x and y, e.g. "x^2 + 3*y^2"')
    sub.add_argument("--optimizer", required=True, metavar="NAME", help=", ".join(OPTIMIZERS))
    sub.add_argument("--lr", required=True, metavar="X", help="learning rate γ (> 0)")
    where = sub.add_mutually_exclusive_group(required=True)
    where.add_argument("--start", action="append", metavar="X,Y",
                       help="a start point; repeat for several")
    where.add_argument("--random", metavar="N", help="N random starts, uniform over the domain")
    sub.add_argument("--seed", default="0", metavar="S", help="seed of --random (default 0)")
    sub.add_argument("--steps", required=True, metavar="K",
                     help=f"at most K steps (≤ {MAX_STEPS:,})")
    sub.add_argument("--domain", metavar=DOMAIN_SHAPE, help="domain (default: the function's)")
    for name in HYPERPARAMETER_OPTIONS:
        sub.add_argument(f"--{name}", metavar="V", help=f"{name} (default: torch's)")
    sub.add_argument("--tol", default="1e-6", metavar="T",
                     help="stop when ‖∇f‖ ≤ T (default 1e-6; 0 never stops early)")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table",
                     help="output format")
    return sub


def run(args: argparse.Namespace) -> int:
    """Run the command described by parsed ``args``; UsageError for anything the user mistyped."""
    with usage_errors("descend"):
        descent = _descent(args)
    descent.run()
    _WRITERS[args.format](descent, sys.stdout)
    return 0


def _descent(args) -> Run:
    """The run ``args`` ask for; ValueError naming the first mistyped option."""
    domain = check_domain(args.domain, "--domain") if args.domain else None
    objective = _objective(args, domain)
    domain = domain or objective.domain
    optimizer = _optimizer(args)
    steps = whole(args.steps, "--steps", 0, MAX_STEPS)
    starts = _starts(args, domain)
    tol = number(args.tol, "--tol", low=0)
    return Run(objective, optimizer, starts, tol=tol, max_steps=steps, domain=domain,
               record=args.format != "table")


def _objective(args, domain):
    if args.function is not None:
        return get_function(args.function)
    try:
        return objective_from_expr(args.expr, domain)
    except ParseError as error:
        raise ValueError(f"bad formula at column {error.column}: {error.message}") from None


def _optimizer(args):
    hyper = {name: number(getattr(args, name), f"--{name}")
             for name in HYPERPARAMETER_OPTIONS if getattr(args, name) is not None}
    return make_optimizer(args.optimizer, number(args.lr, "--lr"), **hyper)


def _starts(args, domain):
    if args.start is not None:
        return [number_list(text, "--start", "X,Y") for text in args.start]
    count = whole(args.random, "--random", 1, MAX_RANDOM_STARTS)
    return random_starts(domain, count, whole(args.seed, "--seed", 0))


# ----- output ------------------------------------------------------------------------------

def _describe_particle(descent: Run, i: int) -> str:
    (x0, y0), (x1, y1) = descent.starts[i % len(descent.starts)], descent.positions[i]
    outcome = descent.outcome(i)
    return (f"particle {i}: ({plain(x0)}, {plain(y0)}) → ({plain(x1)}, {plain(y1)})  "
            f"f = {plain(descent.values[i])}  after {descent.steps[i]} steps  "
            f"{outcome.status}: {outcome.meaning}")


def _write_table(descent: Run, out) -> None:
    optimizer = descent.optimizers[0]
    settings = ", ".join(f"{k}={plain(v)}" for k, v in optimizer.hyperparameters().items())
    out.write(f"{descent.objective.name}: f(x, y) = {descent.objective.formula}\n")
    out.write(f"{optimizer.name} ({settings}), tol {plain(descent.tol)}, "
              f"at most {descent.max_steps} steps\n")
    for i in range(descent.n_particles):
        out.write(_describe_particle(descent, i) + "\n")


def _json_number(value: float) -> str:
    return repr(value) if math.isfinite(value) else f'"{json_float(value)}"'


def _header(descent: Run) -> dict:
    objective, optimizer = descent.objective, descent.optimizers[0]
    return {"function": objective.id if objective.id != "custom" else None,
            "expression": objective.formula,
            "domain": list(descent.domain),
            "optimizer": {"name": optimizer.name, **optimizer.hyperparameters()},
            "tol": descent.tol}


def _particle_head(descent: Run, i: int) -> str:
    outcome = descent.outcome(i)
    minimum = outcome.minimum
    found = None if minimum is None else {"x": minimum.x, "y": minimum.y, "f": minimum.f,
                                          "global": minimum.is_global}
    head = {"start": list(descent.starts[i % len(descent.starts)]), "status": outcome.status,
            "meaning": outcome.meaning, "minimum": found, "steps": int(descent.steps[i])}
    return dumps(head)[:-1] + ', "trajectory": ['


def _write_json(descent: Run, out) -> None:
    out.write(dumps(_header(descent))[:-1] + ', "particles": [\n')
    for i in range(descent.n_particles):
        out.write(("" if i == 0 else ",\n") + _particle_head(descent, i))
        rows = descent.trajectory(i)
        for first in range(0, len(rows), _CHUNK_ROWS):
            chunk = rows[first:first + _CHUNK_ROWS].tolist()
            out.write(("" if first == 0 else ",") + ",".join(
                "\n  [" + ", ".join(map(_json_number, row)) + "]" for row in chunk))
        out.write("\n]}")
    out.write("\n]}\n")


_WRITERS = {"table": _write_table, "csv": write_trajectory_csv, "json": _write_json}
