"""The ``descend`` sub-command: run an optimizer on f(x, y) and print the trajectories.

Formats: ``table`` (one line per particle), ``csv`` (one row per step) and ``json`` (JSON lines,
strict: non-finite numbers as strings). Rows are written as they are computed, a block of
steps at a time, so memory stays bounded however many steps are asked for.
"""

from __future__ import annotations

import argparse
import math
import sys

from gdgui.cli.arguments import usage_errors
from gdgui.core.autodiff.expr import ParseError
from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.optimizers import OPTIMIZERS, make_optimizer
from gdgui.core.descent.run_inputs import random_starts
from gdgui.core.descent.runs import Run
from gdgui.core.descent.settings import MAX_TOL
from gdgui.core.files.trajectory_csv import optimizer_names, write_csv_blocks
from gdgui.core.json_files import dumps, json_float
from gdgui.core.numbers import DOMAIN_SHAPE, check_domain, number, number_list, plain, whole

MAX_STEPS = 10_000_000
# Starts of --random N: the command line draws nothing, so it runs ten times the window's swarm.
MAX_RANDOM_STARTS = 100_000
HYPERPARAMETER_OPTIONS = ("momentum", "beta1", "beta2", "eps", "alpha")
_BLOCK_ROWS = 65_536  # rows computed before they are written (~2.6 MB of floats)
_CHUNK_ROWS = 10_000  # rows formatted per write: bounded memory, few write calls
FORMAT_HELP = (
    "output format (default table). table: where each start went and why it stopped. "
    "csv: the header particle,optimizer,step,x,y,f,gx,gy, then one row per step of each particle. "
    'json: JSON lines, one object per line: first the run ({"function", "expression", "domain", '
    '"optimizer", "tol", "max_steps", "particle_count"}), then one per row ({"particle", "step", '
    '"x", "y", "f", "gx", "gy"}), then one per particle ({"particle", "start", "status", '
    '"meaning", "minimum", "steps"}); infinities and NaN are the strings "inf", "-inf", "nan". '
    "csv and json rows are written as they are computed, a block of steps at a time: within a "
    "block, particle by particle")


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
                     help=FORMAT_HELP.replace("%", "%%"))
    return sub


def run(args: argparse.Namespace) -> int:
    """Run the command described by parsed ``args``; UsageError for anything the user mistyped."""
    with usage_errors("descend"):
        descent = _descent(args)
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
    tol = number(args.tol, "--tol", low=0, high=MAX_TOL)
    return Run(objective, optimizer, starts, tol=tol, max_steps=steps, domain=domain, record=False)


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
    descent.run()
    optimizer = descent.optimizers[0]
    settings = ", ".join(f"{k}={plain(v)}" for k, v in optimizer.hyperparameters().items())
    out.write(f"{descent.objective.name}: f(x, y) = {descent.objective.formula}\n")
    out.write(f"{optimizer.name} ({settings}), tol {plain(descent.tol)}, "
              f"at most {descent.max_steps} steps\n")
    for i in range(descent.n_particles):
        out.write(_describe_particle(descent, i) + "\n")


def _blocks(descent: Run):
    """The run's rows, block after block as they are computed."""
    return descent.blocks(max(1, _BLOCK_ROWS // descent.n_particles))


def _write_csv(descent: Run, out) -> None:
    write_csv_blocks(_blocks(descent), out, optimizer_names(descent))


def _json_number(value: float) -> str:
    return repr(value) if math.isfinite(value) else f'"{json_float(value)}"'


def _header(descent: Run) -> dict:
    objective, optimizer = descent.objective, descent.optimizers[0]
    return {"function": objective.id if objective.id != "custom" else None,
            "expression": objective.formula,
            "domain": list(descent.domain),
            "optimizer": {"name": optimizer.name, **optimizer.hyperparameters()},
            "tol": descent.tol, "max_steps": descent.max_steps,
            "particle_count": descent.n_particles}


def _json_row(particle: int, step: int, row: list[float]) -> str:
    x, y, f, gx, gy = map(_json_number, row)
    return (f'{{"particle": {particle}, "step": {step}, "x": {x}, "y": {y}, "f": {f}, '
            f'"gx": {gx}, "gy": {gy}}}\n')


def _particle_summary(descent: Run, i: int) -> dict:
    outcome = descent.outcome(i)
    minimum = outcome.minimum
    found = None if minimum is None else {"x": minimum.x, "y": minimum.y, "f": minimum.f,
                                          "global": minimum.is_global}
    return {"particle": i, "start": list(descent.starts[i % len(descent.starts)]),
            "status": outcome.status, "meaning": outcome.meaning, "minimum": found,
            "steps": int(descent.steps[i])}


def _write_json_lines(descent: Run, out) -> None:
    out.write(dumps(_header(descent)) + "\n")
    for block in _blocks(descent):
        for particles, steps, values in block.pieces(_CHUNK_ROWS):
            out.write("".join(map(_json_row, particles.tolist(), steps.tolist(), values.tolist())))
    for i in range(descent.n_particles):
        out.write(dumps(_particle_summary(descent, i)) + "\n")


_WRITERS = {"table": _write_table, "csv": _write_csv, "json": _write_json_lines}
