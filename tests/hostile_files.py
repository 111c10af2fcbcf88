"""A corpus of damaged and hostile sessions, graph files and lesson decks, written into a test's tmp_path.

Each case is a small generator: a valid document with one thing broken, written as JSON. Huge
integers cannot be built through ``json.dumps`` of a float, so a document holds a placeholder
string (``BIG400`` …) that the writer replaces by the raw digits. Shared by the loader, command
line and window tests (tests/core/files, tests/cli, tests/controllers/shell).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from gdgui.core.autodiff.graph_document import document_to_dict
from gdgui.core.descent.settings import DescentSettings
from gdgui.core.files.graph_files import load_document
from gdgui.resources import resource_path

__all__ = ["CORPUS", "FORMULAS", "write_case", "session", "graph", "deck", "write_json"]

_RAW = {"BIG400": "1" + "0" * 400, "-BIG400": "-1" + "0" * 400, "BIG5000": "7" * 5000, "NAN": "NaN",
        "INFINITY": "Infinity"}
_SUFFIX = {"session": ".gdgui", "graph": ".json", "deck": ".json"}


def write_json(path: Path, data) -> Path:
    """``data`` as JSON, each placeholder string (``"BIG400"``) replaced by its raw token."""
    text = json.dumps(data)
    for token, raw in _RAW.items():
        text = text.replace(json.dumps(token), raw)
    path.write_text(text, encoding="utf-8")
    return path


def graph(change=None) -> dict:
    """The fork preset as a document dict (inputs a, b, c...), with ``change(doc)`` applied."""
    data = document_to_dict(load_document(resource_path("graphs", "05-fork.json")))
    if change is not None:
        change(data)
    return data


def session(change=None, **descent) -> dict:
    """A complete, valid session with ``descent`` settings changed, then ``change(data)`` applied."""
    data = {"format": "gdgui-session", "version": 1, "descent": {**DescentSettings().to_dict(), **descent},
            "graph": None, "view": {"tab": "descent", "basins": False}}
    if change is not None:
        change(data)
    return data


def deck(*slides: dict, change=None) -> dict:
    """A deck of a valid first slide and then ``slides``, with ``change(data)`` applied."""
    data = {"format": "gdgui-deck", "version": 1, "title": "hostile",
            "slides": [{"caption": "fine"}, *copy.deepcopy(list(slides))]}
    if change is not None:
        change(data)
    return data


def _input(data: dict, name: str) -> None:
    """Rename the graph's first input to ``name`` (its value too)."""
    node = next(n for n in data["nodes"] if n["kind"] == "input")
    data["values"][name] = data["values"].pop(node["name"])
    data["params"] = []
    node["name"] = name


def _const(data: dict, **fields) -> None:
    node = {"id": "k1", "kind": "const", "value": 2.0}
    node.update(fields)
    data["nodes"].append(node)


def _power(data: dict, **fields) -> None:
    """A power gate x^k on the first node, with ``fields`` (its exponent) as given."""
    data["nodes"].append({"id": "k2", "kind": "op", "op": "power", "args": [data["nodes"][0]["id"]], **fields})


def _node(data: dict, **fields) -> None:
    data["nodes"][0].update(fields)


