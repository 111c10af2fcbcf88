"""SVG that every renderer draws the same: clip paths done in the geometry, polylines as paths.

pyqtgraph clips a plot's contents with ``clip-path`` (a rectangle as a path); ImageMagick's own
SVG renderer then draws nothing inside the plot, and it refuses a ``polyline`` with round caps.
``portable_svg`` removes every ``clip-path``: the lines inside are cut at the rectangle (stroked
segments by Liang–Barsky, filled polygons by Sutherland–Hodgman), curved shapes, images and texts
wholly outside it are dropped, and every polyline or polygon becomes the equivalent ``path``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

__all__ = ["portable_svg", "SVG_NS"]

SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_S = f"{{{SVG_NS}}}"
_COMMAND = re.compile(r"([MLZCQSTHVAmlzcqsthva])([^MLZCQSTHVAmlzcqsthva]*)")
_MATRIX = re.compile(r"matrix\(([^)]*)\)")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_CLIP_URL = re.compile(r"url\(#([^)]+)\)")


def portable_svg(svg: bytes) -> bytes:
    """The same drawing with no ``clip-path`` and no ``polyline`` / ``polygon``."""
    ElementTree.register_namespace("", SVG_NS)
    ElementTree.register_namespace("xlink", _XLINK_NS)
    root = ElementTree.fromstring(svg)
    for element in list(root.iter()):
        if element.tag in (_S + "polyline", _S + "polygon"):
            _to_path(element)
    clips = _clip_rects(root)
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        match = _CLIP_URL.fullmatch(element.attrib.pop("clip-path", "").strip())
        if match and match.group(1) in clips:
            _clip(element, clips[match.group(1)], parents)
    for clip_path in list(root.iter(_S + "clipPath")):
        parents[clip_path].remove(clip_path)
    text = ElementTree.tostring(root, encoding="unicode")  # Σ, −, γ stay characters, not references
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + text).encode("utf-8")


# ----- reading -------------------------------------------------------------------------------------

def _to_path(element: ElementTree.Element) -> None:
    points = [float(v) for v in _NUMBER.findall(element.attrib.pop("points", ""))]
    pairs = [f"{_n(x)},{_n(y)}" for x, y in zip(points[0::2], points[1::2])]
    closed = element.tag == _S + "polygon"
    element.tag = _S + "path"
    element.set("d", ("M" + " L".join(pairs) + (" Z" if closed else "")) if pairs else "")


def _clip_rects(root) -> dict[str, tuple[float, float, float, float]]:
    """Each clipPath's rectangle (x0, y0, x1, y1): the bounds of what it holds."""
    rects = {}
    for clip_path in root.iter(_S + "clipPath"):
        points = [p for shape in clip_path for sub in _subpaths(_shape_d(shape)) for p in sub[1]]
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            rects[clip_path.get("id")] = (min(xs), min(ys), max(xs), max(ys))
    return rects


def _shape_d(shape) -> str:
    if shape.tag == _S + "rect":
        x, y = float(shape.get("x", 0)), float(shape.get("y", 0))
        w, h = float(shape.get("width", 0)), float(shape.get("height", 0))
        return f"M{x},{y} L{x + w},{y} L{x + w},{y + h} L{x},{y + h} Z"
    return shape.get("d", "")


def _subpaths(d: str) -> list[tuple[bool, list[tuple[float, float]], bool]]:
    """(straight, points, closed) per subpath of an absolute path; straight: only M, L, Z."""
    subpaths, points, straight, closed = [], [], True, False
    for command, args in _COMMAND.findall(d):
        numbers = [float(v) for v in _NUMBER.findall(args)]
        if command == "M" and points:
            subpaths.append((straight, points, closed))
            points, straight, closed = [], True, False
        if command in "Zz":
            closed = True
        elif command in "ML":
            points += list(zip(numbers[0::2], numbers[1::2]))
        else:  # a curve or a relative command: its numbers bound it only roughly
            straight = False
            points += list(zip(numbers[0::2], numbers[1::2]))
    if points:
        subpaths.append((straight, points, closed))
    return subpaths


# ----- clipping ---------------------------------------------------------------------------------------

def _clip(group, rect, parents) -> None:
    """Cut what ``group`` draws at ``rect`` (in the group's coordinates)."""
    for child in list(group):
        local = _local_rect(rect, child.get("transform"))
        if local is None:
            continue  # rotated or skewed: left as it is
        if child.tag == _S + "path":
            _clip_path(child, local, _filled(child, parents))
        elif child.tag in (_S + "image", _S + "rect", _S + "text"):
            if not _overlaps(_box(child), local):
                group.remove(child)
        else:
            _clip(child, local, parents)


