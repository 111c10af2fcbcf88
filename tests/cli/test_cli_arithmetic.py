"""`graph` and `descend` on formulas whose arithmetic Python refuses, and on 500-deep formulas:
a defined value or one line on stderr, never a traceback."""

import pytest

from gdgui.cli import commands as cli

ACCEPTED = ["x/0", "reciprocal(0) + x", "log(0)*x", "0/0 + x", "x + 1/0", "x^0", "0^-1*x", "sqrt(-1)+x",
            "exp(1000)*x", "10^400*x"]
REFUSED = {"x^reciprocal(0)": "bad formula at column 2: the exponent is infinite (division by zero)",
           "x^1e308": "bad formula at column 2: the exponent is larger than 1000 in magnitude",
           "09*x": "bad formula at column 1: a number cannot start with 0 (write 9, not 09)"}
TOWER = "^".join(["x"] * 490)                       # with " + y^2": 500 nodes, 985 characters
WIDE_EXPONENT = "x^(" + "+".join(["x"] * 490) + ")"


def run(capsys, *args):
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _graph(capsys, text):
    return run(capsys, "graph", text, "--at", "x=1")


def _descend(capsys, text):
    return run(capsys, "descend", "--expr", f"{text} + y^2", "--optimizer", "gd", "--lr", "0.1",
               "--start", "1,1", "--steps", "5")


@pytest.mark.parametrize("text", ACCEPTED)
def test_a_formula_with_undefined_values_is_computed_and_reported(capsys, text):
    status, out, err = _graph(capsys, text)
    assert status == 0 and err == ""
    assert out.startswith("f = ")
    status, out, err = _descend(capsys, text)
    assert status == 0 and err == ""
    last = out.splitlines()[-1]
    assert last.startswith("particle 0: (1, 1) → ")
    if text != "x^0":
        assert "after 0 steps  diverged: f is undefined or infinite here" in last


def test_a_start_where_only_the_gradient_is_undefined_says_so(capsys):
    status, out, _ = run(capsys, "descend", "--expr", "x^(x+x) + y^2", "--optimizer", "gd", "--lr", "0.1",
                         "--start", "-1,1", "--steps", "5")
    assert status == 0
    assert out.splitlines()[-1].endswith("diverged: the gradient is undefined or infinite here: "
                                         "pick a start where f has a finite slope")


@pytest.mark.parametrize("text", REFUSED)
def test_a_refused_formula_is_one_line_in_the_apps_words(capsys, text):
    for command, status_out_err in (("graph", _graph(capsys, text)), ("descend", _descend(capsys, text))):
        status, out, err = status_out_err
        assert status == 2 and out == ""
        assert err == f"{command}: {REFUSED[text]}\n"


@pytest.mark.parametrize("deepest, text", [("^".join(["x"] * 500), TOWER),
                                            ("x^(" + "+".join(["x"] * 498) + ")", WIDE_EXPONENT)])
def test_500_deep_formulas_run(capsys, deepest, text):
    assert len(deepest) == 999
    status, out, err = _graph(capsys, deepest)
    assert status == 0 and err == "" and "gradient of f" in out
    status, out, err = _descend(capsys, text)
    assert status == 0 and err == "" and out.splitlines()[-1].startswith("particle 0: ")
