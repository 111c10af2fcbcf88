"""Edits of a graph document, each validated before it changes anything it is given.

The controller runs every edit on a copy of the document and keeps the copy only
if the edit raised nothing, so a refused edit (``GraphError`` with a message a
student can act on) never leaves a half-changed graph behind.
"""

from __future__ import annotations

import keyword
import math
from collections.abc import Callable

from gdgui.core.autodiff import layout
from gdgui.core.autodiff.expr import CONSTANTS, MAX_EXPONENT, input_name_problem
from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.autodiff.graph_document import DEFAULT_VALUE, GraphDocument, document_from_dict, document_to_dict
from gdgui.core.autodiff.graph_layout import GraphLayout, LayoutSizes
from gdgui.core.autodiff.ops import OPS
from gdgui.core.autodiff.program import parse_program
from gdgui.core.numbers import number

SizesOf = Callable[[GraphDocument], LayoutSizes]  # how big each thing of a document's graph is drawn (model units)
NAME_CHOICES = ("x", "y", "z", "a", "b", "c", "w", "u", "v")


def copy_document(doc: GraphDocument) -> GraphDocument:
    return document_from_dict(document_to_dict(doc))


def check_input_name(graph: Graph, name: str, node_id: str | None = None) -> str:
    """``name`` stripped, if it can name a new input (or rename ``node_id``)."""
    name = name.strip() if isinstance(name, str) else ""
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        raise GraphError(f"{name!r} is not a valid input name: use letters, digits and _ (e.g. x1, w0)")
    if name in CONSTANTS or name in OPS:
        raise GraphError(f"{name!r} is reserved (a constant or a function); choose another name")
    if problem := input_name_problem(name):  # the rule graph files obey too: the formula must read it back
        raise GraphError(problem)
    owner = graph.input_ids().get(name)
    if owner is not None and owner != node_id:
        raise GraphError(f"there is already an input called {name!r}")
    return name


def parse_value(text, name: str = "value") -> float:
    """A finite number from user text (``−`` accepted), else ``GraphError`` naming ``name``."""
    try:
        return number(text.strip() if isinstance(text, str) else text, name)
    except ValueError as error:
        raise GraphError(str(error)) from None


def free_input_name(graph: Graph) -> str:
    taken = set(graph.input_names())
    candidates = list(NAME_CHOICES) + [f"x{i}" for i in range(1, 10_000)]
    return next(name for name in candidates if name not in taken)


def add_input(doc: GraphDocument, pos, name: str | None = None) -> str:
    name = check_input_name(doc.graph, name) if name is not None else free_input_name(doc.graph)
    doc.values[name] = DEFAULT_VALUE
    return doc.graph.add_input(name, pos=pos)


def rename_input(doc: GraphDocument, node_id: str, name: str) -> None:
    node = doc.graph.nodes[node_id]
    new = check_input_name(doc.graph, name, node_id)
    if new in doc.names.values():
        raise GraphError(f"a gate is already called {new!r}")
    doc.values[new] = doc.values.pop(node.name)
    doc.params = [new if p == node.name else p for p in doc.params]
    node.name = new
    doc.graph.changed()


def edit_input(doc: GraphDocument, node_id: str, text: str) -> None:
    """``x1 = −1`` typed on an input box; a lone number sets the value, a lone name renames."""
    name = doc.graph.nodes[node_id].name
    value = typed_value(name, text)
    if value is not None:
        doc.values[name] = value
        return
    name_part, equals, value_part = text.partition("=")
    rename_input(doc, node_id, name_part if equals else text)
    if equals:
        doc.values[doc.graph.nodes[node_id].name] = parse_value(value_part, doc.graph.nodes[node_id].name)


def typed_value(name: str, text: str) -> float | None:
    """The value ``text`` typed on input ``name``'s box gives it, if it renames nothing (``−1``,
    ``x = −1``); None if it renames. ``GraphError`` for a bad value (``x = abc``)."""
    name_part, equals, value_part = text.partition("=")
    if not equals:
        try:
            return parse_value(text, name)
        except GraphError:
            return None  # a lone word: a new name
    return parse_value(value_part, name) if name_part.strip() == name else None


