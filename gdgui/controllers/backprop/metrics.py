"""The one place for how big the graph scene draws things: fonts, gates, boxes, text plates.

The scene's items take their fonts and shapes from here, and ``layout_sizes`` measures the same
rules into the ``LayoutSizes`` a layout engine gets.  Model units are scene pixels at the laptop
theme; the projector theme scales the scene by ``scale`` (its font points over the laptop's) while
its text grows a little less than that, so a layout measured at the laptop theme fits both.

A wire's labels get room for the widest number ``numbers.short`` can write at the digits shown,
whatever the value, so a later value edit never outgrows the room the layout left.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from gdgui.core import numbers
from gdgui.core.autodiff.graph_edits import missing_arguments
from gdgui.core.autodiff.graph_layout import LayoutSizes
from gdgui.core.autodiff.graph_text import singular_badge_room

GATE_RADIUS = 27.0     # a gate's circle, unless its symbol needs more
SYMBOL_PADDING = 5.0   # between a gate's symbol and its circle
BOX_PADDING = 12.0     # each side of an input's name or a constant's value
PORT_RADIUS = 4.0      # the dots where wires leave and enter
PLATE_PADDING = 4.0    # each side of a text plate's text
PLATE_RIM = 1.0        # above and below a text plate's text
OUTPUT_ARROW = 90.0    # the output arrow's length, when its layout gave it no route
ARROW_HEAD = 12.0      # the output arrow's head, long; half as wide on each side


@dataclass(frozen=True)
class Style:
    """Fonts and sizes in scene units for one theme (``scale`` turns model positions into scene ones)."""
    scale: float
    label_pt: float
    symbol_pt: float
    caption_pt: float
    line_px: float

    @property
    def radius(self) -> float:
        """A gate's radius when its symbol fits (wider symbols grow it: ``body_rect``)."""
        return GATE_RADIUS * self.scale

    @property
    def halo(self) -> float:
        """Room for the selection and highlight outline around a body."""
        return 3 * self.line_px

    @property
    def gap(self) -> float:
        """Between a body and its caption above or badge below: clear of the outline's room."""
        return self.halo + self.scale

    def font(self, points: float, bold: bool = False) -> QFont:
        """One shared font per size and weight (a scene asks for them thousands of times): do not change it."""
        return _font(points, bold, QFont().family())

    def label_font(self, bold: bool = False) -> QFont:
        """Values and gradients on the wires (bold on the current step's wires), and badges (bold)."""
        return self.font(self.label_pt, bold)

    def caption_font(self) -> QFont:
        return self.font(self.caption_pt)

    def symbol_font(self, kind: str) -> QFont:
        """A gate's symbol and an input's name in bold, a constant's value plain."""
        return self.font(self.symbol_pt, bold=kind != "const")


def style_for(sizes, laptop) -> Style:
    """The style of a theme's ``sizes`` (``controllers/shell/theme.py``), scaled against the laptop's."""
    return Style(scale=sizes.font_pt / laptop.font_pt, label_pt=sizes.font_pt + 3,
                 symbol_pt=sizes.title_pt + 2, caption_pt=sizes.font_pt + 1, line_px=sizes.line_px)


@lru_cache(maxsize=64)
def _font(points: float, bold: bool, family: str) -> QFont:
    """The application's font (``family``, a cache key: it changes with the app's font) at ``points``."""
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


@lru_cache(maxsize=64)
def _metrics(family: str, points: float, bold: bool) -> QFontMetricsF:
    """Metrics of the application's font (``family``, a cache key: it changes with the app's font)."""
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return QFontMetricsF(font)


def font_key(font: QFont) -> tuple[str, float, bool]:
    """What a plate's size takes from its font (a plate styled once keeps it for every text it shows)."""
    return font.family(), font.pointSizeF(), font.bold()


def plate_rect(font: QFont, text: str, key: tuple[str, float, bool] | None = None) -> QRectF:
    """A text plate centred on (0, 0): the text with a rim; no width while there is no text
    (``key``: ``font_key(font)``, if known)."""
    width, height = _plate(*(key or font_key(font)), text)
    return QRectF(-width / 2, -height / 2, width, height)


@lru_cache(maxsize=16384)
def _plate(family: str, points: float, bold: bool, text: str) -> tuple[float, float]:
    metrics = _metrics(family, points, bold)
    width = metrics.horizontalAdvance(text) + 2 * PLATE_PADDING if text else 0.0
    return width, metrics.height() + 2 * PLATE_RIM


def body_rect(style: Style, kind: str, label: str) -> QRectF:
    """A node's body centred on its position: a gate's circle grows until its symbol fits inside
    with ``SYMBOL_PADDING`` to spare; an input's or a constant's box is as wide as its text.

    Measured at the laptop's points and scaled, so bodies keep their proportions in every theme
    (the projector's symbols are a little smaller than scaled, so they fit all the more).
    """
    width, height = _body(kind, label, style.symbol_pt / style.scale, QFont().family())
    return QRectF(-width * style.scale / 2, -height * style.scale / 2, width * style.scale, height * style.scale)


