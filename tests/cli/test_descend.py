"""The ``descend`` sub-command: formats, negative numbers, and errors that exit 2 in one line."""

import json

import numpy as np
import pytest

from gdgui.cli import commands as cli
from gdgui.core.descent.runs import random_starts


def descend(capsys, *args):
    status = cli.main(["descend", *args])
    out, err = capsys.readouterr()
    return status, out, err


def strict_json(text):
    def refuse(token):
        raise AssertionError(f"non-standard JSON token {token}")
    return json.loads(text, parse_constant=refuse)


def descend_report(text):
    """The JSON lines of ``descend --format json`` gathered into one report: the run's settings,
    and per particle its summary line and its row lines as ``trajectory`` [[x, y, f, gx, gy], …]."""
    lines = [strict_json(line) for line in text.splitlines()]
    settings, rest = lines[0], lines[1:]
    particles = [dict(line, trajectory=[]) for line in rest if "status" in line]
    for line in rest:
        if "step" in line:
            particles[line["particle"]]["trajectory"].append([line[k] for k in ("x", "y", "f", "gx", "gy")])
    return dict(settings, particles=particles)


QUAD = ["--function", "quadratic", "--optimizer", "gd", "--lr", "0.1"]


def test_table_says_where_each_start_went_and_why_it_stopped(capsys):
    status, out, err = descend(capsys, *QUAD, "--start", "1,1", "--start", "0,0", "--steps", "100")
    assert status == 0 and err == ""
    lines = out.splitlines()
    # From (1, 1), 2·0.8ᵗ ≤ 1e-6 first at t = 66; the start (0, 0) is the minimum itself.
    assert lines[-2].startswith("particle 0: (1, 1) → (") and "after 66 steps  converged" in lines[-2]
    assert "after 0 steps  converged: reached the global minimum f = 0 at (0, 0)" in lines[-1]


def test_x_to_the_zero_is_flat_in_x_and_the_run_converges(capsys):
    # ∂(x^0)/∂x = 0 even at x = 0: the optimisers' pass once gave 0·0^(−1) = NaN ("diverged")
    status, out, _ = descend(capsys, "--expr", "x^0 + y^2", "--optimizer", "gd", "--lr", "0.1",
                             "--start", "0,1", "--steps", "200", "--format", "json")
    (particle,) = descend_report(out)["particles"]
    assert status == 0 and particle["status"] == "converged" and particle["steps"] == 66
    assert {row[0] for row in particle["trajectory"]} == {0.0}
    assert {row[3] for row in particle["trajectory"]} == {0.0}  # ∂f/∂x along the way


def test_json_is_strict_and_holds_the_hand_worked_steps(capsys):
    status, out, _ = descend(capsys, "--function", "quadratic", "--optimizer", "momentum",
                             "--lr", "0.1", "--momentum", "0.5", "--start", "1,1", "--steps", "2",
                             "--format", "json")
    report = descend_report(out)
    assert status == 0
    assert report["function"] == "quadratic" and report["expression"] == "x^2 + 2*y^2"
    assert report["domain"] == [-5, 5, -5, 5]
    assert report["optimizer"] == {"name": "momentum", "lr": 0.1, "momentum": 0.5}
    (particle,) = report["particles"]
    assert particle["start"] == [1, 1] and particle["steps"] == 2
    assert particle["status"] == "max_steps" and particle["minimum"] is None
    # b = g = (2, 4) → (0.8, 0.6); b = 0.5·(2, 4) + (1.6, 2.4) = (2.6, 4.4) → (0.54, 0.16)
    np.testing.assert_allclose(particle["trajectory"], [
        [1, 1, 3, 2, 4],
        [0.8, 0.6, 0.64 + 0.72, 1.6, 2.4],
        [0.54, 0.16, 0.2916 + 0.0512, 1.08, 0.64],
    ], rtol=1e-14)


def test_json_lists_every_hyperparameter_and_the_minimum_reached(capsys):
    _, out, _ = descend(capsys, "--function", "himmelblau", "--optimizer", "adam", "--lr", "0.05",
                        "--start", "2.5,1.5", "--steps", "2000", "--format", "json")
    report = descend_report(out)
    assert report["optimizer"] == {"name": "adam", "lr": 0.05, "beta1": 0.9, "beta2": 0.999,
                                   "eps": 1e-8}
    particle = report["particles"][0]
    assert particle["status"] == "converged"
    assert particle["minimum"] == {"x": 3.0, "y": 2.0, "f": 0.0, "global": True}
    assert len(particle["trajectory"]) == particle["steps"] + 1


