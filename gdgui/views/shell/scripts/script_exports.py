"""File ▸ Export ▸ Graph as Python (PyTorch, micrograd-style, plain program) and Run as NumPy script.

The scripts are written by ``core/codegen`` from what the tabs hold (the Backprop tab's graph, its
input values and the names it shows; the Descent tab's run as far as it went), atomically.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from gdgui.core.autodiff.expr import to_text
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.codegen.descent_script import descent_script
from gdgui.core.codegen.scripts import GRAPH_SCRIPTS
from gdgui.core.files.atomic_files import atomic_text_stream
from gdgui.views.widgets.file_dialogs import ask_save_path

__all__ = ["ScriptExports", "GRAPH_SCRIPT_ACTIONS"]

PYTHON_FILTER = "Python script (*.py)"
# format → (menu text, file name)
GRAPH_SCRIPT_ACTIONS = {"pytorch": ("PyTorch script…", "graph_pytorch"),
                        "micrograd": ("micrograd-style script…", "graph_micrograd"),
                        "program": ("Plain program…", "graph_program")}


class ScriptExports(QObject):
    """Adds the Python exports to ``window.export_menu`` and writes them, saying so in the status bar."""

    def __init__(self, window, graph_controller, descent_controller, preferences, parent: QObject | None = None):
        super().__init__(parent or window)
        self._window, self._graph, self._descent, self._prefs = window, graph_controller, descent_controller, preferences
        menu = window.export_menu
        menu.addSeparator()
        self.run_action = menu.addAction("Run as NumPy script…", self.export_run)
        self.graph_menu = menu.addMenu("Graph as Python")
        self.graph_actions = {fmt: self.graph_menu.addAction(text, lambda f=fmt: self.export_graph(f))
                              for fmt, (text, _) in GRAPH_SCRIPT_ACTIONS.items()}

    def export_graph(self, fmt: str) -> None:
        """The Backprop tab's graph at its input values, named as the tab names it; ``fmt`` a key of
        ``GRAPH_SCRIPTS``."""
        graph, doc = self._graph.graph, self._graph.document
        try:
            text = GRAPH_SCRIPTS[fmt](graph, doc.values, self._graph.names(), title=f"f = {to_text(graph)}")
        except GraphError as error:
            self._tell(f"The graph cannot be written as code yet: {error}")
            return
        self._save(text, "Export the graph as Python", GRAPH_SCRIPT_ACTIONS[fmt][1])

    def export_run(self) -> None:
        """The Descent tab's run as far as it went: every particle for the steps it took."""
        self._descent.pause()
        try:
            text = descent_script(self._descent.record.run)
        except ValueError as error:
            self._tell(f"The run cannot be written as a script: {error}")
            return
        self._save(text, "Export the run as a NumPy script", "descent_run")

    def _save(self, text: str, title: str, name: str) -> None:
        path = ask_save_path(self._window, title, self._prefs, name + ".py", PYTHON_FILTER, ".py")
        if not path:
            return
        try:
            with atomic_text_stream(path) as stream:
                stream.write(text)
        except OSError as error:
            self._tell(f"Could not write {path}: {error.strerror or error}")
            return
        self._tell(f"Exported {path}")

    def _tell(self, message: str) -> None:
        self._window.show_message(message)
