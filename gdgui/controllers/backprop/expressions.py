"""The graph controller's formulas and programs: a typed one (or the Descent tab's f) becomes the
document, laid out at once or, from ``WORKER_NODES`` nodes on, on the worker thread; the graph on
show is written back as a formula, or as the program that built it.

Mixed into ``GraphController``.
"""

from __future__ import annotations

from gdgui.controllers.backprop.background_layout import WORKER_NODES
from gdgui.controllers.backprop.collection import collection_paused
from gdgui.controllers.backprop.inputs import DESCENT_WORDS
from gdgui.core.autodiff import graph_edits
from gdgui.core.autodiff.expr import ParseError, to_text
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import GraphDocument, document_to_dict
from gdgui.core.autodiff.program import is_program, undefined_part

__all__ = ["EXPRESSION_CHARS", "ExpressionsMixin"]

EXPRESSION_CHARS = 10_000  # longer is no use in a one-line field, and a graph's formula can grow exponentially
PROGRAMS_KEPT = 50  # typed programs remembered, so undo shows a program's graph with its text


class ExpressionsMixin:
    """Formulas and programs of a ``GraphController`` (``_programs``: the shape of a graph a typed program
    built → the program)."""

    def expression_text(self) -> str:
        """The program typed, while the graph is the one it built; else the graph as a formula, or "" while
        it is incomplete or the formula would be too long to read."""
        if self._programs and (program := self._programs.get(_shape(self._doc))) is not None:
            return program
        return (to_text(self.graph, EXPRESSION_CHARS) or "") if self._walk is not None else ""

    def show_expression(self, text: str, values: dict[str, float]) -> None:
        """Show ``text`` as a laid-out graph at ``values`` (the Descent tab's point), unsolved: its forward
        values shown, the backward pass at its step 0, for the class to step through."""
        self._replace_with_expression(text, values, "show as graph", DESCENT_WORDS, solved=False)

    def set_expression(self, text: str) -> bool:
        """The graph of a typed formula. Its inputs start at its preset's values, else those the last
        graph gave the same names, else 1, and the status bar says which. Parse errors keep the graph."""
        with collection_paused():
            return self._replace_with_expression(text, {}, "type expression")

    def _replace_with_expression(self, text: str, values: dict, description: str, words: str = "given",
                                 solved: bool = True) -> bool:
        """The formula's graph at once, or, from ``WORKER_NODES`` nodes on, once a worker has laid it out."""
        try:
            start = self._start_values(text, values, words)
            doc = graph_edits.expression_document(text, start.values)
            if len(doc.graph.nodes) < WORKER_NODES:
                graph_edits.tidy(doc, self.document_sizes)
        except ParseError as error:
            self.parse_failed.emit(error.message, _position(text, error))
            self.message.emit(f"{error.where()}: {error.message}")
            return False
        except (GraphError, ValueError, TypeError) as error:
            self.message.emit(str(error))
            return False
        if len(doc.graph.nodes) >= WORKER_NODES:
            self._lay_out_on_worker(doc, "the formula",
                                    lambda: self._adopt_expression(doc, text, description, start, solved))
            return True
        return self._adopt_expression(doc, text, description, start, solved)

    def _adopt_expression(self, doc: GraphDocument, text: str, description: str, start, solved: bool) -> bool:
        self._remember(doc)
        if is_program(text):  # before the views ask for it; undo may bring its graph back
            self._programs[_shape(doc)] = text
            while len(self._programs) > PROGRAMS_KEPT:
                del self._programs[next(iter(self._programs))]
        if not self._push(description, document_to_dict(doc), at_end=solved):
            return False
        said = [f"Note, column {part.column}: {part.sentence()}."] if (part := undefined_part(text)) else []
        said += [f"Start values: {start.said()}"] if start.values else []
        if said:
            self.message.emit(" ".join(said))
        self._tell_engine()
        return True


def _shape(doc: GraphDocument) -> tuple:
    """What a program decides of a document: its nodes, wires and names (not positions, not values)."""
    nodes = frozenset((n.id, n.kind, n.op, n.name, n.value, tuple(n.args), n.exponent)
                      for n in doc.graph.nodes.values())
    return nodes, tuple(sorted(doc.names.items())), doc.graph.output_id


def _position(text: str, error: ParseError) -> int:
    """The 1-based position in ``text`` of ``error``'s line and column (its column on a single line)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    before = sum(len(line) + 1 for line in lines[:(error.line or 1) - 1])
    return before + (error.column or 1)
