"""A graph written out as a script: the micrograd-style one runs with no package and prints the
gradients gdgui computes; the PyTorch one always parses and, where torch is installed, runs; the
plain program computes the same value."""

import ast
import math
import subprocess
import sys

import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.gradcheck import grad_check
from gdgui.core.autodiff.graph_text import display_names
from gdgui.core.codegen import naming
from gdgui.core.codegen.micrograd import micrograd_script
from gdgui.core.codegen.program import program_text
from gdgui.core.codegen.pytorch import pytorch_script
from gdgui.core.files.graph_files import load_document
from gdgui.resources import resource_path
from tests.graph_corpus import FORMULAS, VALUES

PRESETS = sorted(path.name for path in resource_path("graphs").glob("*.json"))
NEURON = ("tanh(x1*w1 + x2*w2 + b)", {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432})


def _values(graph):
    return {name: VALUES[name] for name in graph.input_names()}


def _printed(script: str) -> dict[str, float]:
    """Run ``script`` in a fresh interpreter; its ``name grad`` lines as a dict."""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return {name: float(grad) for name, grad in (line.split() for line in out.stdout.splitlines())}


def _gdgui_grads(graph, values) -> dict[str, float]:
    graph.forward(values)
    return {name: float(grad) for name, grad in graph.backward().items()}


def _assert_close(printed: dict, expected: dict) -> None:
    assert printed.keys() == expected.keys()
    for name, grad in expected.items():
        assert printed[name] == pytest.approx(grad, rel=1e-9, abs=1e-9), name


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_micrograd_script_prints_gdgui_s_gradients(formula):
    graph = parse(formula)
    values = _values(graph)
    _assert_close(_printed(micrograd_script(graph, values)), _gdgui_grads(graph, values))
    assert grad_check(graph, values).verdict != "disagrees"  # and gdgui's agree with finite differences


@pytest.mark.parametrize("preset", PRESETS)
def test_a_preset_s_micrograd_script_names_its_values_as_the_graph_does(preset):
    doc = load_document(resource_path("graphs") / preset)
    script = micrograd_script(doc.graph, doc.values, doc.names)
    _assert_close(_printed(script), _gdgui_grads(doc.graph, doc.values))
    shown = display_names(doc.graph, doc.names)  # the fork's c, d, e; f, q, r, … where the file names none
    assert all(f"\n{shown[node_id]} = " in script for node_id in naming.gates(doc.graph))


def test_the_lecture_neuron_gives_the_lecture_s_gradients():
    # o = tanh(n), n = x1·w1 + x2·w2 + b = 0.8814: ∂o/∂n = 1 − 0.7071² = 0.5; ∂o/∂x1 = w1·0.5 = −1.5,
    # ∂o/∂w1 = x1·0.5 = 1, ∂o/∂x2 = w2·0.5 = 0.5, ∂o/∂w2 = x2·0.5 = 0, ∂o/∂b = 0.5
    printed = _printed(micrograd_script(parse(NEURON[0]), NEURON[1]))
    _assert_close(printed, {"x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5})


def test_the_value_class_has_exactly_the_ops_the_graph_uses():
    script = micrograd_script(parse(NEURON[0]), NEURON[1])
    value_class = next(n for n in ast.parse(script).body if isinstance(n, ast.ClassDef))
    methods = {n.name for n in value_class.body if isinstance(n, ast.FunctionDef)}
    assert methods == {"__init__", "__repr__", "__mul__", "__add__", "tanh", "backward"}
    assert "def _backward():" in script and "1 - out.data ** 2" in script


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_pytorch_script_parses_and_builds_the_graph_with_tensors(formula):
    graph = parse(formula)
    script = pytorch_script(graph, _values(graph))
    compile(script, "pytorch_script.py", "exec")
    for name in graph.input_names():
        assert f"torch.tensor({naming.float_literal(VALUES[name])}, dtype=torch.float64, requires_grad=True)" in script
    assert "f.backward()" in script or formula == "x"


@pytest.mark.parametrize("formula", FORMULAS[:12] + [NEURON[0]])
def test_the_pytorch_script_prints_gdgui_s_gradients_where_torch_is_installed(formula):
    pytest.importorskip("torch")
    graph = parse(formula)
    values = {**VALUES, **NEURON[1]}
    values = {name: values[name] for name in graph.input_names()}
    _assert_close(_printed(pytorch_script(graph, values)), _gdgui_grads(graph, values))


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_plain_program_computes_gdgui_s_value(formula):
    graph = parse(formula)
    values = _values(graph)
    program = program_text(graph, values)
    scope = {**{n: getattr(math, n) for n in ("exp", "log", "sqrt", "sin", "cos", "tan", "tanh")},
             "sigmoid": lambda v: 1 / (1 + math.exp(-v)), "relu": lambda v: max(v, 0.0)}
    exec(compile(program, "program.py", "exec"), scope)  # our own output, in a test
    last = program.splitlines()[-1].split(" = ")[0]
    assert scope[last] == pytest.approx(float(graph.forward(values)), rel=1e-12)


@pytest.mark.parametrize("given, expected", [("x₁", "x1"), ("lambda", "lambda_"), ("c′", "c_"), ("2nd", "_2nd"),
                                             ("exp", "exp_"), ("Value", "Value_")])
def test_names_become_distinct_python_identifiers(given, expected):
    graph = parse("u * v + u")
    gate = graph.output()
    names = naming.identifiers(graph, {gate: given})
    assert names[gate] == expected and len(set(names.values())) == len(names)


def test_a_name_taken_twice_gets_a_number():
    graph = parse("u * v + u")
    mul = next(n for n, node in graph.nodes.items() if node.op == "mul")
    names = naming.identifiers(graph, {mul: "c′", graph.output(): "c_"})
    assert {names[mul], names[graph.output()]} == {"c_", "c_2"}


@pytest.mark.parametrize("formula, values", [("sqrt(x)", {"x": 0.0}), ("x^y", {"x": 0.0, "y": 2.0}),
                                             ("x^y", {"x": -1.0, "y": 2.0}), ("x^y", {"x": 0.0, "y": 0.0}),
                                             ("sqrt(x*x + y*y) * y", {"x": 0.0, "y": 0.0})])
def test_at_a_singular_point_the_micrograd_script_prints_the_app_s_gradients(formula, values):
    """√′(0) := 0 and ∂(a^b)/∂b = 0 at a = 0 < b are the app's conventions; the script raised
    ZeroDivisionError and math's ValueError there. NaN where the app says undefined."""
    graph = parse(formula)
    printed, expected = _printed(micrograd_script(graph, values)), _gdgui_grads(graph, values)
    assert printed.keys() == expected.keys()
    assert all(printed[name] == pytest.approx(grad, nan_ok=True) for name, grad in expected.items()), printed
