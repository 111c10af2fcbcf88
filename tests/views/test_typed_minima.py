"""What the Descent tab draws about a typed formula's minima: stars and their labels on the map, the
basin legend, and the loss plot's f − f* (the minima found numerically) or plain f (none known)."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF

QUARTIC = "x^4 - 3*x^2 + y^2"


def _tab(gui):
    return gui.window.tabs.widget(0)


def _typed(qtbot, gui, text: str) -> None:
    """Type ``text`` and wait for its search (none when the answer was found before)."""
    gui.descent.set_expression(text)
    qtbot.waitUntil(lambda: gui.descent.objective.minima_source == "numerical", timeout=30_000)


def _stars(tab) -> list[tuple[float, float]]:
    x, y = tab.contour_view.minima.getData()
    return sorted(zip(x, y))


def _star_labels(tab) -> list[str]:
    return sorted(label.toPlainText() for label in tab.contour_view.minima_labels if label.isVisible())


def _loss_axis(tab) -> str:
    return tab.loss_view.loss_plot.getAxis("left").labelText


def _loss_legend(tab) -> str:
    return tab.loss_view.legend.text().replace("&nbsp;", " ")


def test_the_quartic_shows_no_minimum_while_searching_then_stars_its_two_minima(qtbot, gui):
    tab = _tab(gui)
    gui.descent.set_expression(QUARTIC)
    assert _stars(tab) == [] and _star_labels(tab) == []  # nothing invented meanwhile
    assert _loss_axis(tab) == "f" and not tab.loss_view.log_check.isEnabled()
    assert _loss_legend(tab).endswith("· no minimum of f known yet: the plot shows f itself")
    qtbot.waitUntil(lambda: gui.descent.objective.minima_source == "numerical", timeout=30_000)
    root = math.sqrt(1.5)  # ∂f/∂x = 4x³ − 6x = 0
    assert np.array(_stars(tab)) == pytest.approx(np.array([(-root, 0), (root, 0)]), abs=1e-9)
    assert _star_labels(tab) == sorted(["min (−1.225, 0)", "min (1.225, 0)"])
    assert _loss_axis(tab) == "f − f*   (f* = −2.25)"
    assert _loss_legend(tab).endswith("· f* = −2.25: the lowest minimum, found numerically")
    assert tab.loss_view.log_check.isEnabled()


def test_the_labels_of_two_minima_side_by_side_cover_neither_star(qtbot, gui):
    tab = _tab(gui)
    _typed(qtbot, gui, QUARTIC)
    view_box = tab.contour_view.view_box
    labels = [label for label in tab.contour_view.minima_labels if label.isVisible()]
    rects = [label.sceneBoundingRect() for label in labels]
    assert len(rects) == 2 and not rects[0].intersects(rects[1])
    for x in (-math.sqrt(1.5), math.sqrt(1.5)):
        star = view_box.mapViewToScene(QPointF(x, 0))
        assert not any(rect.contains(star) for rect in rects)
        assert view_box.sceneBoundingRect().contains(star)
    assert all(view_box.sceneBoundingRect().contains(rect) for rect in rects)  # on the map


def test_the_basin_legend_lists_the_minima_found(qtbot, gui):
    tab = _tab(gui)
    _typed(qtbot, gui, QUARTIC)
    with qtbot.waitSignal(gui.descent.analysis.basins_changed, timeout=60_000):
        tab.contour_view.basin_button.setChecked(True)
    legend = tab.contour_view.basins.legend.text().replace("&nbsp;", " ")
    assert "minima found numerically" in legend
    shares = [legend.split(f"{where} ")[1].split("%")[0] for where in ("(−1.225, 0)", "(1.225, 0)")]
    assert shares[0] == shares[1] and int(shares[0]) > 10  # mirror-image basins, not "no listed minimum"
    tab.contour_view.basin_button.setChecked(False)


def test_abs_x_plus_abs_y_stars_its_kink(qtbot, gui):
    tab = _tab(gui)
    _typed(qtbot, gui, "abs(x) + abs(y)")
    assert _stars(tab) == [(0, 0)] and _star_labels(tab) == ["min (0, 0)"]
    assert _loss_axis(tab) == "f − f*   (f* = 0)" and _loss_legend(tab).endswith("found numerically")


def test_a_formula_without_a_minimum_plots_f_with_no_f_star(qtbot, gui):
    tab = _tab(gui)
    _typed(qtbot, gui, "x*y")
    for _ in range(3):
        gui.descent.step()
    assert _stars(tab) == [] and _loss_axis(tab) == "f"
    assert _loss_legend(tab).endswith("· no minimum of f found in view: the plot shows f itself")
    curve = tab.loss_view.loss_curves["gd"]
    assert list(curve.yData) == list(gui.descent.frame.loss[0].f)  # f itself, not a gap


def test_a_swarm_on_a_typed_formula_says_median_f_until_minima_are_found(qtbot, gui):
    tab = _tab(gui)
    gui.descent.set_particles(50)
    gui.descent.set_expression("x^4 - 2*x^2 + 2*y^2")
    assert _loss_axis(tab) == "median f"
    qtbot.waitUntil(lambda: gui.descent.objective.minima_source == "numerical", timeout=30_000)
    assert _loss_axis(tab) == "median f − f*   (f* = −1)"


def test_a_catalog_function_keeps_its_listed_f_star(gui):
    tab = _tab(gui)
    gui.descent.set_function("himmelblau")
    assert _loss_axis(tab) == "f − f*   (f* = 0)" and "found" not in _loss_legend(tab)
    assert _star_labels(tab) == sorted(["min (−2.805, 3.131)", "min (−3.779, −3.283)", "min (3, 2)",
                                        "min (3.584, −1.848)"])
