"""Long scene work in slices on the GUI thread, so the window answers between them.

Scene items can only be made on the GUI thread, and making 25,000 of them for a 5,000-node
graph takes seconds.  The work is written as a generator that yields after each unit (one
node, one wire, one label), yielding the share done so far; a zero-interval ``QTimer`` runs
at most ``units`` of them, and no more than ``budget_ms`` of them, per turn of the event loop.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

__all__ = ["SLICE_MS", "SLICE_UNITS", "Slices", "drain"]

SLICE_UNITS = 400  # a node with its caption and badge, or a wire with its two labels, is one unit
SLICE_MS = 20      # and a slice ends early once it took this long: the window repaints in between


def drain(work: Iterator[float]) -> None:
    """Do all of ``work`` now."""
    for _ in work:
        pass


class Slices(QObject):
    """Runs one piece of work at a time, a slice per event-loop turn.

    Signals:
        busy_changed(bool): work started (True) or ended: done or cancelled (False).
        progressed(float): share done, 0 … 1.
        sliced(int): a slice ended after this many units (tests check that slices stay bounded).
    """

    busy_changed = Signal(bool)
    progressed = Signal(float)
    sliced = Signal(int)

    def __init__(self, parent: QObject | None = None, units: int = SLICE_UNITS, budget_ms: int = SLICE_MS):
        super().__init__(parent)
        self.units, self.budget_ms = units, budget_ms
        self._work: Iterator[float] | None = None
        self._timer = QTimer(self, interval=0, singleShot=False)
        self._timer.timeout.connect(self._slice)

    @property
    def busy(self) -> bool:
        return self._work is not None

    def run(self, work: Iterator[float]) -> None:
        """Start ``work`` in slices, dropping any work still in progress."""
        was_busy, self._work = self.busy, work
        self._timer.start()
        if not was_busy:
            self.busy_changed.emit(True)

    def cancel(self) -> None:
        """Drop the work in progress (what it did so far stays done)."""
        if self.busy:
            self._stop()

    def finish(self) -> None:
        """Do the rest of the work in progress now (for a caller that needs it complete)."""
        if self.busy:
            work = self._work
            drain(work)
            if self._work is work:
                self._stop()

    def _slice(self) -> None:
        work, clock, done, share = self._work, QElapsedTimer(), 0, None
        clock.start()
        try:
            while done < self.units and (done == 0 or clock.elapsed() < self.budget_ms):
                share = next(work)
                done += 1
        except StopIteration:
            if self._work is work:
                self._stop()
            self.sliced.emit(done)
            return
        self.sliced.emit(done)
        if self._work is work and share is not None:
            self.progressed.emit(share)

    def _stop(self) -> None:
        self._timer.stop()
        self._work = None
        self.busy_changed.emit(False)
