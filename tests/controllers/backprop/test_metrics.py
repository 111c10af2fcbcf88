"""Sizes of what the graph scene draws: gate symbols fit their circles, the label room holds any
number, and a layout measured at the laptop theme fits the projector's drawing too."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from gdgui.controllers.backprop import metrics
from gdgui.controllers.shell.theme import NORMAL, PROJECTOR
from gdgui.core.autodiff.ops import OPS
from gdgui.core.numbers import short
from gdgui.views.backprop.graph_items import NodeItem

LAPTOP_STYLE = metrics.style_for(NORMAL, NORMAL)
PROJECTOR_STYLE = metrics.style_for(PROJECTOR, NORMAL)
SYMBOLS = sorted({op.symbol for op in OPS.values()} | {"^2", "^0.5", "^−1", "^3"})  # and x^k gates to come
NAMES = ["x", "w0", "x12", "b3", "learning_rate"]
CONSTANTS = ["2", "π", "0.5", "−1", "1e−8", "123456"]


def _drawn(style, symbol: str, size: int, text: bool = True) -> np.ndarray:
    """A gate drawn alone, centred in a white square (``text``: with its symbol): the pixels' grey levels."""
    item = NodeItem("n1", "op", lambda _: None)
    item.configure(symbol, 2, style)
    if not text:
        item._label = ""  # the same circle, no symbol in it
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(size / 2, size / 2)
    item.paint(painter, None)
    painter.end()
    return np.array(image.constBits(), dtype=np.uint8).reshape(size, image.bytesPerLine())[:, :size]


def _symbol_outside_circle(style, symbol: str) -> int:
    """Pixels of the symbol (what the gate draws with the symbol and not without) that reach the
    outline or beyond it."""
    r = metrics.body_rect(style, "op", symbol).width() / 2
    size = int(4 * r) + 8
    ink = _drawn(style, symbol, size) != _drawn(style, symbol, size, text=False)
    ys, xs = np.nonzero(ink)
    reach = np.hypot(xs + 0.5 - size / 2, ys + 0.5 - size / 2)
    return int(np.sum(reach > r - style.line_px / 2))


@pytest.mark.parametrize("style", [LAPTOP_STYLE, PROJECTOR_STYLE], ids=["laptop", "projector"])
def test_every_gate_symbol_stays_inside_its_circle(qapp, monkeypatch, style):
    monkeypatch.setattr(NodeItem, "_paint_ports", lambda self, painter: None)  # the dots sit on the rim
    assert {symbol: n for symbol in SYMBOLS if (n := _symbol_outside_circle(style, symbol))} == {}


def test_a_gate_grows_only_for_a_symbol_that_needs_it(qapp):
    plain = metrics.body_rect(LAPTOP_STYLE, "op", "+").width()
    assert plain == 2 * metrics.GATE_RADIUS
    assert metrics.body_rect(LAPTOP_STYLE, "op", "tanh").width() > plain
    assert metrics.body_rect(LAPTOP_STYLE, "op", "σ").width() == plain


def test_input_boxes_are_as_wide_as_their_names(qapp):
    short_box = metrics.body_rect(LAPTOP_STYLE, "input", "x").width()
    long_box = metrics.body_rect(LAPTOP_STYLE, "input", "learning_rate").width()
    long_text = metrics.plate_rect(LAPTOP_STYLE.symbol_font("input"), "learning_rate").width()
    assert long_box >= long_text > short_box


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True) | st.floats(min_value=-1e-3, max_value=1e-3),
       st.integers(min_value=1, max_value=8))
def test_the_label_room_holds_any_number_at_the_digits_shown(qapp, value, digits):
    for style in (LAPTOP_STYLE, PROJECTOR_STYLE):
        room, _ = metrics.label_size(style, digits)
        assert metrics.plate_rect(style.label_font(bold=True), short(value, digits)).width() <= room


def _fits(projector: tuple[float, float], laptop: tuple[float, float]) -> bool:
    """The projector's size, in model units, within the laptop's."""
    return all(p / PROJECTOR_STYLE.scale <= q + 1e-9 for p, q in zip(projector, laptop, strict=True))


def _node(style, kind, label, caption="", badge=""):
    return metrics.node_size(style, kind, label, caption, badge)


@pytest.mark.parametrize("kind, labels", [("op", SYMBOLS), ("input", NAMES), ("const", CONSTANTS)])
def test_a_layout_measured_at_the_laptop_theme_fits_every_projector_node(qapp, kind, labels):
    number = metrics.widest_number(LAPTOP_STYLE, 4)
    badges = ["", metrics.sum_badge_text(number, 2), metrics.sum_badge_text(number, 4), "⚠ needs arguments 1, 2"]
    for label in labels:
        for caption in (["", "f", "q12", "hidden"] if kind == "op" else [""]):
            for badge in badges:
                args = (kind, label, caption, badge)
                assert _fits(_node(PROJECTOR_STYLE, *args), _node(LAPTOP_STYLE, *args)), args


@pytest.mark.parametrize("digits", range(1, 9))
def test_a_layout_measured_at_the_laptop_theme_fits_every_projector_label(qapp, digits):
    assert _fits(metrics.label_size(PROJECTOR_STYLE, digits), metrics.label_size(LAPTOP_STYLE, digits))
    for text in (short(-1.2345e-300, digits), "Σ 1 + (−2) = −1", "q"):
        for font in ("label", "caption"):
            laptop_font = LAPTOP_STYLE.label_font(True) if font == "label" else LAPTOP_STYLE.caption_font()
            projector_font = PROJECTOR_STYLE.label_font(True) if font == "label" else PROJECTOR_STYLE.caption_font()
            laptop, projector = metrics.plate_rect(laptop_font, text), metrics.plate_rect(projector_font, text)
            assert _fits((projector.width(), projector.height()), (laptop.width(), laptop.height()))


def test_captions_sit_above_and_badges_below_the_body(qapp):
    body = metrics.body_rect(LAPTOP_STYLE, "op", "tanh")
    plate = metrics.plate_rect(LAPTOP_STYLE.caption_font(), "q")
    assert metrics.caption_offset(LAPTOP_STYLE, body, plate) + plate.height() / 2 < body.top()
    assert metrics.badge_offset(LAPTOP_STYLE, body, plate) - plate.height() / 2 > body.bottom()
    assert QPointF(0, 0) == body.center()
