"""The Descent controller's timeline: one step, a step back, seeking, reset, and playback by a timer.

A mixin of :class:`DescentController`, which provides ``_record``, ``_view_step``, ``_settings``,
``_timer``, ``_clock``, ``_beat``, ``_debt``, ``_frame``, ``history``, ``practice``, ``_emit_frame``,
``_focus_index``, ``_rebuild_run``, ``_pacer`` and the signals used here.
"""

from __future__ import annotations

from collections.abc import Callable

from gdgui.controllers.descent.pacing import LATE_S, pace_text
from gdgui.core.numbers import count as whole_count

__all__ = ["Playback", "FRAME_MS", "CATCH_UP_S"]

FRAME_MS = 16  # drawing never runs faster than ~60 frames per second, however fast it steps
CATCH_UP_S = 0.1  # a beat later than this (a stall, a very slow frame) makes at most this long a batch


class Playback:
    """Steps, seeking and the timer's beats; a batch of steps per beat when the speed asks for more."""

    def step(self, count: int = 1, more: Callable[[], bool] | None = None) -> None:
        """Advance ``count`` iterations (replaying recorded ones first when scrubbed back); ``more``:
        asked after each new step, False ends the batch (a beat's deadline, ``pacing``)."""
        self.history.seal()  # a setting changed after the run moved on is an undo step of its own
        if self._view_step < self._record.latest:
            self._view_step = min(self._view_step + count, self._record.latest)
        elif self._record.run.finished:
            self.pause()
            self.message.emit("Every particle has stopped: press R to reset or change the settings.")
            return
        else:
            done = self._record.advance(count, more)
            self._view_step = self._record.latest
            kept = self._pacer.pace is None
            if more is not None and self._pacer.end(count, done, self._settings.speed):
                self._announce_pace(kept)
        self._emit_frame()
        if self._record.run.finished and self._view_step == self._record.latest:
            self.pause()
            self._announce_end()

    def _announce_pace(self, was_kept: bool) -> None:
        pace = self._pacer.pace
        if pace is not None and was_kept:  # said once as it starts, then the sidebar's "playing at" row
            asked = whole_count(self._settings.speed)
            self.message.emit(f"Playing at {pace_text(pace)}, not the {asked} asked: more steps would leave "
                              "too little of each 1/60 s to draw them smoothly")
        self.pace_changed.emit(pace)

    def _announce_end(self) -> None:
        line = self._frame.status[0 if self._settings.swarm else self._focus_index()]
        self.message.emit(f"{line.label}: {line.text}")

    def step_back(self) -> None:
        """One recorded step back (playback pauses)."""
        self.seek(self._view_step - 1)

    def seek(self, step: int) -> None:
        """Show recorded step ``step`` (clamped to what has been recorded); playback pauses."""
        self.pause()
        step = max(0, min(int(step), self._record.latest))
        if step != self._view_step:
            self._view_step = step
            self._emit_frame()

    def reset(self) -> None:
        """Back to step 0 with fresh optimizer state (the settings stay)."""
        self._rebuild_run()
        self.message.emit("Reset to step 0")

    def play(self) -> None:
        if self.playing:
            return
        if self._record.run.finished and self._view_step == self._record.latest:
            self.message.emit("Every particle has stopped: press R to reset or change the settings.")
            return
        if not self.practice.allows_play():
            return
        self._debt = 0.0
        self._beat = self._clock()
        self._pacer.restart()
        self._plan_timer()
        self._timer.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        self._beat = None
        if self._pacer.stop():
            self.pace_changed.emit(None)
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def tick(self) -> None:
        """One timer beat: as many steps as the speed asks for in the time since the last beat (one
        timer interval when not playing). A frame slower than the interval gets a bigger batch, so the
        run advances what the speed box says, however long drawing takes — unless the steps themselves
        leave no time to draw: a batch ends at the beat's deadline (``pacing``), and ``pace_changed``
        tells how fast the run then plays."""
        now = self._clock()
        interval = self._timer.interval() / 1000
        elapsed = interval if self._beat is None else now - self._beat
        self._beat = None if self._beat is None else now
        self._debt += self._settings.speed * min(elapsed, CATCH_UP_S)
        count = int(self._debt + 1e-9)  # 19.999999… steps from a clock's rounding are 20
        self._debt -= count
        if count:
            self.step(count, self._pacer.begin(now, late=elapsed > interval + LATE_S))
            self._debt += self._pacer.owed

    def _plan_timer(self) -> None:
        self._timer.setInterval(max(FRAME_MS, round(1000 / self._settings.speed)))
