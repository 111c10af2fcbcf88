"""Long computations (basin maps, sweeps, exports, big graph layouts) on a worker thread, with progress and cancel.

A job is any object with ``chunks()`` (an iterator of progress fractions) and ``result()``,
such as :class:`gdgui.core.descent.chunked.BasinJob` or
:class:`gdgui.core.autodiff.layout.LayoutJob`. The worker checks the cancel flag between chunks
and reports through a small QObject whose signals reach the GUI thread queued.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

__all__ = ["JobRunner"]


class _Carrier(QObject):
    """Signals from the worker thread; each carries the job's id so stale results are dropped."""

    progressed = Signal(int, float)
    finished = Signal(int, object)
    failed = Signal(int, str)


class _Task(QRunnable):
    def __init__(self, job_id: int, job, carrier: _Carrier, cancel: threading.Event):
        super().__init__()
        self._id, self._job, self._carrier, self._cancel = job_id, job, carrier, cancel

    def run(self) -> None:
        try:
            for fraction in self._job.chunks():
                if self._cancel.is_set():
                    return
                self._tell(self._carrier.progressed, float(fraction))
            if not self._cancel.is_set():
                self._tell(self._carrier.finished, self._job.result())
        except Exception as error:  # noqa: BLE001 — a worker must never raise into Qt
            self._tell(self._carrier.failed, f"{type(error).__name__}: {error}")

    def _tell(self, signal, value) -> None:
        try:
            signal.emit(self._id, value)
        except RuntimeError:  # the carrier is gone (the app is closing): nobody is listening
            self._cancel.set()


class JobRunner(QObject):
    """Runs one job at a time off the GUI thread; starting a new one cancels the old one.

    Signals:
        started(): a job began.
        progressed(float): share done, 0 … 1.
        finished(object): the job's result (only for the latest job).
        failed(str): the job raised; the message says what went wrong.
        cancelled(): the running job was cancelled.
    """

    started = Signal()
    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._carrier = _Carrier()  # no parent: a finishing worker may still hold it
        self._carrier.progressed.connect(self._on_progressed)
        self._carrier.finished.connect(self._on_finished)
        self._carrier.failed.connect(self._on_failed)
        self._job_id = 0
        self._cancel: threading.Event | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def start(self, job) -> None:
        """Cancel any running job, then run ``job`` on the thread pool."""
        self.cancel()
        self._job_id += 1
        self._cancel = threading.Event()
        self.started.emit()
        self._pool.start(_Task(self._job_id, job, self._carrier, self._cancel))

    def cancel(self) -> None:
        """Stop the running job after its current chunk; its result is never delivered."""
        if self._cancel is None:
            return
        self._cancel.set()
        self._cancel = None
        self._job_id += 1  # anything still in flight is now stale
        self.cancelled.emit()

    def _current(self, job_id: int) -> bool:
        return self._cancel is not None and job_id == self._job_id

    def _on_progressed(self, job_id: int, fraction: float) -> None:
        if self._current(job_id):
            self.progressed.emit(fraction)

    def _on_finished(self, job_id: int, result) -> None:
        if self._current(job_id):
            self._cancel = None
            self.finished.emit(result)

    def _on_failed(self, job_id: int, message: str) -> None:
        if self._current(job_id):
            self._cancel = None
            self.failed.emit(message)