def test_json_writes_non_finite_numbers_as_strings(capsys):
    status, out, _ = descend(capsys, "--expr", "exp(x) + y^2", "--optimizer", "gd", "--lr", "0.1",
                             "--start", "1000,0", "--steps", "5", "--format", "json")
    assert status == 0
    report = descend_report(out)
    assert report["function"] is None and report["expression"] == "exp(x) + y^2"
    particle = report["particles"][0]
    assert particle["status"] == "diverged" and particle["steps"] == 0
    assert particle["trajectory"] == [[1000.0, 0.0, "inf", "inf", 0.0]]


def test_csv_has_one_row_per_step_per_particle(capsys):
    _, out, _ = descend(capsys, *QUAD, "--start", "1,1", "--start", "-2,0.5", "--steps", "3",
                        "--tol", "0", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "particle,optimizer,step,x,y,f,gx,gy"
    assert len(lines) == 1 + 2 * 4
    assert lines[1] == "0,gd,0,1.0,1.0,3.0,2.0,4.0"
    assert lines[2] == "0,gd,1,0.8,0.6,1.36,1.6,2.4"
    # (−2, 0.5): f = 4 + 0.5 = 4.5, ∇f = (−4, 2)
    assert lines[5] == "1,gd,0,-2.0,0.5,4.5,-4.0,2.0"
    assert [line.split(",")[:3] for line in lines[5:]] == [["1", "gd", str(k)] for k in range(4)]


def test_long_runs_are_written_in_full(capsys):
    _, out, _ = descend(capsys, *QUAD, "--start", "1,1", "--steps", "12000", "--tol", "0",
                        "--format", "csv")
    lines = out.splitlines()
    assert len(lines) == 12002 and lines[-1].startswith("0,gd,12000,")


@pytest.mark.parametrize("start", [["--start", "-1,2"], ["--start=-1,2"], ["--start", "-1,-2"]])
def test_negative_start_coordinates_work_as_typed(capsys, start):
    status, out, _ = descend(capsys, *QUAD, *start, "--steps", "0", "--format", "json")
    expected = [float(v) for v in start[-1].split("=")[-1].split(",")]
    assert status == 0 and descend_report(out)["particles"][0]["start"] == expected


def test_negative_domain_and_seeded_random_starts(capsys):
    status, out, _ = descend(capsys, *QUAD, "--random", "5", "--seed", "11", "--domain", "-3,3,-2,2",
                             "--steps", "0", "--format", "json")
    report = descend_report(out)
    assert status == 0 and report["domain"] == [-3, 3, -2, 2]
    starts = [p["start"] for p in report["particles"]]
    np.testing.assert_array_equal(starts, random_starts((-3, 3, -2, 2), 5, seed=11))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--function", "nope", "--optimizer", "gd", "--lr", "0.1", "--start", "1,1"],
         "unknown function 'nope'"),
        (["--function", "quadratic", "--optimizer", "sgd", "--lr", "0.1", "--start", "1,1"],
         "unknown optimizer 'sgd'"),
        (["--expr", "x*z", "--optimizer", "gd", "--lr", "0.1", "--start", "1,1"],
         "only use the variables x and y, not z"),
        (["--expr", "x*(y", "--optimizer", "gd", "--lr", "0.1", "--start", "1,1"],
         "bad formula at column"),
        (QUAD[:-1] + ["nan", "--start", "1,1"], "--lr: 'nan' is not a finite number"),
        (QUAD[:-1] + ["inf", "--start", "1,1"], "--lr: 'inf' is not a finite number"),
        (QUAD[:-1] + ["0", "--start", "1,1"], "lr must be a positive finite number, got 0.0"),
        (QUAD[:-1] + ["-0.5", "--start", "1,1"], "lr must be a positive finite number, got -0.5"),
        (QUAD + ["--start", "1"], "--start: expected X,Y (two numbers), got '1'"),
        (QUAD + ["--start", "1,2,3"], "--start: expected X,Y"),
        (QUAD + ["--start", "1,a"], "--start: 'a' is not a number"),
        (QUAD + ["--random", "0"], "--random: 0 is outside the allowed range 1 … 100,000"),
        (QUAD + ["--start", "1,1", "--momentum", "0.9"], "gd has no hyper-parameter 'momentum'"),
        (QUAD + ["--start", "1,1", "--domain", "3,-3,-2,2"], "--domain: needs x min < x max"),
        (QUAD + ["--start", "1,1", "--domain", "-3,3,-2"], "--domain: expected X0,X1,Y0,Y1"),
        (QUAD + ["--start", "1,1", "--tol", "-1"], "--tol: -1 is outside the allowed range 0 … 1000"),
        (QUAD[:-1] + ["1e309", "--start", "1,1"], "--lr: '1e309' is not a finite number (floats end near ±1.8e308)"),
        (QUAD + ["--start", "1,1", "--domain", "-1e308,1e308,-1,1"], "--domain: too wide"),
        (QUAD + ["--random", "100001"], "--random: 100,001 is outside the allowed range 1 … 100,000"),
        (QUAD + ["--random", "3", "--seed", "-1"], "--seed: -1 is below the allowed minimum 0"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(capsys, args, message):
    steps = [] if "--steps" in args else ["--steps", "10"]
    status, out, err = descend(capsys, *args, *steps)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize(
    "steps, message",
    [
        ("-3", "--steps: -3 is outside the allowed range 0 … 10,000,000"),
        ("10000001", "--steps: 10,000,001 is outside the allowed range 0 … 10,000,000"),
        ("2.5", "--steps: '2.5' is not a whole number"),
    ],
)
def test_bad_step_counts_exit_2(capsys, steps, message):
    status, _, err = descend(capsys, *QUAD, "--start", "1,1", "--steps", steps)
    assert status == 2 and err.count("\n") == 1 and message in err


def test_bad_input_in_a_real_process_shows_no_traceback(run_python):
    result = run_python("-m", "gdgui", "descend", *QUAD, "--start", "1,x", "--steps", "3")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == "descend: --start: 'x' is not a number"


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["descend", "--help"])
    assert done.value.code == 0
    help_text = capsys.readouterr().out
    for option in ("--function", "--expr", "--optimizer", "--lr", "--start", "--random", "--seed",
                   "--steps", "--domain", "--momentum", "--beta1", "--beta2", "--eps", "--alpha",
                   "--tol", "--format"):
        assert option in help_text


