"""How long one beat of playback may step, so that stepping and drawing fit in a 60 Hz frame; and
the pace the run keeps when that is less than the speed box asks for.

Playback takes as many steps as the speed asks for in the time since the last beat (``playback``).
When a step is dear (10,000 particles take ~0.3–0.5 ms a step) and the speed high, the batch alone
outgrows a frame: the next beat comes later, asks for a bigger batch, and the frame rate collapses
(58 ms a frame) while the step count keeps up. So a beat steps only until a deadline, and a step goes
only if it ends by then (a step of 10,000 particles is ~7 % of a frame).

At first a batch may step KEEPING_S however long the drawing (a frame of ~55 fps): on a slow computer
that keeps a 1,000 swarm at 1,000 steps/s. When even that leaves the run far behind the speed, batch
after batch (SMOOTH_AFTER_CUTS, FAR_BEHIND: a 10,000 swarm, ~40 % of it), it plays slower either way,
and a smooth picture comes first (issue 15: 16.7 ms a frame at 10,000 particles): until playback
stops, a batch steps FRAME_S less what the drawing after the last batch took, at least
LEAST_STEPPING_S (and one step). A 10,000 swarm whose drawing takes 13 ms then keeps a step or two a
frame (~80–200 steps/s) at 60 frames a second, rather than ~450 steps/s at 50, and says so.

The steps' summaries, taken after the batch (a swarm's medians: a third of a step's cost at 10,000
particles), are the steps' work too: a batch leaves them room before its deadline, as much a step as
they took after the last batch. Where the drawing alone overruns the frame (a slow or busy computer),
60 frames a second are out of reach whatever the steps do: the steps then keep KEEPING_SHARE of the
frame, and once that is seen not to keep the speed, OVERRUN_SHARE of the overrun, so that a dear run
still moves (a drawing of 45 ms: 10 ms of steps). The run plays slower than the speed box says, and
``pace`` says how fast it does play, for the app to show.

The drawing is not timed directly: Qt paints in its event loop after a beat. The time from the end of
a beat's steps and their summaries to the next beat is the drawing (with building the frame and the
views' updates) plus any wait for the timer. A late beat (past its interval) waited for nothing: that
time is the drawing. A beat on time only bounds it from above, so the estimate then shrinks a little
(DECAY) — it may have got cheaper — until a late beat measures it again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from gdgui.core.numbers import count

__all__ = ["Pacer", "FRAME_S", "LATE_S", "pace_text"]

FRAME_S = 0.015           # a beat's steps and drawing aim at this: a 60 Hz frame (16.7 ms) less the loop's jitter
KEEPING_S = 0.005         # to keep the speed, a beat may step this long after the drawing (a frame of ~55 fps) ...
KEEPING_SHARE = 0.25      # ... or this share of a frame the drawing alone makes longer than FRAME_S
LEAST_STEPPING_S = 0.001  # a run that cannot keep the speed even so steps this long (and at least one step) ...
OVERRUN_SHARE = 1 / 3     # ... or this share of the time the drawing alone takes past FRAME_S
LATE_S = 0.0005           # a beat later than its timer interval by more than this waited for nothing before it
DECAY = 0.98              # on time, the drawing's estimate shrinks by this factor: has it got cheaper?
PACE_WINDOW_S = 1.0       # the pace is the steps a second over the last second's beats
PACE_EVERY_S = 0.25       # a pace shown changes at most this often (it is read, not watched)
SMOOTH_AFTER_CUTS = 6     # this many batches in a row cut short by their deadline (~0.1 s) ...
FAR_BEHIND = 0.75         # ... and the pace under this share of the speed: the longer frames cannot keep it
KEEPING_UP = 0.95         # a pace this close to the speed is the speed (issue 15's ± 5 %)


class Pacer:
    """The deadline of each beat's batch and the pace the run keeps; times in ``clock``'s seconds."""

    def __init__(self, clock: Callable[[], float]):
        self._clock = clock
        self._drawing = 0.0          # seconds the drawing after a batch is expected to take
        self._began = self._until = 0.0  # the running batch's start and deadline
        self._stepped_at: float | None = None  # the clock at the end of the last batch's steps (and summaries)
        self._summing = 0.0          # seconds a step's summaries take after its batch (RunRecord.sync), per step
        self._smooth = False         # a longer frame did not keep the speed: the frame comes first
        self._cuts = 0               # batches in a row cut short by their deadline
        self._done = 0               # steps the running batch has taken
        self._cut = False            # the running batch met its deadline
        self._beats: deque = deque()  # (end of the batch, steps done, cut short) of the last second
        self._shown_at = float("-inf")
        self._behind_since: float | None = None  # the end of the first batch of those behind the speed since
        self.owed = 0.0              # steps the last batch's deadline cut off that the next beat adds
        self.pace: float | None = None  # steps a second while batches are cut short; None while keeping up

    def restart(self) -> None:
        """Playback starts (or pauses): the beats measured before say nothing of what comes."""
        self._stepped_at = self._behind_since = None
        self._smooth, self._cuts = False, 0
        self._beats.clear()

    def begin(self, now: float, late: bool) -> Callable[[], bool]:
        """A beat at ``now`` (``late``: after its interval) starts a batch: the batch's ``more``, which
        the run asks after each step, is False once another step would end past the deadline."""
        if self._stepped_at is not None:
            since = now - self._stepped_at
            self._drawing = since if late else min(self._drawing * DECAY, since)
        self._began, self._until = now, now + self._stepping()
        self._cut, self.owed, self._done = False, 0.0, 0
        return self._more

    def _stepping(self) -> float:
        """Seconds the batch may step: enough to keep the speed with a frame a little longer, until
        that has been seen not to keep it; then what keeps the frame smooth."""
        drawing = self._drawing
        if self._smooth:
            return max(LEAST_STEPPING_S, FRAME_S - drawing, OVERRUN_SHARE * (drawing - FRAME_S))
        return max(KEEPING_S, FRAME_S - drawing, KEEPING_SHARE / (1 - KEEPING_SHARE) * drawing)

    def _more(self) -> bool:
        self._stepped_at = self._clock()
        self._done += 1
        # Another step goes only if it ends, with the summaries of every step, by the deadline: a step of
        # 10,000 particles is ~7 % of a frame, and one taken past the deadline makes that frame late.
        step = (self._stepped_at - self._began) / self._done
        self._cut = self._stepped_at + step + self._summing * (self._done + 1) > self._until
        return not self._cut

    def end(self, asked: int, done: int, speed: float) -> bool:
        """The batch took ``done`` of the ``asked`` steps of a run played at ``speed`` steps a second;
        True when the pace to show has changed. Steps its deadline cut off are ``owed`` up to a frame's
        worth: a slow step now and then is made up for by the next beat, but when the steps are too dear
        for every frame the debt does not grow, and the run plays slower."""
        if self._stepped_at is None:
            return False
        summed_at = self._clock()
        self._summing = (summed_at - self._stepped_at) / max(1, done)
        self._stepped_at = summed_at
        self.owed = min(asked - done, speed * FRAME_S) if self._cut else 0.0
        self._cuts = self._cuts + 1 if self._cut else 0
        self._beats.append((self._stepped_at, done, self._cut))
        while self._beats[0][0] < self._stepped_at - PACE_WINDOW_S:
            self._beats.popleft()
        pace = self._measured()
        if pace is None or pace >= KEEPING_UP * speed:
            self._behind_since = None
            return self._show(None)
        # Far behind, batch after batch: the run plays slower either way. A moment behind (one slow step, a
        # busy computer for a few frames) is made up, and stays with the longer frames.
        self._smooth = self._smooth or (self._cuts >= SMOOTH_AFTER_CUTS and pace < FAR_BEHIND * speed)
        if self._behind_since is None:
            self._behind_since = self._stepped_at
        if self._stepped_at - self._behind_since < PACE_EVERY_S:
            return False
        return self._show(pace)

    def stop(self) -> bool:
        """Playback paused: no pace to show (True when one was shown)."""
        self.restart()
        return self._show(None, at_once=True)

    def _measured(self) -> float | None:
        """Steps a second over the window when a batch in it was cut short, else None."""
        if not any(cut for _, _, cut in self._beats) or len(self._beats) < 2:
            return None
        span = self._beats[-1][0] - self._beats[0][0]
        return sum(done for _, done, _ in list(self._beats)[1:]) / span if span > 0 else None

    def _show(self, pace: float | None, at_once: bool = False) -> bool:
        now = self._stepped_at if self._stepped_at is not None else self._clock()
        changed = (pace is None) != (self.pace is None)
        if not changed and (pace == self.pace or (not at_once and now - self._shown_at < PACE_EVERY_S)):
            return False
        self.pace, self._shown_at = pace, now
        return True


def pace_text(pace: float) -> str:
    """A pace as shown: in tens of steps a second (it is measured over a second and moves a little)."""
    return f"≈ {count(round(pace, -1))} steps/s"
