"""The stationary points of typed formulas, against points worked out by hand or listed elsewhere."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gdgui.core.descent.functions import get_function, objective_from_expr
from gdgui.core.descent.stationary import MAXIMUM, MINIMUM, SADDLE, StationaryJob, stationary_points

QUARTIC = "x^4 - 3*x^2 + y^2"
HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"


def _search(text: str, domain=None, **options):
    return stationary_points(objective_from_expr(text, domain), **options)


def _where(points) -> np.ndarray:
    """The points' (x, y), sorted, as rows of an array (pytest.approx compares arrays)."""
    return np.array(sorted((p.x, p.y) for p in points)).reshape(-1, 2)


def test_quartic_has_two_minima_and_a_saddle_between():
    # ∂f/∂x = 4x³ − 6x = 0 at x = 0, ±√1.5; ∂f/∂y = 2y = 0; f(±√1.5, 0) = 2.25 − 4.5 = −2.25.
    found = _search(QUARTIC)
    minima, saddles = found.of_kind(MINIMUM), found.of_kind(SADDLE)
    assert _where(minima) == pytest.approx(np.array([(-math.sqrt(1.5), 0), (math.sqrt(1.5), 0)]), abs=1e-9)
    assert [p.f for p in minima] == pytest.approx([-2.25, -2.25], abs=1e-12)
    assert [(p.x, p.y, p.f) for p in saddles] == [(0.0, 0.0, 0.0)]
    assert len(found.points) == 3 and all(p.smooth for p in found.points)
    listed = found.minima()
    assert len(listed) == 2 and all(m.is_global for m in listed)


def test_typed_himmelblau_finds_the_catalogs_four_minima_its_four_saddles_and_its_maximum():
    listed = _where(get_function("himmelblau").minima)  # resources/functions.json
    found = _search(HIMMELBLAU)
    assert _where(found.of_kind(MINIMUM)) == pytest.approx(listed, abs=1e-9)
    assert [p.f for p in found.of_kind(MINIMUM)] == pytest.approx([0] * 4, abs=1e-20)
    assert len(found.of_kind(SADDLE)) == 4
    # The local maximum, as given by Himmelblau (1972): f(−0.270845, −0.923039) = 181.617.
    (top,) = found.of_kind(MAXIMUM)
    assert (top.x, top.y, top.f) == pytest.approx((-0.270845, -0.923039, 181.617), abs=1e-3)


def test_typed_rosenbrock_has_one_minimum_at_one_one():
    found = _search("(1 - x)^2 + 100*(y - x^2)^2", (-2, 2, -1, 3))
    assert [(p.x, p.y, p.f, p.kind) for p in found.points] == [(1.0, 1.0, 0.0, MINIMUM)]


def test_abs_plus_abs_has_one_minimum_at_its_kink():
    found = _search("abs(x) + abs(y)")
    assert [(p.x, p.y, p.f, p.kind, p.smooth) for p in found.points] == [(0.0, 0.0, 0.0, MINIMUM, False)]
    assert found.minima()[0].is_global


def test_a_kink_off_the_origin_is_pinned_down_too():
    found = _search("abs(x - 1.5) + 2*abs(y + 0.5)")
    (kink,) = found.points
    assert (kink.x, kink.y) == pytest.approx((1.5, -0.5), abs=1e-9) and not kink.smooth


def test_a_kink_along_one_axis_only():
    (point,) = _search("abs(x) + y^2").points
    assert (point.x, point.y, point.kind, point.smooth) == (0.0, 0.0, MINIMUM, False)


def test_x_times_y_has_a_saddle_and_no_minimum():
    found = _search("x*y")
    assert [(p.x, p.y, p.kind) for p in found.points] == [(0.0, 0.0, SADDLE)]
    assert found.minima() == ()


