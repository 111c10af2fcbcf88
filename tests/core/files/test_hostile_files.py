"""Hostile sessions, graph files and decks through the core loaders: one DataError naming the file.

The corpus (tests/hostile_files.py) breaks one thing per file: a number of 400 or 5,000 digits
wherever a number goes, versions that are not the integer 1, optimizers and outputs of the wrong
JSON type, names the formula parser would not read back, a π that holds 5, a domain wider than
floats. Each must be refused by the loader, naming the file, never with another exception.
"""

import pytest

from gdgui.core.checks import DataError
from gdgui.core.files.deck import load_deck
from gdgui.core.files.graph_files import load_document, load_graph
from gdgui.core.files.session import load_session
from tests.hostile_files import CORPUS, FORMULAS, graph, session, write_case, write_json

LOADERS = {"session": [load_session], "graph": [load_document, load_graph], "deck": [load_deck]}


def test_the_corpus_is_large_and_covers_every_kind():
    kinds = [kind for kind, _ in CORPUS.values()]
    assert len(kinds) >= 40 and {"session", "graph", "deck"} <= set(kinds)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_hostile_file_is_refused_naming_the_file(tmp_path, name):
    kind, path = write_case(tmp_path, name)
    for load in LOADERS[kind]:
        if kind == "graph" and load is load_graph and name.startswith(("graph value", "graph learning")):
            continue  # a bare graph has no values or learning rate to read
        with pytest.raises(DataError) as refused:
            load(path)
        message = str(refused.value)
        assert path.name in message and "\n" not in message, message
        assert len(message) < 300, message  # a 400-digit number is not copied into the message


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_formulas_python_refuses_are_opened_or_refused_with_a_data_error(tmp_path, name):
    kind, path = write_case(tmp_path, name, FORMULAS)
    try:
        LOADERS[kind][0](path)
    except DataError as refused:
        assert path.name in str(refused)


@pytest.mark.parametrize("name, expected", [
    ("session optimizers 5", "optimizers: expected a list of optimizer names, got 5"),
    ("session optimizers nested list", "unknown optimizer ['gd']"),
    ("session hyper lr", "gd has no hyper-parameter 'lr'"),
    ("session version true", "session version True is not supported"),
    ("session version 1.0", "session version 1.0 is not supported"),
    ("session version of 400 digits", "session version 1000000"),
    ("session domain too wide", "domain: too wide"),
    ("session lr of 400 digits", "lr: a number of 401 digits is not a finite number"),
    ("graph version true", "graph file version True is not supported"),
    ("graph output a list", "the output ['n5'] is not a node"),
    ("graph input named lambda", "'lambda' is not a valid input name"),
    ("graph input named sin", "'sin' is not a valid input name (sin is a function"),
    ("graph input named pi", "'pi' is not a valid input name (a formula reads it as the constant pi)"),
    ("graph constant named pi holding 5", "node 'k1' is named pi but holds 5, not pi = 3.14159"),
    ("graph constant named tau", "a constant may only be named pi or e"),
    ("deck version 1.0", "deck version 1.0 is not supported"),
    ("deck slide hyper lr", "slide 2: descent: hyper: gd has no hyper-parameter 'lr'"),
    ("deck slide domain too wide", "slide 2: descent: domain: too wide"),
    ("deck slide graph input sin", "slide 2: graph: node"),
])
def test_the_refusal_says_what_is_wrong(tmp_path, name, expected):
    kind, path = write_case(tmp_path, name)
    with pytest.raises(DataError) as refused:
        LOADERS[kind][0](path)
    assert str(refused.value).startswith(f"{path.name}: ") and expected in str(refused.value)


def test_constants_named_pi_and_e_holding_their_values_load(tmp_path):
    import math

    def add_constants(g):
        g["nodes"] += [{"id": "k1", "kind": "const", "value": math.pi, "name": "pi"},
                       {"id": "k2", "kind": "const", "value": math.e, "name": "e"}]

    doc = load_document(write_json(tmp_path / "ok.json", graph(add_constants)))
    assert doc.graph.nodes["k1"].name == "pi" and doc.graph.nodes["k2"].value == math.e


def test_a_session_with_every_setting_valid_still_loads(tmp_path):
    assert load_session(write_json(tmp_path / "ok.gdgui", session(lr=0.5, optimizers=["gd", "adam"]))).descent["lr"] == 0.5
