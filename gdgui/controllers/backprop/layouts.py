"""The graph controller's layouts: how big things are drawn, and the routes of the layouts it made.

Mixed into ``GraphController``: sizes for the layout engine measured by ``metrics.py`` at the
laptop theme, the layouts remembered (``LayoutMemory``) so the scene can draw wires along
their routes, one status-bar line when layouts fall back to straight wires, and a big graph laid
out on the worker thread (``background_layout.py``).
"""

from __future__ import annotations

from gdgui.controllers.backprop.documents import needs_layout
from gdgui.controllers.backprop.layout_memory import LayoutMemory
from gdgui.controllers.backprop.metrics import layout_sizes, style_for
from gdgui.core.autodiff import graph_edits, graph_text, layout
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_document import GraphDocument
from gdgui.core.autodiff.graph_layout import LayoutSizes


class LayoutsMixin:
    """Sizes, remembered layouts and routes of a ``GraphController``."""

    def _init_layouts(self, laptop) -> None:
        """``laptop``: the laptop theme's sizes, or None to estimate sizes (no window to draw in)."""
        self._laptop_style = style_for(laptop, laptop) if laptop is not None else None
        self._memory, self._routes = LayoutMemory(), None
        self._engine_problem, self._engine_told = None, set()

    def sizes_of(self, graph: Graph, given_names: dict[str, str] | None = None) -> LayoutSizes:
        """How big the scene draws every node and wire label of ``graph``, in model units
        (``given_names``: the names its document gives gates; the document on show's by default)."""
        if self._laptop_style is None:
            return LayoutSizes.estimate(graph)
        given = self._doc.names if given_names is None else given_names
        names = graph_text.display_names(graph, {n: name for n, name in given.items() if n in graph.nodes})
        return layout_sizes(graph, names, self.digits, self._laptop_style)

    def document_sizes(self, doc: GraphDocument) -> LayoutSizes:
        """``sizes_of`` ``doc``'s graph with the names ``doc`` gives its gates (what ``graph_edits.tidy`` asks)."""
        return self.sizes_of(doc.graph, doc.names)

    def routes(self) -> dict:
        """Edge (or ``OUTPUT``) → (route, label spot) in model units, for each wire of the graph on
        show whose two nodes sit where a remembered layout put them; the others are drawn straight."""
        if self._routes is None:
            self._routes = self._memory.routes(self.graph)
        return self._routes

    def _remember(self, doc: GraphDocument) -> None:
        """Keep the layout ``doc`` was just given, if any (its plain data, which undo keeps, has none)."""
        if doc.layout is not None:
            self._memory.remember(doc.layout, doc.graph)
            if doc.layout.engine == "layered":
                self._engine_problem = getattr(doc.layout, "problem", None) or getattr(layout, "ENGINE_PROBLEM", None)

    def _tell_engine(self) -> None:
        """After what the action itself said, once per reason: the layout fell back to straight wires,
        and why (the layout's ``problem``, or ``layout.ENGINE_PROBLEM``; a fallback for no stated
        problem goes unsaid)."""
        problem, self._engine_problem = self._engine_problem, None
        if problem and problem not in self._engine_told:
            self._engine_told.add(problem)
            self.message.emit(problem)

    def _lay_out_on_worker(self, doc: GraphDocument, what, then) -> None:
        """Lay ``doc`` out on the worker thread; once it arrives, place it and call ``then()``."""
        self.layouts.start(doc.graph, self.document_sizes(doc), lambda laid: (graph_edits.place(doc, laid), then()))
        self.message.emit(f"Laying out {what} ({len(doc.graph.nodes)} nodes)…")

    def cancel_layout(self) -> None:
        """Stop a layout in progress: the graph being opened is not opened, Tidy changes nothing."""
        if self.layouts.busy:
            self.layouts.cancel()
            self.message.emit("Layout cancelled")

    def _with_positions(self, doc: GraphDocument) -> GraphDocument:
        if needs_layout(doc):
            graph_edits.tidy(doc, self.document_sizes)
        return doc