@pytest.mark.parametrize("text", ["x - 2*y", "-(x^2 + y^2)", "3"])
def test_a_function_without_a_minimum_lists_none(text):
    found = _search(text)
    assert found.minima() == ()
    if text.startswith("-("):
        assert [(p.x, p.y, p.kind) for p in found.points] == [(0.0, 0.0, MAXIMUM)]


def test_a_flat_minimum_is_found_where_the_hessian_vanishes():
    # x⁴ + y⁴: ∇f and the Hessian are both 0 at the origin; f rises in every direction.
    assert [(p.x, p.y, p.kind) for p in _search("x^4 + y^4").points] == [(0.0, 0.0, MINIMUM)]
    assert [(p.x, p.y, p.kind) for p in _search("x^4 - y^4").points] == [(0.0, 0.0, SADDLE)]


def test_points_outside_the_domain_are_dropped():
    found = _search(QUARTIC, (0.5, 5, -2, 2))
    assert _where(found.points) == pytest.approx(np.array([(math.sqrt(1.5), 0)]), abs=1e-9)


def test_given_starts_find_a_narrow_well_the_lattice_misses():
    text = "(x^2 + y^2)/50 - exp(-200*((x - 2.63)^2 + (y - 2.63)^2))"
    assert _where(_search(text, grid=2).of_kind(MINIMUM)).tolist() == [[0.0, 0.0]]
    wells = _where(_search(text, grid=2, starts=[(2.6, 2.65)]).of_kind(MINIMUM))
    assert len(wells) == 2 and wells[1] == pytest.approx(np.array([2.63, 2.63]), abs=1e-3)


def test_overflow_and_undefined_values_never_raise():
    with np.errstate(all="raise"):
        # overflow on most of even a 40 × 40 lattice (x·y·100 > 709): the full lattice costs 15× more
        assert _search("exp(x*y*100)", grid=40).minima() == ()
        assert _search("log(-1 - x^2)", starts=[(np.nan, 0), (100, 100)]).points == ()  # undefined everywhere
        found = _search("log(x) + (x - 2)^2 + y^2")  # undefined for x ≤ 0
    # ∂f/∂x = 1/x + 2(x − 2) = 0 at x = 1 ± √2/2: a minimum, and (f'' < 0 in x) a saddle.
    assert _where(found.of_kind(MINIMUM)) == pytest.approx(np.array([(1 + math.sqrt(2) / 2, 0)]), abs=1e-9)
    assert _where(found.of_kind(SADDLE)) == pytest.approx(np.array([(1 - math.sqrt(2) / 2, 0)]), abs=1e-9)


def test_the_job_reports_progress_up_to_one_and_equals_the_one_call():
    job = StationaryJob(objective_from_expr(QUARTIC), grid=40)
    shares = list(job.chunks())
    assert shares == sorted(shares) and shares[-1] == 1.0
    assert job.result() == stationary_points(objective_from_expr(QUARTIC), grid=40)


def test_at_most_the_lowest_twelve_minima_are_listed_lowest_first():
    # Rastrigin typed: a local minimum near each whole point (x, y), 121 in [−5, 5]².
    found = _search("20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)")
    assert len(found.of_kind(MINIMUM)) == 121
    listed = found.minima()
    assert len(listed) == 12 and (listed[0].x, listed[0].y, listed[0].f) == (0, 0, 0)
    assert [m.is_global for m in listed] == [True] + [False] * 11
    assert [m.f for m in listed] == sorted(m.f for m in listed)


def test_with_minima_shares_the_tape_and_leaves_the_typed_objective_as_it_was():
    typed = objective_from_expr(QUARTIC)
    found = stationary_points(typed, grid=40)
    with_found = typed.with_minima(found.minima(), "numerical", found.points)
    assert typed.minima == () and typed.minima_source is None and typed.stationary == ()
    assert with_found.minima == found.minima() and with_found.minima_source == "numerical"
    assert with_found.stationary == found.points and with_found._tape is typed._tape
    assert get_function("himmelblau").minima_source == "catalog"