@lru_cache(maxsize=4096)
def _body(kind: str, label: str, points: float, family: str) -> tuple[float, float]:
    metrics = _metrics(family, points, kind != "const")
    if kind == "op":
        r = max(GATE_RADIUS, _ink_reach(metrics, label) + SYMBOL_PADDING)
        return 2 * r, 2 * r
    return max(metrics.horizontalAdvance(label) + 2 * BOX_PADDING, 2 * GATE_RADIUS), 1.6 * GATE_RADIUS


def _ink_reach(metrics: QFontMetricsF, text: str) -> float:
    """How far from the centre the ink of ``text`` reaches, drawn centred as ``NodeItem`` draws it."""
    ink = metrics.tightBoundingRect(text)
    baseline = metrics.ascent() - metrics.height() / 2  # the text's box is centred on the node
    left = ink.left() - metrics.horizontalAdvance(text) / 2
    xs, ys = (left, left + ink.width()), (baseline + ink.top(), baseline + ink.bottom())
    return max(math.hypot(x, y) for x in xs for y in ys)


def caption_offset(style: Style, body: QRectF, plate: QRectF) -> float:
    """Where a caption plate's centre sits above the body (a y in the node's coordinates)."""
    return body.top() - style.gap - plate.height() / 2


def badge_offset(style: Style, body: QRectF, plate: QRectF) -> float:
    """Where a badge plate's centre sits below the body (a y in the node's coordinates)."""
    return body.bottom() + style.gap + plate.height() / 2


def widest_number(style: Style, digits: int) -> str:
    """The text of ``numbers.short(v, digits)`` that takes the widest label plate, over every v:
    the longest shapes it writes (fixed, scientific with a three-digit exponent, ∞, undefined),
    each with every digit glyph, measured in the bold label font."""
    return _widest_number(style, digits, QFont().family())


@lru_cache(maxsize=64)
def _widest_number(style: Style, digits: int, family: str) -> str:
    font = style.label_font(bold=True)
    shapes = {numbers.short(v, digits) for v in (math.nan, -math.inf)}
    for exponent in (-308, -100, -10, -5, -4, -1, 0, digits - 1, digits, 10, 100, 307):
        shapes.add(numbers.short(-1.2345678912345678 * 10.0 ** exponent, digits))
    texts = {"".join(glyph if c.isdigit() else c for c in shape) for shape in shapes for glyph in "0123456789"}
    return max(sorted(texts), key=lambda text: plate_rect(font, text).width())


def label_size(style: Style, digits: int) -> tuple[float, float]:
    """A wire's value plate above and gradient plate below, with room for any number."""
    plate = plate_rect(style.label_font(bold=True), widest_number(style, digits))
    return plate.width(), 2 * (label_half_gap(style, plate.height()) + plate.height() / 2)


def label_half_gap(style: Style, plate_height: float) -> float:
    """How far each plate's centre sits from the labels' spot: above it the value, below the gradient."""
    return plate_height / 2 + style.line_px


def sum_badge_text(number: str, parts: int) -> str:
    """``Σ a + (b) = c`` with every number ``number``: the room a branching value's badge takes."""
    return "Σ " + " + ".join([number] + [f"({number})"] * (parts - 1)) + " = " + number


def badge_texts(sums: str, singular: list[str]) -> list[str]:
    """The badges a gate may show under it: its Σ, and what its local partial is where singular."""
    return [" · ".join(text for text in (sums, extra) if text) for extra in singular] or [sums]


def node_size(style: Style, kind: str, label: str, caption: str = "", badge: str = "") -> tuple[float, float]:
    """A node's whole box, centred on its position: its body with the port dots and outline at
    its sides, its caption above and its badge below (the box is as tall above as below)."""
    family = QFont().family()
    body = body_rect(style, kind, label)
    side = max(PORT_RADIUS * style.scale, style.line_px)
    width, reach = body.width() + 2 * side, body.height() / 2 + side
    for text, points, bold in ((caption, style.caption_pt, False), (badge, style.label_pt, True)):
        if text:
            plate_width, plate_height = _plate(family, points, bold, text)
            width = max(width, plate_width)
            reach = max(reach, body.height() / 2 + style.gap + plate_height)
    return width, 2 * reach


def layout_sizes(graph, names: dict[str, str], digits: int, style: Style) -> LayoutSizes:
    """The room every node and every wire's labels take when drawn in ``style``, in model units
    (``style`` is the laptop theme's: see the module's docstring)."""
    number = widest_number(style, digits)
    outgoing = Counter(edge.src for edge in graph.edges())
    missing = missing_arguments(graph)
    nodes = {}
    for node_id, node in graph.nodes.items():
        badges = ["⚠ " + missing[node_id]] if node_id in missing else badge_texts(
            sum_badge_text(number, outgoing[node_id]) if outgoing[node_id] > 1 else "", singular_badge_room(node))
        shown = node.label if node.kind == "op" else names[node_id]
        sizes = [node_size(style, node.kind, shown, names[node_id] if node.kind == "op" else "", b) for b in badges]
        nodes[node_id] = (max(w for w, _ in sizes), max(h for _, h in sizes))
    return LayoutSizes(nodes, label_size(style, digits))
