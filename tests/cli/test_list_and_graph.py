"""The `list` and `graph` sub-commands, as a user types them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gdgui.cli import commands as cli
from tests.micrograd_programs import (
    MORE_DA,
    MORE_DB,
    MORE_G,
    MORE_OPS,
    NEURON,
    NEURON_GRADS,
    NEURON_O,
    NEURON_SHORT,
    SANITY_CHECK,
    SANITY_DX,
    SANITY_NODES,
    SANITY_Y,
)

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_process(*argv, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True,
                          cwd=cwd, timeout=60)


def test_list_json_has_the_catalog_and_optimizers(capsys):
    status, out, _ = run(capsys, "list", "--format", "json")
    data = json.loads(out)
    assert status == 0
    ids = [f["id"] for f in data["functions"]]
    assert ids[:4] == ["quadratic", "easom", "himmelblau", "ackley"]
    himmelblau = data["functions"][2]
    assert set(himmelblau) == {"id", "name", "formula", "domain", "minima", "note"}
    assert himmelblau["domain"] == [-5, 5, -5, 5] and len(himmelblau["minima"]) == 4
    assert set(himmelblau["minima"][0]) == {"x", "y", "f", "global"}
    adam = next(o for o in data["optimizers"] if o["name"] == "adam")
    assert adam["hyperparameters"]["beta1"] == 0.9 and adam["description"]


def test_list_table_is_readable(capsys):
    status, out, _ = run(capsys, "list")
    assert status == 0
    assert "himmelblau" in out and "(x^2 + y - 11)^2" in out and "adam" in out


def test_graph_json_seed_logistic(capsys):
    status, out, _ = run(capsys, "graph", "1/(1+exp(-(w0+w1*x1+w2*x2)))",
                         "--at", "x1=-1,x2=-2,w0=-3,w1=2,w2=-3", "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert data["output"]["value"] == pytest.approx(0.7310585786, abs=1e-10)
    assert data["inputs"]["w1"]["grad"] == pytest.approx(-0.1966119, abs=1e-7)
    assert data["inputs"]["x2"]["grad"] == pytest.approx(-0.5898358, abs=1e-7)
    assert data["gradcheck"]["verdict"] == "agrees" and data["gradcheck"]["max_rel_error"] < 1e-6
    assert {"src", "dst", "slot", "value", "local", "grad", "constant"} == set(data["edges"][0])
    assert {"id", "op", "label", "inputs", "value", "grad"} == set(data["nodes"][0])


def test_graph_json_fork_shows_both_contributions(capsys):
    _, out, _ = run(capsys, "graph", "(a+b)*(b+1)", "--at", "a=2,b=1", "--format", "json")
    data = json.loads(out)
    b = next(n["id"] for n in data["nodes"] if n["label"] == "b")
    assert sorted(e["grad"] for e in data["edges"] if e["src"] == b) == [2.0, 3.0]
    assert data["inputs"]["b"]["grad"] == 5.0


def test_graph_full_precision_floats(capsys):
    _, out, _ = run(capsys, "graph", "x/3", "--at", "x=1", "--format", "json")
    assert json.loads(out)["output"]["value"] == 1 / 3


def test_overflow_is_a_result_in_strict_json(capsys):
    status, out, _ = run(capsys, "graph", "exp(x) - exp(x)", "--at", "x=1000", "--format", "json")
    assert status == 0
    assert "NaN" not in out and "Infinity" not in out
    data = json.loads(out)
    assert data["output"]["value"] == "nan"
    assert any(n["value"] == "inf" for n in data["nodes"])


def test_gradient_check_at_a_large_x_agrees(capsys):
    # With a fixed step of 1e-6 this printed "DISAGREES (max relative error 0.39)".
    status, out, _ = run(capsys, "graph", "x*x", "--at", "x=1e10")
    assert status == 0
    assert out.splitlines()[-1].startswith("finite-difference check: agrees (max relative error ")
    _, out, _ = run(capsys, "graph", "x*x", "--at", "x=1e10", "--format", "json")
    data = json.loads(out)
    assert data["inputs"]["x"]["grad"] == 2e10 and data["gradcheck"]["max_rel_error"] < 1e-9


def test_gradient_check_of_an_infinite_slope_cannot_check_and_says_why(capsys):
    status, out, _ = run(capsys, "graph", "log(x)", "--at", "x=0")
    assert status == 0
    assert out.splitlines()[-1] == ("finite-difference check: cannot check (∂f/∂x is inf by the backward pass "
                                    "and nan by central differences; a relative error needs two finite numbers)")
    _, out, _ = run(capsys, "graph", "log(x)", "--at", "x=0", "--format", "json")
    check = json.loads(out)["gradcheck"]
    assert check["verdict"] == "cannot check" and check["max_rel_error"] == "nan" and "∂f/∂x" in check["reason"]


def test_division_by_a_constant_zero_is_a_result(capsys):
    # 1/b at the constant b = 0 once raised ZeroDivisionError in Python floats
    status, out, _ = run(capsys, "graph", "x/0", "--at", "x=1", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["output"]["value"] == "inf" and data["inputs"]["x"]["grad"] == "inf"


def test_graph_table_has_a_line_per_edge_and_input_gradients(capsys):
    status, out, _ = run(capsys, "graph", "(x+y)*z", "--at", "x=-2,y=5,z=-4")
    assert status == 0
    assert "∂f/∂x = -4" in out and "∂f/∂z = 3" in out
    assert sum("→" in line for line in out.splitlines()) == 4


def test_x_squared_at_a_negative_x_is_one_power_gate_and_reads_no_nan(capsys):
    # f = x² at x = −1: 1, ∂f/∂x = 2x = −2; the exponent 2 is the gate's number, not a wire
    status, out, _ = run(capsys, "graph", "x^2", "--at", "x=-1")
    assert status == 0 and "nan" not in out
    lines = out.splitlines()
    assert lines[0] == "f = x^2 = 1"
    assert [line.split() for line in lines if "→" in line] == [["x", "(n0)", "→", "^2", "(n2)", "-1", "-2", "-2"]]
    assert "∂f/∂x = -2" in out and "agrees" in out
    data = json.loads(run(capsys, "graph", "x^2", "--at", "x=-1", "--format", "json")[1])
    assert [(n["op"], n.get("exponent")) for n in data["nodes"]] == [("input", None), ("power", 2.0)]


def test_a_constant_operands_row_shows_its_value_and_no_gradient(capsys):
    # (x − 3)² at x = 1: 4, ∂f/∂x = 2(x − 3) = −4; the 3 has nothing to learn
    status, out, _ = run(capsys, "graph", "(x-3)^2", "--at", "x=1")
    rows = {line.split("→")[0].strip(): line.split()[-3:] for line in out.splitlines() if "→" in line}
    assert status == 0 and out.startswith("f = (x - 3)^2 = 4\n")
    assert rows == {"x (n0)": ["1", "1", "-4"], "3 (n1)": ["3", "—", "—"], "− (n2)": ["-2", "-4", "-4"]}
    data = json.loads(run(capsys, "graph", "(x-3)^2", "--at", "x=1", "--format", "json")[1])
    assert [e["constant"] for e in data["edges"]] == [False, True, False]


def test_a_formula_starting_with_minus_and_negative_values(capsys):
    status, out, _ = run(capsys, "graph", "-x*y", "--at", "x=-2,y=-3", "--format", "json")
    assert status == 0 and json.loads(out)["output"]["value"] == -6.0


@pytest.mark.parametrize("argv, words", [
    (["graph", "x +", "--at", "x=1"], "column 4"),
    (["graph", "x*y", "--at", "x=1"], "no value for y"),
    (["graph", "x", "--at", "x=1,z=2"], "z is not an input"),
    (["graph", "x", "--at", "x=abc"], "'abc' is not a number"),
    (["graph", "x", "--at", "x=nan"], "not a finite number"),
    (["graph", "x", "--at", "x=1e309"], "graph: --at x: '1e309' is not a finite number (floats end near ±1.8e308)"),
    (["graph", "x", "--at", "x"], "not NAME=VALUE"),
    (["graph", "x"], "--at"),
    (["list", "--format", "xml"], "invalid choice"),
])
def test_usage_errors_exit_2_with_one_line(capsys, argv, words):
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert words in err and len(err.strip().splitlines()) == 1


def test_errors_never_print_a_traceback():
    result = run_process("graph", "__import__('os')", "--at", "x=1")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["list", "graph", "descend"])
def test_every_subcommand_has_help(command):
    result = run_process(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_list_runs_from_another_directory(tmp_path):
    result = run_process("list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["functions"]


@pytest.mark.parametrize("formula, at, words", [
    ("sqrt(x)", "x=0", "its local ∂n1/∂x is infinite here: the slope grows without bound. The engine uses √′(0) := 0"),
    ("log(x)", "x=-1", "log at x = −1: its local ∂n1/∂x is undefined here"),
])
def test_a_singular_local_slope_is_noted_under_its_row_and_in_the_json(capsys, formula, at, words):
    _, out, _ = run(capsys, "graph", formula, "--at", at)
    lines = out.splitlines()
    row = next(i for i, line in enumerate(lines) if "→" in line)
    assert lines[row + 1].startswith("  note: ") and words in lines[row + 1]
    _, out, _ = run(capsys, "graph", formula, "--at", at, "--format", "json")
    (edge,) = json.loads(out)["edges"]
    assert words in edge["note"]
    _, out, _ = run(capsys, "graph", formula, "--at", "x=4", "--format", "json")
    assert "note" not in json.loads(out)["edges"][0]


@pytest.mark.parametrize("fmt", ["micrograd", "pytorch", "program"])
def test_graph_as_a_script_prints_python_that_parses(capsys, fmt):
    assert cli.main(["graph", "tanh(x1*w1 + x2*w2 + b)", "--at", "x1=2,x2=0,w1=-3,w2=1,b=6.8813735870195432",
                     "--format", fmt]) == 0
    script = capsys.readouterr().out
    compile(script, f"{fmt}.py", "exec")
    assert script.startswith(('"""f = tanh(x1 * w1 + x2 * w2 + b)', "# f = tanh(x1 * w1 + x2 * w2 + b)"))


