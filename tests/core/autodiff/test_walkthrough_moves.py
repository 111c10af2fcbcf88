"""What a cursor move may change, and the chain-rule lines written once per step.

The scene and the panel redraw only what ``Walkthrough.touched`` names and reuse each step's
lines (``Walkthrough.texts``); these tests hold both to what is visible, worked out here from the
plan alone: a wire shows its value once its source's forward step is taken (inputs and constants
at once), its gradient once its target's backward step is taken (never from a constant), and is
current while the step just taken writes on it.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.passes import BACKWARD, FORWARD, Walkthrough
from tests.graph_corpus import FORMULAS, VALUES


def _walk(text: str) -> tuple[Walkthrough, dict]:
    graph = parse(text)
    graph.forward({name: VALUES[name] for name in graph.input_names()})
    graph.backward()
    return Walkthrough(graph), graph_text.display_names(graph, {})


WALKS = {text: _walk(text) for text in FORMULAS}


def _taken(walk, cursor, phase, node_id) -> bool:
    return any(s.phase == phase and s.node_id == node_id for s in walk.steps[:cursor])


def _wire_look(walk, cursor, edge) -> tuple:
    step = walk.steps[cursor - 1] if cursor else None
    return (walk.graph.nodes[edge.src].kind != "op" or _taken(walk, cursor, FORWARD, edge.src),
            _taken(walk, cursor, BACKWARD, edge.dst) and walk.graph.nodes[edge.src].kind != "const",
            step is not None and (step.phase == FORWARD and step.node_id == edge.src
                                  or step.phase == BACKWARD and step.node_id == edge.dst))


def _node_look(walk, cursor, node_id) -> tuple:
    outgoing = [e for e in walk.edges if e.src == node_id]
    complete = len(outgoing) > 1 and walk.graph.nodes[node_id].kind != "const" and all(
        _taken(walk, cursor, BACKWARD, e.dst) for e in outgoing)
    return bool(cursor) and walk.steps[cursor - 1].node_id == node_id, complete


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FORMULAS), st.floats(0, 1), st.floats(0, 1))
def test_every_wire_and_node_whose_look_a_move_changes_is_touched(text, start, end):
    walk, _ = WALKS[text]
    before, after = round(start * len(walk.steps)), round(end * len(walk.steps))
    edges, nodes = walk.touched(before, after)
    changed = {e for e in walk.edges if _wire_look(walk, before, e) != _wire_look(walk, after, e)}
    assert changed <= edges
    assert {n for n in walk.graph.nodes if _node_look(walk, before, n) != _node_look(walk, after, n)} <= nodes
    walk.cursor = after
    assert {e: (walk.value_shown(e), walk.grad_shown(e), walk.is_current(e)) for e in walk.edges} == \
        {e: _wire_look(walk, after, e) for e in walk.edges}


def test_a_step_touches_only_its_own_wires():
    walk, _ = WALKS["(x1 + x2) * x3"]
    add = walk.steps[0].node_id
    edges, nodes = walk.touched(0, 1)  # forward through the sum: its one outgoing wire
    assert edges == {e for e in walk.edges if e.src == add} and nodes == {add}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FORMULAS), st.floats(0, 1), st.floats(0, 1))
def test_any_run_of_lines_is_that_run_of_all_the_lines(text, a, b):
    walk, names = WALKS[text]
    walk.cursor = len(walk.steps)
    every = [(text, index) for index, step in enumerate(walk.steps)
             for text in walk.step_lines(step, names, 4)]
    first, end = sorted((round(a * len(every)), round(b * len(every))))
    assert [(line.text, line.step) for line in walk.lines_between(first, end, names, 4)] == every[first:end]


def test_the_lines_are_written_again_only_for_other_names_digits_or_numbers():
    walk, names = _walk("(x + y) * z")
    walk.cursor = len(walk.steps)
    texts = walk.texts(names, 4)
    assert walk.texts(dict(names), 4) is texts  # equal names: the same lines, not written again
    assert walk.texts(names, 6) is not texts
    assert walk.lines({**names, walk.output: "g"})[-1].text.startswith("∂g/∂y = ∂g/∂q")
    assert walk.lines(names)[0].text == "q = x + y = 1.5 + (−0.75) = 0.75"
    walk.graph.forward({"x": 10.0, "y": 5.0, "z": -4.0})  # the passes run again: new numbers
    walk.graph.backward()
    assert walk.lines(names)[0].text == "q = x + y = 10 + 5 = 15"
