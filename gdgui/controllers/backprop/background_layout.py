"""Laying out a big graph on a worker thread, with progress and cancel.

Below ``WORKER_NODES`` nodes a layout stays synchronous, so the presets, tests and expressions typed
by hand appear at once, in the same call: Graphviz's dot takes 2–10 ms for the course's formulas and
40–100 ms of CPU at 200 nodes (``benchmarks/layout_engines.py``).  At or above it the layout runs here.
The layered fallback (graphs too big for dot) is pure Python and shares the interpreter with the
window; dot, called through pygraphviz, holds Python's lock while it runs, so the window waits for it
however it is called: ``layout.DOT_MAX_WORK`` keeps that wait to about half a second.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, Signal

from gdgui.controllers.jobs import JobRunner
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_layout import GraphLayout, LayoutSizes
from gdgui.core.autodiff.layout import LayoutJob

__all__ = ["WORKER_NODES", "BackgroundLayout"]

WORKER_NODES = 300


class BackgroundLayout(QObject):
    """Runs one ``LayoutJob`` at a time through a ``JobRunner``; hands the positions to a callback.

    Signals:
        busy_changed(bool): a layout started (True) or ended: delivered, failed or cancelled (False).
        progressed(float): share done, 0 … 1.
        failed(str): the layout raised; the message says what went wrong.
    """

    busy_changed = Signal(bool)
    progressed = Signal(float)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._then = None
        self._runner = JobRunner(parent=self)
        self._runner.started.connect(lambda: self.busy_changed.emit(True))
        self._runner.progressed.connect(self.progressed)
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)
        self._runner.cancelled.connect(self._on_cancelled)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def start(self, graph: Graph, sizes: LayoutSizes, then) -> None:
        """Lay ``graph`` out (nobody may edit it meanwhile), then call ``then(layout)`` on this thread.

        A layout still running is cancelled first: its positions never arrive.
        """
        self._runner.start(LayoutJob(graph, sizes))
        self._then = then  # after start(): starting cancels the previous job, which forgets its callback

    def cancel(self) -> None:
        self._runner.cancel()

    def wait(self) -> None:
        """Run the event loop until the layout in progress, if any, has been delivered (or has failed)."""
        if not self.busy:
            return
        loop = QEventLoop()
        self.busy_changed.connect(loop.quit)
        loop.exec()
        self.busy_changed.disconnect(loop.quit)

    def _on_finished(self, laid: GraphLayout) -> None:
        then, self._then = self._then, None
        self.busy_changed.emit(False)
        if then is not None:
            then(laid)

    def _on_failed(self, message: str) -> None:
        self._then = None
        self.busy_changed.emit(False)
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._then = None
        self.busy_changed.emit(False)
