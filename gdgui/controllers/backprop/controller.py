"""The Backprop tab's model: a graph document, its undo stack and the pass walkthrough.

Every edit runs on a copy of the document (``gdgui.core.autodiff.graph_edits``); a refused
edit emits ``message`` and changes nothing, an accepted one becomes a
``SnapshotCommand`` on ``undo_stack``.  After every change both passes are
recomputed in full; the walkthrough cursor only decides how much of them shows.
Input values alone change without the copy (``inputs.py``: a ``ValuesCommand``).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gdgui.controllers.backprop.background_layout import BackgroundLayout
from gdgui.controllers.backprop.collection import collection_paused
from gdgui.controllers.backprop.commands import SnapshotCommand
from gdgui.controllers.backprop.documents import DocumentsMixin
from gdgui.controllers.backprop.edits import EditsMixin
from gdgui.controllers.backprop.expressions import ExpressionsMixin
from gdgui.controllers.backprop.inputs import InputsMixin
from gdgui.controllers.backprop.layouts import LayoutsMixin
from gdgui.controllers.backprop.lesson import LessonMixin
from gdgui.controllers.backprop.practice import Practice
from gdgui.core import numbers
from gdgui.core.autodiff import graph_edits, graph_text, rewrite
from gdgui.core.autodiff.graph import Edge, Graph, GraphError
from gdgui.core.autodiff.graph_document import GraphDocument, document_from_dict, document_to_dict
from gdgui.core.autodiff.passes import Walkthrough

FORWARD_DONE = -1  # a cursor that stands after the forward pass: values shown, the backward pass at its step 0


class GraphController(DocumentsMixin, EditsMixin, ExpressionsMixin, InputsMixin, LayoutsMixin, LessonMixin,
                      QObject):
    """Editor model of the Backprop tab.

    Signals:
        graph_changed(): nodes, edges, names or positions changed (the scene reconciles by id).
        passes_changed(): values, gradients, precision or the walkthrough cursor changed.
        message(str): why an edit was refused, or what an action did (for the status bar).
        parse_failed(str, int): an expression's error message and 1-based position in its text (its column,
            on one line).
        document_replaced(): after graph_changed and passes_changed, when the change (or its undo)
            brought a whole new document (a preset, a formula, a file, a session), not an edit.
        step_losses_changed(object): the output before the first gradient step and after each one
            (``step_losses``), since the document came, of the steps not undone; empty when a new one comes.

    A graph of ``WORKER_NODES`` nodes or more that needs a layout (a file without positions,
    a typed formula, or Tidy) is laid out by ``layouts`` on a worker thread; it arrives as one undo step, unless
    another change to the document comes first, which cancels it.
    ``laptop``: the laptop theme's sizes, at which layouts are measured (``layouts.py``).
    """

    graph_changed = Signal()
    passes_changed = Signal()
    message = Signal(str)
    parse_failed = Signal(str, int)
    document_replaced = Signal()
    step_losses_changed = Signal(object)

    def __init__(self, parent: QObject | None = None, laptop=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._doc = GraphDocument(Graph(), {})
        self._names: dict[str, str] = {}
        self._validated: tuple[dict, tuple] | None = None  # (data, _prepare(data))
        self._programs: dict[tuple, str] = {}  # the shape of a graph a typed program built → the program
        self._walk: Walkthrough | None = None
        self._chains: tuple = (None, [])  # (walkthrough, its graph's σ chains)
        self._cursor, self._at_end = 0, True
        self.pass_error = "the graph is empty: type an expression or pick a preset"
        self.digits = numbers.DEFAULT_DIGITS
        self.replacing = False  # True while graph_changed and passes_changed come before document_replaced
        self._init_layouts(laptop)
        self.layouts = BackgroundLayout(self)
        self.layouts.failed.connect(lambda reason: self.message.emit(f"Layout failed: {reason}"))
        self.undo_stack.indexChanged.connect(lambda _: self.layouts.cancel())  # the layout is of another graph
        self.practice = Practice(self)  # predict, then reveal (practice.py)
        self.step_losses: list[float] = []
        self._first_step_at: int | None = None  # the lowest undo-stack place a gradient step was taken at
        self.undo_stack.indexChanged.connect(self._on_undo_index_changed)

    # ----- reading ------------------------------------------------------------------
    @property
    def graph(self) -> Graph:
        return self._doc.graph

    @property
    def document(self) -> GraphDocument:
        return self._doc

    @property
    def walkthrough(self) -> Walkthrough | None:
        """The passes as steps, or None while the graph cannot run (see ``pass_error``)."""
        return self._walk

    def names(self) -> dict[str, str]:
        """Display name of every node (inputs, constants' values, gates' f, q, r, …)."""
        return self._names

    def sum_badges(self, nodes=None) -> dict[str, str]:
        """``Σ 3 + 2 = 5`` for every branching node (of ``nodes``, if given) whose gradient has fully arrived."""
        sums = self._walk.branch_sums(nodes) if self._walk else {}
        return {node_id: "Σ " + graph_text.sum_text(parts, self.digits) for node_id, parts in sums.items()}

    def singular_badges(self, nodes=None) -> dict[str, str]:
        """``∂ = ∞ here · uses 0`` under every gate (of ``nodes``, if given) the backward pass went through
        whose local partial is infinite, undefined or a corner's at the point."""
        walk = self._walk
        if walk is None:
            return {}
        taken = (node_id for node_id in (self.graph.nodes if nodes is None else nodes) if walk.backward_taken(node_id))
        badges = ((node_id, graph_text.singular_badge(self.graph, node_id, self.digits)) for node_id in taken)
        return {node_id: badge for node_id, badge in badges if badge}

    def format(self, value) -> str:
        return numbers.short(value, self.digits)

    def node_tooltip(self, node_id: str) -> str:
        return graph_text.node_tooltip(self.graph, node_id, self._names, self._doc.values)

    def edge_tooltip(self, edge: Edge) -> str:
        walk = self._walk
        hidden = walk is not None and walk.practice is not None and edge not in walk.practice
        return graph_text.edge_tooltip(self.graph, edge, self._names, gradient=not hidden)

    def sigmoid_identity_lines(self) -> list[str]:
        """σ(1−σ) = product of local gradients, for each σ chain the backward pass went through."""
        walk = self._walk
        if walk is None:
            return []
        if self._chains[0] is not walk:  # found once per graph, not at every step
            self._chains = (walk, rewrite.find_sigmoid_chains(self.graph))
        return [graph_text.sigmoid_identity_line(self.graph, chain, self.digits) for chain in self._chains[1]
                if any(walk.grad_shown(e) for e in walk.incoming[chain.mul] if e.src == chain.source)]

    def step_caption(self) -> str:
        if self._walk is None:
            return f"Passes off: {self.pass_error}"
        return graph_text.step_caption(self._walk, self._names)

    def missing_arguments(self) -> dict[str, str]:
        return graph_edits.missing_arguments(self.graph)

    def state_dict(self) -> dict:
        """The graph document (nodes, positions, values, names, parameters) as plain data."""
        return document_to_dict(self._doc)

    # ----- documents ------------------------------------------------------------------
    def apply_state(self, data: dict, *, solved: bool = True) -> None:
        """Replace the document by ``data``; raises ``GraphError`` (a ``ValueError``) and keeps
        the current state if ``data`` is not a valid graph document. ``solved``: both passes shown;
        otherwise the forward values only, the backward pass at its step 0 (a slide, for a class to step)."""
        doc = self._with_positions(document_from_dict(data))
        self._remember(doc)
        self._push("open graph", document_to_dict(doc), at_end=solved)
        self._tell_engine()

    # ----- edits ------------------------------------------------------------------------
    def edit(self, description: str, change) -> bool:
        """Run ``change(document_copy)``; keep the result as an undo step, or report why not."""
        trial = graph_edits.copy_document(self._doc)
        try:
            change(trial)
            graph_edits.release_used_output(trial.graph)
            after = document_to_dict(trial)
        except (GraphError, ValueError, KeyError) as error:
            self.message.emit(_reason(error))
            return False
        self._remember(trial)
        pushed = self._push(description, after)
        self._tell_engine()
        return pushed

    def _push_document(self, description: str, doc: GraphDocument) -> bool:
        """Make a document just read from a file (so already checked) the new state: its plain data is
        kept for undo, but not read back into a second copy of the same document."""
        self._remember(doc)
        return self._push(description, document_to_dict(doc), at_end=True, doc=doc)

    def _push(self, description: str, after: dict, at_end: bool | None = None,
              doc: GraphDocument | None = None) -> bool:
        """Make ``after`` (the data of ``doc`` if given) an undo step, once it has loaded and been
        named: a refused document never enters the stack, so the command's redo cannot fail half-way
        (model on one graph, drawing on another). ``at_end`` (a whole new document): True shows both
        passes, False the forward pass done and the backward pass at its step 0; None (an edit) keeps
        the cursor."""
        try:
            prepared = self._prepare(after) if doc is None else _named(doc)
        except _REFUSED as error:
            self.message.emit(f"Not changed: {_reason(error)}")
            return False
        if at_end is not None:
            self._cursor, self._at_end = (0 if at_end else FORWARD_DONE), at_end
        self._validated = (after, prepared)  # kept so redo needn't reparse
        self.undo_stack.push(SnapshotCommand(self._restore, description, self.state_dict(), after,
                                             whole=at_end is not None))
        return True

    @staticmethod
    def _prepare(data: dict) -> tuple[GraphDocument, dict[str, str]]:
        return _named(document_from_dict(data))

    def _restore(self, data: dict, whole: bool = False) -> None:
        """Adopt ``data`` (a whole new document if ``whole``): everything is computed first, then
        swapped in at once (and drawn, without a pause for Python's collector: see collection.py)."""
        with collection_paused():
            self._adopt(data, whole)

    def _adopt(self, data: dict, whole: bool) -> None:
        validated, self._validated = self._validated, None
        doc, names = validated[1] if validated is not None and validated[0] is data else self._prepare(data)
        structure = (set(doc.graph.nodes), set(doc.graph.edges()))
        if structure != (set(self.graph.nodes), set(self.graph.edges())) and self._cursor != FORWARD_DONE \
                and not self._at_end:
            self._cursor = 0  # a partial walkthrough of another graph would be meaningless
        walk, error = self._passes(doc)
        self.seed = self.seed if doc.values == self._doc.values else 0  # other values: drawn with no seed
        self._doc, self._names, self._walk, self.pass_error = doc, names, walk, error
        self.values_version += 1
        self._routes = None
        self.replacing = whole
        try:
            self.graph_changed.emit()
            self.passes_changed.emit()
        finally:
            self.replacing = False
        if whole:
            self.document_replaced.emit()

    def _passes(self, doc: GraphDocument) -> tuple[Walkthrough | None, str]:
        """Both passes of ``doc`` as a walkthrough, or None and why they cannot run."""
        try:
            doc.graph.forward(doc.values)
            doc.graph.backward()
            # Past the end is clamped to the last step: the plan is made once, by the walkthrough.
            walk = Walkthrough(doc.graph, sys.maxsize if self._at_end else self._cursor)
            if self._cursor == FORWARD_DONE and not self._at_end:
                walk.cursor = walk.forward_count
            return walk, ""
        except (GraphError, KeyError, ValueError, ArithmeticError) as error:
            return None, _reason(error)


def _named(doc: GraphDocument) -> tuple[GraphDocument, dict[str, str]]:
    return doc, graph_text.display_names(doc.graph, doc.names)


# What a document that cannot be adopted raises.
_REFUSED = (GraphError, ValueError, KeyError, TypeError)


def _reason(error: Exception) -> str:
    """The message of an error (a KeyError's str() would add quotes around it)."""
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
