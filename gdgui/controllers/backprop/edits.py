"""The graph editor's edits, one method each: add, wire, move, rename, constants, tidy, σ rewrites.

(Input values change through ``inputs.py``'s fast path.)

Mixed into ``GraphController``, whose ``edit(description, change)`` runs each change on a copy
of the document and pushes it as one undo step; kept apart so each file stays one subject.
"""

from __future__ import annotations

from gdgui.controllers.backprop.background_layout import WORKER_NODES
from gdgui.core.autodiff import graph_edits, rewrite


class EditsMixin:
    """Every edit a user makes to a ``GraphController``'s graph, each through ``self.edit``."""

    def add_input(self, pos, name: str | None = None) -> bool:
        return self.edit("add input", lambda d: graph_edits.add_input(d, pos, name))

    def add_const(self, pos, value: float = 1.0) -> bool:
        return self.edit("add constant", lambda d: d.graph.add_const(value, pos=pos))

    def add_op(self, op: str, pos) -> bool:
        return self.edit(f"add {op}", lambda d: d.graph.add_op(op, pos=pos))

    def wire(self, src: str, dst: str, slot: int) -> bool:
        return self.edit("connect", lambda d: d.graph.connect(src, dst, slot))

    def unwire(self, dst: str, slot: int) -> bool:
        return self.edit("disconnect", lambda d: d.graph.disconnect(dst, slot))

    def remove_nodes(self, node_ids) -> bool:
        ids = list(node_ids)
        return bool(ids) and self.edit("delete", lambda d: graph_edits.remove_nodes(d, ids))

    def remove_selection(self, node_ids, wires) -> bool:
        """Delete nodes and wires, given as (gate id, argument slot), together: one undo step."""
        ids, slots = list(node_ids), list(wires)

        def remove(doc):
            for dst, slot in slots:
                if dst in doc.graph.nodes and dst not in ids:
                    doc.graph.disconnect(dst, slot)
            graph_edits.remove_nodes(doc, ids)
        return bool(ids or slots) and self.edit("delete", remove)

    def clear_graph(self) -> bool:
        """Every node gone, as one undo step (Undo brings the whole graph back)."""
        if not self.graph.nodes:
            self.message.emit("The graph is already empty")
            return False
        if not self.edit("clear graph", lambda d: graph_edits.remove_nodes(d, list(d.graph.nodes))):
            return False
        self.message.emit("Graph cleared: Undo (Ctrl+Z) brings it back")
        return True

    def move_nodes(self, positions: dict[str, tuple[float, float]]) -> bool:
        def move(doc):
            for node_id, (x, y) in positions.items():
                doc.graph.nodes[node_id].pos = (float(x), float(y))
        return self.edit("move", move)

    def rename_input(self, node_id: str, name: str) -> bool:
        return self.edit("rename input", lambda d: graph_edits.rename_input(d, node_id, name))

    def set_const_value(self, node_id: str, text) -> bool:
        return self.edit("change constant", lambda d: graph_edits.set_const_value(d, node_id, text))

    def tidy_layout(self) -> bool:
        if len(self.graph.nodes) < WORKER_NODES:
            return self.edit("tidy layout", lambda d: graph_edits.tidy(d, self.document_sizes))
        copy = graph_edits.copy_document(self._doc).graph
        self.layouts.start(copy, self.sizes_of(copy),
                           lambda laid: self.edit("tidy layout", lambda d: graph_edits.place(d, laid)))
        return True

    def expand_sigmoid(self, node_id: str) -> bool:
        return self.edit("expand σ", lambda d: (rewrite.expand_sigmoid(d.graph, node_id),
                                                graph_edits.tidy(d, self.document_sizes)))

    def collapse_sigmoid(self, node_id: str) -> bool:
        return self.edit("collapse σ", lambda d: (rewrite.collapse_sigmoid(d.graph, node_id),
                                                  graph_edits.tidy(d, self.document_sizes)))

    def sigmoid_chain_of(self, node_id: str):
        return rewrite.sigmoid_chain_of(self.graph, node_id)
