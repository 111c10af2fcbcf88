"""Programs → one shared graph: micrograd's code pasted as written gives micrograd's numbers."""

import math

import pytest

from gdgui.core.autodiff.expr import MAX_NESTING, MAX_NODES, ParseError, parse, to_text
from gdgui.core.autodiff.program import MAX_PROGRAM_LENGTH, is_program, parse_program, undefined_part
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


def run(text, **values):
    """The output's value and every input's gradient, at the program's values (``values`` override)."""
    program = parse_program(text)
    graph = program.graph
    graph.forward({**program.values, **values})
    graph.backward()
    grads = {name: float(graph.grads[node_id]) for name, node_id in graph.input_ids().items()}
    return float(graph.values[graph.output()]), grads, program


def named(program):
    """Name → node id of every named gate."""
    return {name: node_id for node_id, name in program.names.items()}


def test_sanity_check_as_written_gives_micrographs_numbers_with_z_one_node():
    y, grads, program = run(SANITY_CHECK)
    assert y == pytest.approx(SANITY_Y, abs=1e-9) and grads == {"x": pytest.approx(SANITY_DX, abs=1e-9)}
    graph = program.graph
    assert len(graph.nodes) == SANITY_NODES and sorted(program.names.values()) == ["h", "q", "y", "z"]
    z = named(program)["z"]
    users = [n for n in graph.nodes.values() if z in n.args]
    assert sum(n.args.count(z) for n in users) == 4  # relu(z), z*x, z*z (twice): one node, four wires
    assert graph.output() == named(program)["y"] and program.values == {"x": -4.0}


def test_more_ops_as_written_gives_micrographs_numbers_and_marks_reassignments():
    g, grads, program = run(MORE_OPS)
    assert g == pytest.approx(MORE_G, abs=1e-9)
    assert grads["a"] == pytest.approx(MORE_DA, abs=1e-9) and grads["b"] == pytest.approx(MORE_DB, abs=1e-9)
    names = named(program)
    assert {"c", "c′", "c″", "d", "d′", "d″", "e", "f", "g", "g′"} <= set(names)
    assert program.graph.output() == names["g′"]
    e = program.graph.nodes[names["e"]]  # e = c - d: the program's e, not Euler's number
    assert e.op == "sub" and e.args == [names["c″"], names["d″"]]
    assert not [n for n in program.graph.nodes.values() if n.kind == "const" and n.name == "e"]


@pytest.mark.parametrize("text", [NEURON, NEURON_SHORT])
def test_the_lecture_neuron_gives_its_gradients_by_hand_and_by_finite_differences(text):
    o, grads, program = run(text)
    assert o == pytest.approx(NEURON_O, abs=1e-9) and grads == pytest.approx(NEURON_GRADS, abs=1e-9)
    step = 1e-6
    for name in grads:
        up = run(text, **{name: program.values[name] + step})[0]
        down = run(text, **{name: program.values[name] - step})[0]
        assert (up - down) / (2 * step) == pytest.approx(grads[name], abs=1e-7)


def test_a_single_expression_reads_as_today_and_methods_read_as_functions():
    for text in ("(x + y) * z", "x^2 + 2*y^2", "sigmoid(w0*x0 + w1*x1\n + w2)", "e^x * pi"):
        assert not is_program(text) and to_text(parse_program(text).graph) == to_text(parse(text))
    assert to_text(parse_program("(x*w + b).tanh() + x.exp()").graph) == to_text(parse("tanh(x*w + b) + exp(x)"))
    assert parse_program("x.relu()").names == {} and parse_program("x").values == {}


def test_statements_by_semicolon_and_augmented_assignments():
    value, grads, program = run("a = 3; b = a; b -= 1; b *= a; b /= 2")  # ((3 - 1) * 3) / 2
    assert value == 3.0 and grads == {"a": pytest.approx(2.5)}  # d/da (a−1)a/2 = (2a − 1)/2
    assert sorted(program.names.values()) == ["b", "b′", "b″"]  # b = a names no new node
    assert program.graph.input_names() == ["a"]


def test_a_last_expression_is_the_output_and_unused_values_are_not_drawn():
    value, grads, program = run("a = 2.0\nunused = a * 100\nb = a * a\nb + 1")
    assert value == 5.0 and grads == {"a": 4.0}
    assert sorted(program.names.values()) == ["b"]  # the output is unnamed: the window calls it f


