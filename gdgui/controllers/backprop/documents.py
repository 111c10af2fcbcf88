"""The graph controller's files: opening a graph file or a preset, and saving the document.

Mixed into ``GraphController``: a file that needs a layout and has ``WORKER_NODES`` nodes or more
is laid out on the worker (``_lay_out_on_worker``), a smaller one at once; a refused file changes
nothing and says why in ``message``.
"""

from __future__ import annotations

from pathlib import Path

from gdgui.controllers.backprop.background_layout import WORKER_NODES
from gdgui.controllers.backprop.collection import collection_paused
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import GraphDocument
from gdgui.core.files.graph_files import (
    GRAPH_FILE,
    MISSING,
    PRESET,
    PROGRAM_FILE,
    graph_argument,
    load_document,
    save_document,
)
from gdgui.resources import resource_path


def needs_layout(doc: GraphDocument) -> bool:
    """Some node has no position yet (a preset, a file written by hand)."""
    return any(node.pos is None for node in doc.graph.nodes.values())


class DocumentsMixin:
    """Files in and out of a ``GraphController``."""

    def open_file(self, path) -> bool:
        with collection_paused():  # tens of thousands of objects made, none freed: see collection.py
            return self._open_file(path)

    def _open_file(self, path) -> bool:
        try:
            doc = load_document(path)
        except GraphError as error:
            self.message.emit(f"Not opened: {error}")
            return False
        title = doc.title or path
        if needs_layout(doc) and len(doc.graph.nodes) >= WORKER_NODES:
            self._lay_out_on_worker(doc, title, lambda: self._opened(doc, title))
        else:
            self._opened(self._with_positions(doc), title)
        return True

    def _opened(self, doc: GraphDocument, title) -> None:
        self._push_document("open graph", doc)
        self.message.emit(f"Opened {title}")
        self._tell_engine()

    def presets(self) -> list[tuple[str, str]]:
        """(title, file name) of every graph shipped in resources/graphs."""
        files = sorted(resource_path("graphs").glob("*.json"))
        return [(load_document(path).title or path.stem, path.name) for path in files]

    def load_preset(self, file_name: str) -> bool:
        return self.open_file(resource_path("graphs", file_name))

    def open_graph_argument(self, text: str) -> bool:
        """A command-line ``--graph``: a file path, a preset's file name (``.json`` optional), a program file
        (``.py``, ``.txt``: its text typed into the formula box) or a formula or program itself."""
        kind, named = graph_argument(text)
        if kind == PROGRAM_FILE:
            return self.set_expression(Path(named).read_text(encoding="utf-8-sig"))
        if kind == GRAPH_FILE:
            return self.open_file(named)
        if kind == PRESET:
            return self.load_preset(named)
        if kind == MISSING:
            self.message.emit(f"No graph file or preset called {text!r}")
            return False
        return self.set_expression(named)

    def save_file(self, path) -> bool:
        try:
            save_document(self._doc, path)
        except (OSError, GraphError) as error:
            self.message.emit(f"Not saved: {error}")
            return False
        self.message.emit(f"Saved {path}")
        return True
