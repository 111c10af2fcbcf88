"""The loss plots hold their ranges while a run plays, and draw a curve's points at most one a pixel.

The steps' axis ends at 10, 20, 40, … (the first at or past the latest step, or while a run plays the
step it reaches a few frames on); f and ‖∇f‖ move only when the data leave the view or fill too
little of it (the rules: tests/core/descent/test_traces.py). A frame whose data stay in view leaves
both ranges as they were: no auto-range, no second paint, no ticks written again.
"""

import math

import numpy as np
import pytest

from gdgui.views.shell.screenshot import lay_out

RACE = {"function": "himmelblau", "optimizers": ["gd", "momentum", "adam", "rmsprop"], "lr": 0.001,
        "start": [0, 0], "tol": 0, "max_steps": 100_000}


@pytest.fixture
def loss_view(gui):
    tab = gui.window.tabs.widget(0)
    tab.side_tabs.setCurrentWidget(tab.loss_view)
    lay_out(gui.window, (1400, 900))
    gui.descent.apply_state(RACE)
    yield tab.loss_view
    tab.side_tabs.setCurrentIndex(0)


def _ranges(view):
    return [tuple(map(tuple, plot.getPlotItem().getViewBox().viewRange())) for plot in (view.loss_plot, view.grad_plot)]


def _drawn_extent(curves, log: bool) -> tuple[float, float]:
    values = np.concatenate([item.yData for item in curves.values() if item.isVisible() and item.yData is not None])
    values = values[np.isfinite(values) & (values > 0)] if log else values[np.isfinite(values)]
    values = np.log10(values) if log else values
    return float(values.min()), float(values.max())


def test_a_frame_whose_data_stay_in_view_keeps_both_ranges(gui, loss_view):
    gui.descent.apply_state({"optimizers": ["gd"]})  # plain GD: f − f* falls at every step
    gui.descent.step(300)
    before, extent = _ranges(loss_view), _drawn_extent(loss_view.loss_curves, True)
    gui.descent.step()  # a new lowest point (auto-range would fit the view to it), still in view
    assert _drawn_extent(loss_view.loss_curves, True) != extent
    assert loss_view.loss_curves["gd"].xData[-1] == 301
    assert _ranges(loss_view) == before
    gui.descent.step_back()  # the same curves, the dot and the line one step back
    assert _ranges(loss_view) == before


def test_ranges_follow_the_run_in_steps(gui, loss_view):
    gui.descent.step(150)
    (x_range, y_loss), (_, y_grad) = _ranges(loss_view)
    assert x_range[0] < 0 and 160 < x_range[1] < 170  # 0 … 160, and 2 % to spare
    assert y_loss[0] <= _drawn_extent(loss_view.loss_curves, True)[0]
    assert _drawn_extent(loss_view.loss_curves, True)[1] <= y_loss[1]
    assert y_grad[0] <= _drawn_extent(loss_view.grad_curves, True)[0]
    assert _drawn_extent(loss_view.grad_curves, True)[1] <= y_grad[1]
    gui.descent.step(20)
    assert 320 < _ranges(loss_view)[0][0][1] < 330  # step 170: the axis doubled


def test_a_playing_run_s_step_axis_has_room_for_a_quarter_second_ahead(gui, loss_view):
    gui.descent.apply_state({"optimizers": ["gd"], "speed": 1000})
    gui.descent.play()  # the timer runs, but no event is processed: the steps below are its frames
    try:
        gui.descent.step(17)  # 17 + 250 steps ahead: 0 … 320, not 0 … 20
        assert 320 < _ranges(loss_view)[0][0][1] < 330
        for _ in range(3):
            gui.descent.step(17)
        assert 320 < _ranges(loss_view)[0][0][1] < 330  # step 68: 318 still inside
        gui.descent.step(17)
        assert 640 < _ranges(loss_view)[0][0][1] < 660  # step 85: 335 past it
    finally:
        gui.descent.pause()
    assert 640 < _ranges(loss_view)[0][0][1] < 660  # paused: the axis stays where it was


