"""A typed formula's minima: searched on the worker, remembered per formula and domain, then used by
the run, the map, the basin map and f − f*; a catalog function keeps its listed minima."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController
from gdgui.core.descent.functions import get_function

QUARTIC = "x^4 - 3*x^2 + y^2"
ROOT = math.sqrt(1.5)  # ∂f/∂x = 4x³ − 6x = 0; f(±√1.5, 0) = 2.25 − 4.5 = −2.25


@pytest.fixture
def controller(qtbot):
    descent = DescentController()
    descent.searches = []
    descent.minima_search.busy_changed.connect(
        lambda busy: busy and descent.searches.append(descent.settings.expression))
    yield descent
    descent.pause()
    descent.minima_search.cancel()
    descent.analysis.clear_basins()
    QThreadPool.globalInstance().waitForDone(10_000)


def _typed(qtbot, controller, text: str):
    """Type ``text``; returns the objective the search hands over."""
    with qtbot.waitSignal(controller.minima_changed, timeout=30_000) as blocker:
        controller.set_expression(text)
        assert controller.objective.minima == () and controller.objective.minima_source is None
    return blocker.args[0]


def _where(minima) -> list[tuple[float, float, float]]:
    return sorted((round(m.x, 9), round(m.y, 9), round(m.f, 9)) for m in minima)


def test_a_typed_formula_gets_the_minima_found_on_the_worker(qtbot, controller):
    found = _typed(qtbot, controller, QUARTIC)
    assert _where(found.minima) == [(-round(ROOT, 9), 0, -2.25), (round(ROOT, 9), 0, -2.25)]
    assert found.minima_source == "numerical" and controller.searches == [QUARTIC]
    assert controller.objective is found and controller.map_data.objective is found
    assert controller.record.run.objective is found
    assert [(p.x, p.y, p.kind) for p in found.stationary if p.kind == "saddle"] == [(0, 0, "saddle")]


def test_the_same_formula_and_domain_again_is_not_searched_again(qtbot, controller):
    _typed(qtbot, controller, QUARTIC)
    controller.set_function("himmelblau")
    controller.set_expression(QUARTIC)
    assert controller.searches == [QUARTIC] and not controller.minima_search.busy
    assert _where(controller.objective.minima)[1][:2] == (round(ROOT, 9), 0)
    controller.set_domain((0.5, 5, -2, 2))  # another domain: another search, one minimum in it
    with qtbot.waitSignal(controller.minima_changed, timeout=30_000) as blocker:
        pass
    assert controller.searches == [QUARTIC, QUARTIC]
    assert _where(blocker.args[0].minima) == [(round(ROOT, 9), 0, -2.25)]


def test_a_catalog_function_keeps_its_listed_minima_and_is_never_searched(qtbot, controller):
    controller.set_function("six_hump_camel")
    assert controller.objective.minima == get_function("six_hump_camel").minima
    assert controller.objective.minima_source == "catalog"
    assert controller.searches == [] and not controller.minima_search.busy


def test_no_f_star_before_the_minima_are_known_and_never_f_at_the_start(qtbot, controller):
    with qtbot.waitSignal(controller.minima_changed, timeout=30_000):
        controller.set_expression(QUARTIC)
        frame = controller.frame
        assert frame.step == 0 and frame.reference is None
        assert all(np.isnan(series.gap).all() and math.isnan(series.now[1]) for series in frame.loss)
    frame = controller.frame
    assert frame.reference == pytest.approx(-2.25) and frame.reference_source == "numerical"
    start_f = frame.loss[0].f[0]  # f(−4, 3.5) = 256 − 48 + 12.25
    assert start_f == 220.25 and frame.loss[0].gap[0] == pytest.approx(220.25 + 2.25)


def test_a_formula_without_a_minimum_keeps_no_f_star(qtbot, controller):
    found = _typed(qtbot, controller, "x*y")
    assert found.minima == () and [(p.x, p.y, p.kind) for p in found.stationary] == [(0, 0, "saddle")]
    controller.step(3)
    assert controller.frame.reference is None


def test_particles_that_stopped_before_the_answer_are_matched_to_the_minima_found(qtbot, controller):
    controller.set_start(1, 1)
    with qtbot.waitSignal(controller.minima_changed, timeout=30_000):
        controller.set_expression(QUARTIC)
        for _ in range(400):  # no event is handled meanwhile: the answer waits in the queue
            controller.step()
        line = controller.frame.status[0]  # the point where it stopped: no minimum is known yet
        assert line.status == "converged" and "reached a local minimum at (1.225, 4.017e−7)" in line.text
        assert "not" not in line.text
    assert controller.frame.status[0].text.startswith("reached the minimum at (1.225, 0) — ")


def test_the_basin_map_of_a_typed_formula_colours_the_basins_of_the_minima_found(qtbot, controller):
    _typed(qtbot, controller, QUARTIC)
    with qtbot.waitSignal(controller.analysis.basins_changed, timeout=60_000) as blocker:
        controller.set_basins_shown(True)
    view = blocker.args[0]
    assert view.minima == controller.objective.minima and view.minima_source == "numerical"
    left, right = view.basin_map.share(0), view.basin_map.share(1)
    assert left == pytest.approx(right) and left > 0.1  # f is even in x: mirror-image basins