def test_graph_as_a_micrograd_script_runs_and_prints_the_lecture_s_gradients(capsys):
    # the micrograd lecture's neuron: o = tanh(n) = 0.7071, ∂o/∂n = 0.5, so ∂o/∂x1 = w1·0.5 = −1.5, ∂o/∂w1 = x1·0.5 = 1
    cli.main(["graph", "tanh(x1*w1 + x2*w2 + b)", "--at", "x1=2,x2=0,w1=-3,w2=1,b=6.8813735870195432",
              "--format", "micrograd"])
    out = subprocess.run([sys.executable, "-c", capsys.readouterr().out], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    grads = {name: float(value) for name, value in (line.split() for line in out.splitlines())}
    assert grads == pytest.approx({"x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5}, abs=1e-9)


# ----- programs (issue 16): micrograd's code pasted as written --------------------------------------

def _report(capsys, text, *more):
    status, out, err = run(capsys, "graph", text, "--format", "json", *more)
    assert status == 0 and not err
    return json.loads(out)


def test_graph_runs_micrographs_tests_as_written_without_at(capsys):
    sanity = _report(capsys, SANITY_CHECK)
    assert sanity["output"]["value"] == pytest.approx(SANITY_Y, abs=1e-9)
    assert sanity["inputs"] == {"x": {"value": -4.0, "grad": pytest.approx(SANITY_DX, abs=1e-9)}}
    assert len(sanity["nodes"]) == SANITY_NODES and [n["id"] for n in sanity["nodes"] if n.get("name") == "z"]
    more = _report(capsys, MORE_OPS)
    assert more["output"]["value"] == pytest.approx(MORE_G, abs=1e-9)
    assert more["inputs"]["a"]["grad"] == pytest.approx(MORE_DA, abs=1e-9)
    assert more["inputs"]["b"]["grad"] == pytest.approx(MORE_DB, abs=1e-9)


@pytest.mark.parametrize("text", [NEURON, NEURON_SHORT])
def test_graph_runs_the_lecture_neuron(capsys, text):
    report = _report(capsys, text)
    assert report["output"]["value"] == pytest.approx(NEURON_O, abs=1e-9)
    assert {name: entry["grad"] for name, entry in report["inputs"].items()} == pytest.approx(NEURON_GRADS, abs=1e-9)


def test_at_overrides_a_programs_values_and_gives_the_missing_ones(capsys):
    report = _report(capsys, "a = 2.0; y = a * b", "--at", "b=5,a=3")
    assert report["output"]["value"] == 15.0 and report["inputs"]["a"]["grad"] == 5.0
    status, _, err = run(capsys, "graph", "a = 2.0; y = a * b")
    assert status == 2 and "no value" not in err and "b=1" in err and "a=" not in err


def test_program_table_names_the_output_and_its_gates(capsys):
    status, out, _ = run(capsys, "graph", NEURON_SHORT)
    assert status == 0 and out.startswith("o = 0.7071067812 (the program's output)")
    assert "n (n" in out and "∂o/∂w1 = 1" in out


@pytest.mark.parametrize("text, where", [("a = 2\nb = a.foo()", "line 2, column 7"),
                                         ("a = 2\nb = a.data", "line 2, column 5"),
                                         ("x +* 2", "column 4")])
def test_bad_program_is_one_line_with_line_and_column(capsys, text, where):
    status, out, err = run(capsys, "graph", text)
    assert status == 2 and not out and len(err.strip().splitlines()) == 1 and where in err


def test_a_program_as_a_micrograd_script_keeps_its_names_and_gradients(capsys):
    """Programs in, code out: micrograd's sanity check round-trips through the generated script."""
    cli.main(["graph", SANITY_CHECK, "--format", "micrograd"])
    out = subprocess.run([sys.executable, "-c", capsys.readouterr().out], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    grads = {name: float(value) for name, value in (line.split() for line in out.splitlines())}
    assert grads == pytest.approx({"x": SANITY_DX}, abs=1e-9)
