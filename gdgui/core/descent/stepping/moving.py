"""One step of a run's particles (``runs.Run`` takes it in, with the checks after it in ``stopping``):
the optimizers' update of the particles that move, one f and ∇f for their new points, and the new
numbers kept where they are finite.

While every particle moves there are no masks and no copies; in a recorded run the new x and ∇f are
written over the old ones, which the last row recorded holds for a particle whose new numbers are not
finite. Particles picked by index move as 16-byte rows (``pairs``).
"""

from __future__ import annotations

import numpy as np

from gdgui.core.descent.stepping.pairs import put_rows, take_rows
from gdgui.core.descent.stepping.stopping import all_finite, extent, indices

__all__ = ["Moves"]


class Moves:
    """How ``Run`` steps; it reads and writes the run's own arrays."""

    def _advance(self, rows, live: np.ndarray) -> None:
        """One step of the particles ``rows`` (a slice when all are live: no copies, no masks). When
        every particle moves in a recorded run, x and ∇f are written over the old ones, which the last
        row recorded holds: a particle whose new numbers are not finite takes them back from there."""
        in_place = isinstance(rows, slice) and self._tiles is not None and self._trajectory is not None
        x = self._propose(live, rows, in_place)
        f, g = self.objective.value_and_grad(x, errstate=False, out=self._g if in_place else None)
        self._track_fall(rows, f)
        x_extent = extent(x)
        if not all_finite(x, f, g, x_extent):
            finite = self._finite(x, f, g)
            if in_place:
                self._take_back(~finite)
            rows, x_extent = indices(rows, self.n_particles), None
            self._mark_non_finite(rows, finite)
            rows, x, f, g = rows[finite], x[finite], f[finite], g[finite]
        if x is not self._x:
            put_rows(self._x, rows, x)
            put_rows(self._g, rows, g)
        self._f[rows] = f
        if isinstance(rows, slice):
            self._steps += self._ones
        else:
            self._steps[rows] += 1
        self.t += 1
        self._finish_step(rows, x_extent)

    def _take_back(self, particles: np.ndarray) -> None:
        """x and ∇f of ``particles`` (a mask) as the last row recorded holds them."""
        last = self._trajectory.rows()[-1]
        self._x[particles], self._g[particles] = last[particles, :2], last[particles, 3:]

    def _tiling(self, n: int) -> list | None:
        """(group, its rows of x, of ∇f) when the groups' rows follow each other from 0 to n (one
        optimizer per rule, or one rule): views that stay valid, as the state is updated in place."""
        blocks = [group.rows for group in self._groups]
        if not all(isinstance(block, slice) for block in blocks):
            return None
        if [block.start for block in blocks] != [0] + [block.stop for block in blocks[:-1]] or blocks[-1].stop != n:
            return None
        return [(group, self._x[group.rows], self._g[group.rows]) for group in self._groups]

    def _propose_floats(self, in_place: bool) -> np.ndarray:
        """A race's new positions, every particle its own rule's group of one, each stepped on Python
        floats (``RuleGroup.step_floats``): one read of x and ∇f, one write (into x, ``in_place``)."""
        xs, gs = self._x.tolist(), self._g.tolist()
        for k, (group, x, g) in enumerate(self._tiles):
            new = group.step_floats(xs[k], gs[k])
            xs[k] = new if new is not None else group.step(x, g, None)[0]
        if not in_place:
            return np.array(xs)
        self._x[...] = xs
        return self._x

    def _propose(self, live: np.ndarray, rows, in_place: bool = False) -> np.ndarray:
        """New positions of the live particles: one update per rule (optimizer class), all of the
        rule's particles at once, as each optimizer alone would move them (``in_place``: into x,
        when every particle moves and the groups tile it)."""
        everyone = isinstance(rows, slice)
        if everyone and self._tiles is not None:
            if self._race:
                return self._propose_floats(in_place)
            if in_place:
                for group, x, g in self._tiles:
                    group.step(x, g, None, out=x)
                return self._x
            if len(self._tiles) == 1:
                return self._tiles[0][0].step(self._x, self._g, None)
            return np.concatenate([group.step(x, g, None) for group, x, g in self._tiles])
        if len(self._groups) == 1 and isinstance(self._groups[0].rows, slice):
            return take_rows(self._groups[0].step(self._x, self._g, None if everyone else live), rows)
        proposed = self._x.copy()
        for group in self._groups:
            active = None if everyone else live[group.rows]
            moving = group.size if active is None else np.count_nonzero(active)
            if moving:  # a group whose particles all move steps without a mask
                block = group.rows  # a slice (one optimizer, or a rule's optimizers side by side) or indices
                mask = None if moving == group.size else active
                if isinstance(block, slice):
                    proposed[block] = group.step(self._x[block], self._g[block], mask)
                else:
                    put_rows(proposed, block, group.step(take_rows(self._x, block), take_rows(self._g, block), mask))
        return take_rows(proposed, rows)