def test_list_shows_the_optimizers_with_their_defaults(capsys):
    assert cli.main(["list", "--format", "json"]) == 0
    optimizers = strict_json(capsys.readouterr().out)["optimizers"]
    assert [o["name"] for o in optimizers] == ["gd", "momentum", "nesterov", "adagrad", "rmsprop",
                                               "adam"]
    assert optimizers[5]["hyperparameters"] == {"lr": 0.001, "beta1": 0.9, "beta2": 0.999,
                                                "eps": 1e-08}


@pytest.mark.parametrize("formula, optimizer", [("x*y", "gd"), ("-x^2-y^2", "momentum"), ("x", "adam")])
def test_an_f_without_a_minimum_is_said_to_fall_without_bound(capsys, formula, optimizer):
    args = ["--expr", formula, "--optimizer", optimizer, "--lr", "0.1", "--start", "-4,3.5", "--steps", "1000"]
    status, out, _ = descend(capsys, *args)
    assert status == 0
    assert out.splitlines()[-1].endswith(": f has no minimum here: it falls without bound")
    assert "learning rate" not in out and "too large" not in out
    status, out, _ = descend(capsys, *args, "--format", "json")
    (particle,) = descend_report(out)["particles"]
    f = [row[2] for row in particle["trajectory"]]
    assert f[-1] < f[-2] < f[-3] < f[0] and max(map(abs, particle["trajectory"][-1][:2])) > 5  # off the map
    assert particle["meaning"] == "f has no minimum here: it falls without bound"


def test_a_too_large_gamma_on_the_bowl_is_still_blamed_on_gamma(capsys):
    # x² + 2y²: λmax = 4, so plain GD needs γ < 0.5; at 0.6 y is multiplied by 1 − 2.4 = −1.4 a step.
    status, out, _ = descend(capsys, *QUAD[:4], "--lr", "0.6", "--start", "-4,3.5", "--steps", "1000")
    assert status == 0 and "diverged: the steps blew up (too large a learning rate?)" in out.splitlines()[-1]
    assert "without bound" not in out
