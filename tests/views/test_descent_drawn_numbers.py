"""Numbers the Descent tab draws: every tick label is the value at its tick, read from what is drawn.

The value a tick label stands at comes from the tick label's place: its centre mapped to data
through the map's view box, or, on the colour bar, the colour bar's own stretch from its lowest to
its highest level. The drawn string is parsed and must equal that value to the digits it shows.
"""

import math
import re

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from gdgui.views.shell.screenshot import lay_out
from tests.views.helpers import drawn_tick_labels

# f's range on the map: Easom in [−1, 0] showed 0 … −900; sin·cos showed ±900; the last two ~1e-6
FUNCTIONS = [("function", "easom"), ("expr", "sin(x)*cos(y)"), ("expr", "1e-6*sin(x)*cos(y)"),
             ("expr", "1e-6*(x^2 + y^2)")]
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def drawn_ticks(axis) -> list[tuple[str, QPointF]]:
    """(text, centre in the axis's coordinates) of every tick label the axis draws."""
    return [(text, rect.center()) for rect, text in drawn_tick_labels(axis)]


def parsed(text: str) -> tuple[float, float]:
    """The number a tick label shows and half a unit of its last digit: "−0.25" → (−0.25, 0.005);
    a log axis's "2·10⁻⁵" → (2e-5, 5e-6)."""
    text = text.replace("−", "-")
    power = re.fullmatch(r"(?:([0-9.]+)·)?10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)", text)
    if power:
        mantissa, exponent = power.group(1) or "1", int(power.group(2).translate(_SUPERSCRIPTS))
        return float(mantissa) * 10.0 ** exponent, 0.5 * 10.0 ** exponent
    mantissa, _, exponent = text.partition("e")
    decimals = len(mantissa.partition(".")[2])
    return float(text), 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def check_ticks(axis, value_at, pixel_value: float) -> list[str]:
    """Every drawn label of ``axis`` parses to ``value_at(centre)``; returns the labels."""
    ticks = drawn_ticks(axis)
    assert len(ticks) >= 2, ticks
    for text, centre in ticks:
        shown, half_digit = parsed(text)
        at = value_at(centre)
        assert abs(shown - at) <= half_digit + 2 * pixel_value, (text, at, [t for t, _ in ticks])
    return [text for text, _ in ticks]


def colour_bar_value(view):
    """The level at a point of the colour bar's axis: where the bar's colours are drawn."""
    low, high = view.colour_bar.levels()
    box = view.colour_bar.getViewBox().sceneBoundingRect()

    def value_at(centre):
        y = view.colour_bar.axis.mapToScene(centre).y()
        return low + (box.bottom() - y) / box.height() * (high - low)
    return value_at, (high - low) / box.height()


def map_value(view, name: str):
    """The map's x or y at a point of its ``name`` axis, through the map's view box."""
    axis = view.plot_widget.getPlotItem().getAxis(name)
    index = 0 if name == "bottom" else 1

    def value_at(centre):
        point = view.view_box.mapSceneToView(axis.mapToScene(centre))
        return (point.x(), point.y())[index]
    (x0, x1), (y0, y1) = view.view_box.viewRange()
    box = view.view_box.sceneBoundingRect()
    return axis, value_at, ((x1 - x0) / box.width(), (y1 - y0) / box.height())[index]


def _open(gui, kind: str, text: str, projector: bool) -> None:
    (gui.descent.set_function if kind == "function" else gui.descent.set_expression)(text)
    assert gui.descent.map_data.objective is not None
    gui.theme.set_projector(projector)  # a theme change styles the axes anew: that froze pyqtgraph's scale
    lay_out(gui.window, (1400, 900))


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize(("kind", "text"), FUNCTIONS)
def test_colour_bar_labels_are_the_value_of_f_where_they_stand(gui, kind, text, projector):
    _open(gui, kind, text, projector)
    view = gui.window.tabs.widget(0).contour_view
    low, high = gui.descent.map_data.colour_range
    value_at, pixel_value = colour_bar_value(view)
    labels = check_ticks(view.colour_bar.axis, value_at, pixel_value)
    assert all("-" not in label for label in labels), labels  # the window's minus sign, as everywhere
    assert max(abs(parsed(label)[0]) for label in labels) <= max(abs(low), abs(high)) * 1.0001, labels