def test_log_ranges_fit_the_run_in_whole_decades_when_it_stops_playing(gui, loss_view):
    gui.descent.apply_state({"optimizers": ["gd"], "speed": 1000})
    gui.descent.play()
    try:
        for _ in range(12):
            gui.descent.step(17)
        playing = _ranges(loss_view)
    finally:
        gui.descent.pause()
    for (_, y_range), curves, was in zip(_ranges(loss_view), (loss_view.loss_curves, loss_view.grad_curves), playing):
        low, high = _drawn_extent(curves, True)
        assert y_range[0] < low and high < y_range[1]
        assert y_range == tuple(map(float, map(round, y_range)))  # from a decade to a decade
        # the data's extent, a quarter of it (at least half a decade) either side, rounded out to decades,
        # at most a quarter taller
        assert y_range[1] - y_range[0] <= 1.25 * (1.5 * (high - low) + 2)
        assert y_range[1] - y_range[0] < was[1][1] - was[1][0]  # played, it had room for twice the data's fall


def test_every_curve_stays_in_view_on_a_linear_axis(gui, loss_view):
    loss_view.log_check.setChecked(False)
    gui.descent.step(400)
    low, high = _drawn_extent(loss_view.loss_curves, False)
    y_range = _ranges(loss_view)[0][1]
    assert y_range[0] <= low and high <= y_range[1]
    loss_view.log_check.setChecked(True)


def test_curves_hold_at_most_a_point_per_pixel_and_keep_their_ends(gui, loss_view):
    gui.descent.step(5000)
    width = loss_view.loss_plot.getPlotItem().getViewBox().width()
    series = {s.name: s for s in gui.descent.frame.loss}
    assert len(next(iter(series.values())).steps) > width  # more steps recorded than pixels to show them
    for name, curve in loss_view.loss_curves.items():
        if name not in series:
            continue
        s = series[name]
        assert 2 <= len(curve.xData) <= width
        assert (curve.xData[0], curve.xData[-1]) == (s.steps[0], s.steps[-1])  # step 0 and the latest
        assert (curve.yData[0], curve.yData[-1]) == pytest.approx((s.gap[0], s.gap[-1]), nan_ok=True)
        assert (loss_view.grad_curves[name].yData[-1]) == pytest.approx(s.grad_norm[-1], nan_ok=True)


def test_a_wider_plot_draws_its_curves_again_at_its_new_width(gui, loss_view):
    gui.descent.step(3000)
    narrow = len(loss_view.loss_curves["gd"].xData)
    lay_out(gui.window, (1900, 1000))
    width = loss_view.loss_plot.getPlotItem().getViewBox().width()
    assert narrow < len(loss_view.loss_curves["gd"].xData) <= width
    lay_out(gui.window, (1400, 900))


def test_the_dots_sit_on_each_curve_at_the_step_shown(gui, loss_view):
    gui.descent.step(40)
    gui.descent.seek(25)
    for series in gui.descent.frame.loss:
        gap, grad = series.gap[25], series.grad_norm[25]  # on log axes: the dots at log10 of the values
        assert loss_view.loss_now[series.name].points.ravel().tolist() == pytest.approx([25, math.log10(gap)])
        assert loss_view.grad_now[series.name].points.ravel().tolist() == pytest.approx([25, math.log10(grad)])
        assert loss_view.loss_now[series.name].fill.lower() == loss_view.loss_curves[series.name].opts["pen"].color().name()
    loss_view.log_check.setChecked(False)  # f itself on a linear axis
    for series in gui.descent.frame.loss:
        assert loss_view.loss_now[series.name].points.ravel().tolist() == pytest.approx([25, series.f[25]])
    loss_view.log_check.setChecked(True)
