"""Laying out a big graph on a worker thread, so the window stays responsive and shows progress.

The layout is linear in the graph's size but still costs 0.1–0.3 s per 5,000 nodes of
pure Python; below ``WORKER_NODES`` nodes it takes about 10 ms or less (9 ms for 300, 17 ms for 500,
measured by ``benchmarks/large_graph.py``), less than a frame, and stays synchronous so the
presets, tests and expressions typed by hand appear at once, in the same call.
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