def test_easom_colour_bar_reads_tenths_from_minus_one_to_zero(gui):
    _open(gui, "function", "easom", projector=False)
    labels = [text for text, _ in drawn_ticks(gui.window.tabs.widget(0).contour_view.colour_bar.axis)]
    assert "−0.8" in labels and "0" in labels and "−800" not in labels, labels


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("domain", [(-0.5, 0.5, -0.5, 0.5), (0, 2e-6, -3e-6, 3e-6), (-10, 10, -10, 10)])
def test_map_axes_labels_are_the_coordinate_where_they_stand(gui, domain, projector):
    gui.descent.set_domain(domain)
    gui.theme.set_projector(projector)
    lay_out(gui.window, (1400, 900))
    view = gui.window.tabs.widget(0).contour_view
    for name in ("bottom", "left"):
        axis, value_at, pixel_value = map_value(view, name)
        check_ticks(axis, value_at, pixel_value)


def _plot_value(plot, name: str, log: bool):
    """A loss or learning-rate plot's value at a point of its ``name`` axis (10^y on a log axis)."""
    axis = plot.getPlotItem().getAxis(name)
    box = plot.getPlotItem().getViewBox()
    index = 0 if name == "bottom" else 1

    def value_at(centre):
        point = box.mapSceneToView(axis.mapToScene(centre))
        value = (point.x(), point.y())[index]
        return 10.0 ** value if log else value
    return axis, value_at


@pytest.mark.parametrize("projector", [False, True])
def test_loss_plot_labels_are_the_value_where_they_stand(gui, projector):
    """A run into the minimum of 1e-6·(x² + y²): f − f* and ‖∇f‖ fall over decades from ~1e-5."""
    gui.descent.set_expression("1e-6*(x^2 + y^2)")
    gui.descent.set_optimizer_checked("adam", True)  # Adam's steps are ~γ long however small ∇f is
    gui.descent.set_optimizer_checked("gd", False)
    gui.descent.set_lr(0.3)
    gui.descent.step(200)
    gui.theme.set_projector(projector)
    tab = gui.window.tabs.widget(0)
    tab.side_tabs.setCurrentWidget(tab.loss_view)
    lay_out(gui.window, (1400, 900))
    for plot in (tab.loss_view.loss_plot, tab.loss_view.grad_plot):
        for name, log in (("left", True), ("bottom", False)):
            axis, value_at = _plot_value(plot, name, log)
            ticks = drawn_ticks(axis)
            assert len(ticks) >= 2, ticks
            for text, centre in ticks:
                shown, half_digit = parsed(text)
                at = value_at(centre)
                # log: within a twentieth of a decade; linear (steps): to a step and half a digit
                close = abs(math.log10(shown / at)) < 0.05 if log else abs(shown - at) <= half_digit + 2
                assert close, (name, text, at)
    tab.side_tabs.setCurrentIndex(0)


def test_learning_rate_plot_labels_are_the_value_where_they_stand(gui):
    tab = gui.window.tabs.widget(0)
    tab.side_tabs.setCurrentWidget(tab.lr_explorer)
    lay_out(gui.window, (1400, 900))
    axis, value_at = _plot_value(tab.lr_explorer.plot_widget, "bottom", log=True)
    ticks = drawn_ticks(axis)
    assert len(ticks) >= 3, ticks
    for text, centre in ticks:
        assert abs(math.log10(parsed(text)[0] / value_at(centre))) < 0.05, (text, value_at(centre))
    tab.side_tabs.setCurrentIndex(0)
    QApplication.processEvents()


def test_loss_plot_step_ticks_are_right_after_the_range_doubles(gui):
    """The steps' axis moves in doublings (0 … 160, then 0 … 320): its ticks are written again then."""
    gui.descent.apply_state({"function": "himmelblau", "lr": 0.001, "start": [0, 0], "tol": 0})
    tab = gui.window.tabs.widget(0)
    tab.side_tabs.setCurrentWidget(tab.loss_view)
    lay_out(gui.window, (1400, 900))
    for steps in (150, 20):  # step 150 (0 … 160), then step 170 (0 … 320)
        gui.descent.step(steps)
        lay_out(gui.window, (1400, 900))
        axis, value_at = _plot_value(tab.loss_view.grad_plot, "bottom", False)
        ticks = drawn_ticks(axis)
        assert len(ticks) >= 2, ticks
        for text, centre in ticks:
            shown, half_digit = parsed(text)
            assert abs(shown - value_at(centre)) <= half_digit + 2, (text, value_at(centre))
        assert max(parsed(text)[0] for text, _ in ticks) > (100 if steps == 150 else 200)
    tab.side_tabs.setCurrentIndex(0)
