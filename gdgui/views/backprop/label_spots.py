"""Where a wire's labels go (the first spot along it that meets no node and no other label), and
where a node added by hand goes (the free spot nearest the view's centre)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt

from gdgui.views.backprop.graph_items import NodeItem
from gdgui.views.backprop.graph_labels import TextItem
from gdgui.views.backprop.graph_wires import WireItem

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


NODE_ROOM = 3.6    # gate radii: the box a new node needs, with its caption above and its badge below
NODE_RINGS = 40    # grid steps outwards that are searched for a spot free of wires too
MAX_RINGS = 1000   # and for a spot free of nodes at all (a graph that big has gaps long before)


def free_node_spot(scene, near: QPointF) -> QPointF:
    """Where a new node goes: the grid point nearest ``near`` (one gate radius apart) whose box meets
    no node and no text, and crosses no wire if such a point lies within ``NODE_RINGS`` steps (a node
    dropped on a wire would look wired into it)."""
    step = scene.style.radius
    half = NODE_ROOM * step / 2
    fallback = None
    for ring in range(MAX_RINGS):
        for point in _ring(near, step, ring):
            box = QRectF(point.x() - half, point.y() - half, 2 * half, 2 * half)
            if _meets(scene, box, Qt.ItemSelectionMode.IntersectsItemBoundingRect, _is_node_or_text):
                continue
            if ring < NODE_RINGS and not _meets(scene, box, Qt.ItemSelectionMode.IntersectsItemShape, _is_wire):
                return point
            if fallback is None:
                fallback = point
        if fallback is not None and ring >= NODE_RINGS - 1:
            return fallback
    return near


def _ring(centre: QPointF, step: float, ring: int) -> list[QPointF]:
    """The grid points ``ring`` steps out from ``centre`` (a square's outline), nearest first."""
    if ring == 0:
        return [QPointF(centre)]
    cells = [(i, j) for i in range(-ring, ring + 1) for j in range(-ring, ring + 1) if max(abs(i), abs(j)) == ring]
    cells.sort(key=lambda cell: (cell[0] ** 2 + cell[1] ** 2, cell))
    return [centre + QPointF(i * step, j * step) for i, j in cells]


def _meets(scene, box: QRectF, mode, wanted) -> bool:
    return any(item.isVisible() and wanted(item) for item in scene.items(box, mode))


def _is_node_or_text(item) -> bool:
    return isinstance(item, NodeItem) or (isinstance(item, TextItem) and bool(item.text()))


def _is_wire(item) -> bool:
    return isinstance(item, WireItem)