def set_const_value(doc: GraphDocument, node_id: str, text) -> None:
    """The number a node holds: a constant's value, or a power gate's exponent k (as a formula allows it)."""
    node = doc.graph.nodes[node_id]
    if node.kind == "op" and OPS[node.op].exponent:
        k = parse_value(text, "the exponent")
        if abs(k) > MAX_EXPONENT:
            raise GraphError(f"the exponent is larger than {MAX_EXPONENT} in magnitude")
        node.exponent = k
    else:
        node.value, node.name = parse_value(text, "constant"), None
    doc.graph.changed()


def remove_nodes(doc: GraphDocument, node_ids) -> None:
    for node_id in node_ids:
        node = doc.graph.nodes.get(node_id)
        if node is None:
            continue
        if node.kind == "input":
            doc.values.pop(node.name, None)
            doc.params = [p for p in doc.params if p != node.name]
        doc.names.pop(node_id, None)
        doc.graph.remove_node(node_id)


def tidy(doc: GraphDocument, sizes_of: SizesOf | None = None) -> GraphLayout:
    """Lay the whole graph out afresh (``sizes_of(doc)`` says how big each thing is drawn: a gate's
    caption is the name ``doc`` gives it)."""
    laid = layout.arrange(doc.graph, sizes_of(doc) if sizes_of else LayoutSizes.estimate(doc.graph))
    place(doc, laid)
    return laid


def place(doc: GraphDocument, laid: GraphLayout) -> None:
    """Move nodes where ``laid`` (a layout of this graph or of a copy of it) puts them, and keep it."""
    for node_id, pos in laid.positions.items():
        doc.graph.nodes[node_id].pos = pos
    doc.layout = laid


def from_expression(text: str, values: dict[str, float], old: dict[str, float] | None = None,
                    sizes_of: SizesOf | None = None) -> GraphDocument:
    """A new laid-out document for ``text`` (see ``expression_document``)."""
    doc = expression_document(text, values, old)
    tidy(doc, sizes_of)
    return doc


def expression_document(text: str, values: dict[str, float], old: dict[str, float] | None = None) -> GraphDocument:
    """A new document for ``text`` (a formula or a program), not laid out yet: inputs take ``values``, else
    the program's, else their ``old`` value, else 1; a program's gates keep their names."""
    program = parse_program(text)
    pool = {**(old or {}), **program.values, **values}
    chosen = {name: float(pool.get(name, DEFAULT_VALUE)) for name in program.graph.input_names()}
    if bad := [name for name, v in chosen.items() if not math.isfinite(v)]:
        raise GraphError(f"the value of {', '.join(bad)} must be a finite number")
    return GraphDocument(program.graph, chosen, dict(program.names))


def gradient_step(doc: GraphDocument, grads: dict[str, float]) -> dict[str, tuple[float, float]]:
    """w ← w − η·∂f/∂w for every chosen parameter; returns name → (old, new)."""
    if not doc.params:
        raise GraphError("choose the parameters a gradient step updates (e.g. the weights w)")
    changes = {}
    for name in doc.params:
        new = doc.values[name] - doc.learning_rate * float(grads[name])
        if not math.isfinite(new):
            raise GraphError(f"the step would make {name} infinite or NaN; lower η")
        changes[name] = (doc.values[name], new)
    for name, (_, new) in changes.items():
        doc.values[name] = new
    return changes


def missing_arguments(graph: Graph) -> dict[str, str]:
    """Gate id → what it still needs, e.g. ``needs argument 2``."""
    missing: dict[str, list[int]] = {}
    for node_id, slot in graph.missing_args():
        missing.setdefault(node_id, []).append(slot + 1)
    return {node_id: "needs argument" + ("s " if len(s) > 1 else " ") + ", ".join(map(str, s))
            for node_id, s in missing.items()}


def release_used_output(graph: Graph) -> None:
    """Forget an explicit output that a new wire now feeds: the graph's single sink takes over."""
    if graph.output_id is not None and graph.users()[graph.output_id]:
        graph.output_id = None
