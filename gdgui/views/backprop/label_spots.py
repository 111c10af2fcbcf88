"""Where a wire's labels go: the first spot along it that meets no node and no other label."""

from __future__ import annotations

from PySide6.QtCore import QRectF

# Where along a wire its labels may sit, in order of preference.  Wires that fan out of
# one port start together and part towards their ends, so their labels prefer the far half.
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
FANOUT_SPOTS = (0.65, 0.55, 0.75, 0.45, 0.35, 0.25)
CROWDED = 16  # a label spot meeting this many others is as bad as any worse one


class RectGrid:
    """Rectangles bucketed by grid cell, so a hit test looks at neighbours only."""

    def __init__(self, cell: float):
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF):
        c = self.cell
        for i in range(int(rect.left() // c), int(rect.right() // c) + 1):
            for j in range(int(rect.top() // c), int(rect.bottom() // c) + 1):
                yield i, j

    def add(self, rect: QRectF) -> None:
        if not rect.isEmpty():
            for key in self._keys(rect):
                self.cells.setdefault(key, []).append(rect)

    def hits(self, rect: QRectF, enough: int = CROWDED) -> int:
        """How many rectangles ``rect`` meets, counting no further than ``enough``.

        The cap keeps a crowded spot cheap: in a file whose nodes all sit at one point every
        label meets every other, and counting them all made placing the labels quadratic.
        """
        found = set()
        for key in self._keys(rect):
            for other in self.cells.get(key, ()):
                if id(other) not in found and other.intersects(rect):
                    found.add(id(other))
                    if len(found) >= enough:
                        return enough
        return len(found)


def free_spot(wire, grid: RectGrid, width: float, fans_out: bool) -> QRectF:
    """Slide ``wire``'s labels to the least crowded spot; the rectangle they then cover."""
    best = None
    for along in FANOUT_SPOTS if fans_out else LABEL_SPOTS:
        wire.place_labels(along)
        hits = grid.hits(wire.label_rect(width))
        if hits == 0:
            return wire.label_rect(width)
        best = min(best or (hits, along), (hits, along))
    wire.place_labels(best[1])
    return wire.label_rect(width)