def _local_rect(rect, transform: str | None):
    if not transform:
        return rect
    match = _MATRIX.fullmatch(transform.strip())
    values = [float(v) for v in _NUMBER.findall(match.group(1))] if match else []
    if len(values) != 6 or values[1] or values[2] or not values[0] or not values[3]:
        return None
    a, _, _, d, e, f = values
    xs, ys = ((rect[0] - e) / a, (rect[2] - e) / a), ((rect[1] - f) / d, (rect[3] - f) / d)
    return min(xs), min(ys), max(xs), max(ys)


def _filled(element, parents) -> bool:
    while element is not None:
        if "fill" in element.attrib:
            return element.get("fill") != "none"
        element = parents.get(element)
    return True  # SVG's default fill is black


def _box(element) -> tuple[float, float, float, float]:
    x, y = float(element.get("x", 0)), float(element.get("y", 0))
    return x, y, x + float(element.get("width", 0)), y + float(element.get("height", 0))


def _overlaps(box, rect) -> bool:
    return box[0] <= rect[2] and box[2] >= rect[0] and box[1] <= rect[3] and box[3] >= rect[1]


def _clip_path(element, rect, filled: bool) -> None:
    d = element.get("d", "")
    pieces = [_clipped_subpath(sub, raw, rect, filled) for sub, raw in zip(_subpaths(d), _raw_subpaths(d))]
    element.set("d", " ".join(piece for piece in pieces if piece))


def _clipped_subpath(subpath, raw: str, rect, filled: bool) -> str:
    straight, points, closed = subpath
    if not straight:  # curves (a marker, an arrow head): kept whole, or dropped when wholly outside
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return raw if _overlaps((min(xs), min(ys), max(xs), max(ys)), rect) else ""
    if filled:
        polygon = _polygon_in(points, rect)
        return _d([polygon], closed=True) if len(polygon) > 2 else ""
    return _d(_segments_in(points + points[:1] if closed else points, rect), closed=False)


def _raw_subpaths(d: str) -> list[str]:
    """The text of each subpath, as ``_subpaths`` splits them (at each M)."""
    return [part.strip() for part in re.split(r"(?=M)", d.strip()) if part.strip()]


def _d(lines: list[list[tuple[float, float]]], closed: bool) -> str:
    return " ".join("M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in line) + (" Z" if closed else "")
                    for line in lines if line)


def _segments_in(points, rect) -> list[list[tuple[float, float]]]:
    """The polyline's parts inside ``rect``, as runs of joined points."""
    runs: list[list[tuple[float, float]]] = []
    for start, end in zip(points, points[1:]):
        cut = _cut_segment(start, end, rect)
        if cut is None:
            continue
        if runs and runs[-1][-1] == cut[0]:
            runs[-1].append(cut[1])
        else:
            runs.append(list(cut))
    if len(points) == 1 and _overlaps((*points[0], *points[0]), rect):
        runs.append([points[0], points[0]])
    return runs


def _cut_segment(p, q, rect):
    """Liang–Barsky: the part of segment pq inside rect, or None."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for step, room in ((-dx, x0 - rect[0]), (dx, rect[2] - x0), (-dy, y0 - rect[1]), (dy, rect[3] - y0)):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    start = p if low == 0 else (x0 + low * dx, y0 + low * dy)
    return start, (q if high == 1 else (x0 + high * dx, y0 + high * dy))


def _polygon_in(points, rect) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the polygon cut at each edge of rect in turn."""
    x0, y0, x1, y1 = rect
    edges = ((lambda p: p[0] >= x0, lambda p, q: _at_x(p, q, x0)), (lambda p: p[0] <= x1, lambda p, q: _at_x(p, q, x1)),
             (lambda p: p[1] >= y0, lambda p, q: _at_y(p, q, y0)), (lambda p: p[1] <= y1, lambda p, q: _at_y(p, q, y1)))
    for inside, crossing in edges:
        points, previous = [], points
        for current, before in zip(previous, previous[-1:] + previous[:-1]):
            if inside(current):
                if not inside(before):
                    points.append(crossing(before, current))
                points.append(current)
            elif inside(before):
                points.append(crossing(before, current))
        if not points:
            break
    return points


def _at_x(p, q, x):
    t = (x - p[0]) / (q[0] - p[0])
    return x, p[1] + t * (q[1] - p[1])


def _at_y(p, q, y):
    t = (y - p[1]) / (q[1] - p[1])
    return p[0] + t * (q[0] - p[0]), y


def _n(value: float) -> str:
    return f"{value:.7g}"
