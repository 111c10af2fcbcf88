"""The longest time the GUI thread could not answer: the longest gap between ticks of a 5-ms timer."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer

TICK_MS = 5


class StallWatch:
    """A 5-ms timer on the GUI thread; the longest gap between its ticks is the longest stall."""

    def __init__(self):
        self.clock, self.last, self.longest = QElapsedTimer(), 0, 0
        self.timer = QTimer(interval=TICK_MS, timeout=self._tick)

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last, self.longest = 0, 0
        self.timer.start()

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.longest