# name → (kind, document). Every one must be refused with one line naming the file.
CORPUS = {
    # sessions: a number too long for a float wherever a number goes
    **{f"session {key} of 400 digits": ("session", session(**{key: "BIG400"}))
       for key in ("lr", "tol", "seed", "particles", "speed", "max_steps")},
    "session lr of 5000 digits": ("session", session(lr="BIG5000")),
    "session start of 400 digits": ("session", session(start=[0, "-BIG400"])),
    "session domain of 400 digits": ("session", session(domain=[-1, "BIG400", -1, 1])),
    "session hyper-parameter of 400 digits": ("session", session(hyper={"adam": {"beta1": "BIG400"}})),
    "session version of 400 digits": ("session", session(lambda d: d.update(version="BIG400"))),
    "session version true": ("session", session(lambda d: d.update(version=True))),
    "session version 1.0": ("session", session(lambda d: d.update(version=1.0))),
    "session optimizers 5": ("session", session(optimizers=5)),
    "session optimizers null": ("session", session(optimizers=None)),
    "session optimizers nested list": ("session", session(optimizers=[["gd"]])),
    "session optimizers of mappings": ("session", session(optimizers=[{}])),
    "session hyper lr": ("session", session(hyper={"gd": {"lr": 0.5}})),
    "session hyper not a mapping": ("session", session(hyper={"adam": 5})),
    "session hyper a list": ("session", session(hyper=[["adam"]])),
    "session domain too wide": ("session", session(domain=[-1e308, 1e308, -1, 1])),
    "session NaN lr": ("session", session(lr="NAN")),
    "session Infinity start": ("session", session(start=["INFINITY", 0])),
    "session unknown setting": ("session", session(colour="red")),
    "session function a list": ("session", session(function=["quadratic"])),
    "session tab a list": ("session", session(lambda d: d["view"].update(tab=["descent"]))),
    "session graph output a list": ("session", session(lambda d: d.update(graph=graph(
        lambda g: g.update(output=["n5"]))))),
    "session graph input lambda": ("session", session(lambda d: d.update(graph=graph(
        lambda g: _input(g, "lambda"))))),
    # graph files
    "graph output a list": ("graph", graph(lambda g: g.update(output=["n5"]))),
    "graph output a mapping": ("graph", graph(lambda g: g.update(output={}))),
    "graph version true": ("graph", graph(lambda g: g.update(version=True))),
    "graph version 1.0": ("graph", graph(lambda g: g.update(version=1.0))),
    "graph version of 400 digits": ("graph", graph(lambda g: g.update(version="BIG400"))),
    "graph constant of 400 digits": ("graph", graph(lambda g: _const(g, value="BIG400"))),
    "graph constant of 5000 digits": ("graph", graph(lambda g: _const(g, value="BIG5000"))),
    "graph position of 400 digits": ("graph", graph(lambda g: _node(g, pos=[0, "BIG400"]))),
    "graph value of 400 digits": ("graph", graph(lambda g: g["values"].update(a="BIG400"))),
    "graph learning rate of 400 digits": ("graph", graph(lambda g: g.update(learning_rate="BIG400"))),
    "graph input named lambda": ("graph", graph(lambda g: _input(g, "lambda"))),
    "graph input named sin": ("graph", graph(lambda g: _input(g, "sin"))),
    "graph input named pi": ("graph", graph(lambda g: _input(g, "pi"))),
    "graph input named with a space": ("graph", graph(lambda g: _input(g, " a"))),
    "graph constant named pi holding 5": ("graph", graph(lambda g: _const(g, value=5, name="pi"))),
    "graph constant named tau": ("graph", graph(lambda g: _const(g, value=6.283185307179586, name="tau"))),
    "graph kind a list": ("graph", graph(lambda g: _node(g, kind=["op"]))),
    "graph op a list": ("graph", graph(lambda g: g["nodes"][-1].update(op=["add"]))),
    "graph NaN constant": ("graph", graph(lambda g: _const(g, value="NAN"))),
    "graph exponent of 400 digits": ("graph", graph(lambda g: _power(g, exponent="BIG400"))),
    "graph NaN exponent": ("graph", graph(lambda g: _power(g, exponent="NAN"))),
    "graph exponent true": ("graph", graph(lambda g: _power(g, exponent=True))),
    "graph power without exponent": ("graph", graph(lambda g: _power(g))),
    "graph exponent on an add gate": ("graph", graph(lambda g: g["nodes"][-1].update(exponent=2))),
    "graph nodes a mapping": ("graph", graph(lambda g: g.update(nodes={}))),
    "graph a cycle": ("graph", graph(lambda g: g["nodes"][-1].update(args=[g["nodes"][-1]["id"],
                                                                          g["nodes"][-1]["args"][1]]))),
    # lesson decks
    "deck version true": ("deck", deck(change=lambda d: d.update(version=True))),
    "deck version 1.0": ("deck", deck(change=lambda d: d.update(version=1.0))),
    "deck slides a number": ("deck", deck(change=lambda d: d.update(slides="BIG400"))),
    "deck slide lr of 400 digits": ("deck", deck({"caption": "c", "descent": {"lr": "BIG400"}})),
    "deck slide optimizers null": ("deck", deck({"caption": "c", "descent": {"optimizers": None}})),
    "deck slide hyper lr": ("deck", deck({"caption": "c", "descent": {"hyper": {"gd": {"lr": 0.5}}}})),
    "deck slide domain too wide": ("deck", deck({"caption": "c", "descent": {"domain": [-1e308, 1e308, 0, 1]}})),
    "deck slide graph output a list": ("deck", deck({"caption": "c", "graph": graph(
        lambda g: g.update(output=["n5"]))})),
    "deck slide graph input sin": ("deck", deck({"caption": "c", "graph": graph(lambda g: _input(g, "sin"))})),
    "deck slide preset outside the presets": ("deck", deck({"caption": "c", "graph": {"preset": "../x.json"}})),
    "deck slide preset a list": ("deck", deck({"caption": "c", "graph": {"preset": ["05-fork.json"]}})),
    "deck caption of 400 digits": ("deck", deck({"caption": "BIG400"})),
    "deck caption of two lines": ("deck", deck({"caption": "one\ntwo"})),
    "deck slide NaN": ("deck", deck({"caption": "c", "descent": {"tol": "NAN"}})),
    "deck slide switches projector": ("deck", deck({"caption": "c", "view": {"projector": True}})),
}

# Formulas Python's arithmetic refuses, inside a session or a deck: refused with one line or
# opened (IEEE: inf and nan are values), never a traceback.
FORMULAS = {
    "session x/0": ("session", session(function=None, expression="x/0")),
    "session 0/0": ("session", session(function=None, expression="0/0 + x")),
    "session pow chain": ("session", session(function=None, expression="x" + "^x" * 499)),
    "session huge exponent": ("session", session(function=None, expression="x^reciprocal(0)")),
    "deck x/0": ("deck", deck({"caption": "c", "descent": {"function": None, "expression": "y/0"}})),
    "deck nested parentheses": ("deck", deck({"caption": "c", "descent": {"function": None,
                                                                 "expression": "(" * 500 + "x" + ")" * 500}})),
}


def write_case(folder: Path, name: str, cases: dict = CORPUS) -> tuple[str, Path]:
    """Write case ``name`` into ``folder``; (its kind, its path)."""
    kind, data = cases[name]
    file_name = name.replace(" ", "-").replace("/", "-") + _SUFFIX[kind]
    return kind, write_json(folder / file_name, data)