def test_free_names_are_inputs_without_values_and_assigned_names_shadow_pi():
    program = parse_program("p = w * pi; pi2 = p * e")
    assert program.values == {} and program.graph.input_names() == ["w"]
    shadow = parse_program("e = w * 2\npi = e + 1\ny = pi * e")
    y = shadow.graph
    y.forward({"w": 3.0})
    assert float(y.values[y.output()]) == 42.0  # e = 6, pi = 7: no constant of Euler's or Archimedes'


def test_value_forms_are_inputs_with_their_values():
    program = parse_program("a = Value(2.0)\nb = Value(-3, label='b')\nc = Value(data=0.5)\nd = +1e-3\nf = a*b*c*d")
    assert program.values == {"a": 2.0, "b": -3.0, "c": 0.5, "d": 0.001}
    program = parse_program("y = x * Value(2.0) + 1")  # inside an expression: a constant
    assert program.graph.input_names() == ["x"]


@pytest.mark.parametrize("text, line, column, words", [
    ("a = 2\nb = a.foo()", 2, 7, "unknown method 'foo'"),
    ("a = 2\nb = a.data", 2, 5, "attribute"),
    ("a = 2\nb = a.grad * 2", 2, 5, "attribute"),
    ("a = 2\nb = a.__class__", 2, 5, "attribute"),
    ("x = 1\ny = print(x)", 2, 5, "unknown function 'print'"),
    ("x = 1\ny = __import__('os')", 2, 5, "unknown function"),
    ("a = 2\n  b = (a + \nc = 1", 2, 7, "not closed"),
    ("a = 2\nb = a ! 2", 2, 7, "'!' is not allowed"),
    ("a = 2\nb = a % 2", 2, 7, "% is not part of a formula"),
    ("a = 2\nif a: b = 1", 2, 5, "lambdas and slices"),
    ("a = 2\nimport os", 2, 1, "not import"),
    ("a = 2\nb = a.tanh(3)", 2, 7, "takes no arguments"),
    ("a = 2\na = 3", 2, 1, "already has a value"),
    ("y = x * 2\nx = 3", 2, 1, "line 1 uses it as an input"),
    ("e = 2.0\ny = e * 2", 1, 1, "cannot be called e"),
    ("tanh = 2", 1, 1, "is a function"),
    ("a = b = 2", 1, 1, "one name at a time"),
    ("a = 2\na.grad = 0", 2, 1, "only x.label"),
    ("a = 2\nb += a", 2, 1, "b has no value yet"),
    ("a = 2\na //= 2", 2, 1, "only += -= *= /="),
    ("a = Value('x')", 1, 5, "Value() takes a number"),
    ("a = 2\nb = a.backward()", 2, 7, "unknown method 'backward'"),
    ("a = 2;\n b = a 3", 2, 8, "a missing operator"),
])
def test_bad_programs_say_line_and_column(text, line, column, words):
    with pytest.raises(ParseError) as raised:
        parse_program(text)
    error = raised.value
    assert words in error.message and (error.line, error.column) == (line, column)
    assert f"line {line}, column {column}" in str(error) and error.where() == f"Line {line}, column {column}"


def test_limits_on_size_depth_and_nodes():
    with pytest.raises(ParseError, match="longer than"):
        parse_program("a = 1\n" + "b = a\n" * (MAX_PROGRAM_LENGTH // 6))
    deep = "(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1)
    with pytest.raises(ParseError, match="nested more than") as raised:
        parse_program(f"a = 1\nb = {deep}")
    assert raised.value.line == 2
    lines = ["a = 1"] + [f"a = a * a + {i}" for i in range(MAX_NODES)]
    with pytest.raises(ParseError, match=f"more than {MAX_NODES} nodes"):
        parse_program("\n".join(lines))


def test_comments_blank_lines_and_indentation_are_fine():
    value, _, _ = run("\n  # a neuron\n\ta = 2.0  # input\n\n    b = a * a   \n")
    assert value == 4.0


def test_undefined_part_of_a_formula_but_not_of_a_program():
    assert undefined_part("x + 1/0").text == "1/0"
    assert undefined_part("a = 1/0; b = a * x") is None
    assert math.isinf(run("a = 1/0; b = a * x", x=1.0)[0])


def test_an_input_assigned_again_makes_a_marked_gate_and_aliases_name_no_node():
    value, grads, program = run("x = x * 2\ny = x\ny += x.exp()", x=0.5)  # (2x) + e^(2x)
    assert value == pytest.approx(1 + math.e) and grads == {"x": pytest.approx(2 + 2 * math.e)}
    assert sorted(program.names.values()) == ["x′", "y"] and program.graph.input_names() == ["x"]
