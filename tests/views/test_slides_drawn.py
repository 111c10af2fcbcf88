"""The course deck's Descent slides show what their captions say: read from what the map draws,
the deck driven as a lecturer drives it (Page Down, Right)."""

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

SLIDE_3, SLIDE_6, SLIDE_7 = 3, 6, 7


def _open_slide(qtbot, gui, number: int):
    """The course deck at slide ``number`` (1-based), turned to with Page Down; the map has the keys."""
    gui.window.course_deck_action.trigger()
    view = gui.window.tabs.widget(0).contour_view
    view.plot_widget.setFocus()
    for _ in range(number - 1):
        qtbot.keyClick(view.plot_widget, Qt.Key.Key_PageDown)
    assert gui.deck.index == number - 1
    return view


def _step(qtbot, view, count: int) -> None:
    for _ in range(count):
        qtbot.keyClick(view.plot_widget, Qt.Key.Key_Right)


def test_slide_3_marks_where_the_diverging_path_leaves_the_map(qtbot, gui):
    view = _open_slide(qtbot, gui, SLIDE_3)
    mark = view.race.exits["gd"]
    _step(qtbot, view, 1)  # (−4, 3.5) → (0.8, −4.9): still on the map
    assert not mark.label.isVisible() and not mark.arrow.isVisible()
    _step(qtbot, view, 4)
    # By hand, x ← (1 − 2γ)x, y ← (1 − 4γ)y at γ = 0.6: (0.8, −4.9), then (−0.16, 6.86), off the top (y = 5)
    # at step 2, crossing it at t = 9.9 / 11.76 of that step.
    assert mark.label.isVisible() and mark.label.textItem.toPlainText() == "off the map\nat step 2"
    t = 9.9 / 11.76
    edge = (0.8 - 0.96 * t, 5.0)
    assert (mark.arrow.pos().x(), mark.arrow.pos().y()) == pytest.approx(edge, abs=1e-9)
    # The head points the way that step went, (−0.96, 11.76): up the screen and a little left, on equal
    # axes. An ArrowItem at angle 0 points left, and its angle turns it clockwise on screen (90: up).
    assert mark.arrow.opts["angle"] == pytest.approx(90 - math.degrees(math.atan(0.96 / 11.76)))
    solid = view.race.paths["gd"]
    assert (solid.xData[-1], solid.yData[-1]) == pytest.approx(edge, abs=1e-9)  # the path on the map ends there
    assert list(solid.yData[:-1]) == pytest.approx([3.5, -4.9])
    beyond = mark.beyond.yData  # the rest, thin and dashed: y grows ×(−1.4) a step
    assert list(beyond) == pytest.approx([5.0, 6.86, -9.604, 13.4456, -18.82384])
    assert mark.beyond.opts["pen"].style() == Qt.PenStyle.DashLine
    on_map = view.view_box.sceneBoundingRect()
    assert on_map.contains(mark.label.sceneBoundingRect())  # the words are on the map, readable
    assert not mark.label.sceneBoundingRect().intersects(view.legend.sceneBoundingRect())


def test_equal_axes_by_default_on_a_square_domain_and_the_user_may_turn_them_off(qtbot, gui):
    view = _open_slide(qtbot, gui, 1)  # the bowl x² + 2y² on [−5, 5]²
    width, height = view.view_box.viewPixelSize()
    assert view.aspect_button.isChecked() and width == pytest.approx(height, rel=1e-6)
    view.aspect_button.click()
    view.reset_zoom()
    width, height = view.view_box.viewPixelSize()
    assert not view.aspect_button.isChecked() and width != pytest.approx(height, rel=0.05)
    _step(qtbot, view, 1)
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_PageDown)  # the same bowl and domain: the user's choice holds
    assert not view.aspect_button.isChecked()
    view.aspect_button.click()  # put back
    assert view.aspect_button.isChecked()


def test_slide_6_converged_particles_stay_visible_on_the_minima_stars(qtbot, gui):
    view = _open_slide(qtbot, gui, SLIDE_6)
    gui.descent.step(gui.descent.settings.max_steps)
    converged = view.swarm.stopped["converged"]
    stars = np.column_stack(view.minima.getData())
    assert len(converged.points) == 4 and converged.isVisible()
    for point in converged.points:  # each sits on a star …
        assert np.hypot(*(stars - point).T).min() < 1e-3
    assert converged.zValue() > view.minima.zValue()  # … and is drawn above it, not under it


def test_slide_7_trails_fade_behind_the_swarm_and_basins_replace_the_colour_bar(qtbot, gui):
    view = _open_slide(qtbot, gui, SLIDE_7)
    qtbot.waitUntil(view.basins.image.isVisible, timeout=60_000)
    layout = view.plot_widget.getPlotItem().layout
    assert not view.colour_bar.isVisible() and view.basins.legend.isVisible()
    assert view.colour_bar not in [layout.itemAt(i) for i in range(layout.count())]
    _step(qtbot, view, 3)
    running = np.concatenate([item.points for item in view.swarm.running.values()])
    trails = view.swarm.trails
    newest = trails.segments(0)
    ends, starts = newest[1::2], newest[0::2]
    assert len(ends) > 100 and all(np.any(np.all(running == end, axis=1)) for end in ends[:50])
    assert np.hypot(*(ends - starts).T).min() > 0  # each segment is the last step a particle took
    alphas = [trails.pen(age).color().alpha() for age in range(trails.ages)]
    assert alphas == sorted(alphas, reverse=True) and alphas[0] > alphas[-1]  # older, fainter
    assert all(len(trails.segments(age)) for age in range(3))  # three steps back
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_PageUp)  # slide 6: no basin map, f's colours again
    assert view.colour_bar.isVisible() and not view.basins.image.isVisible()
    assert view.colour_bar in [layout.itemAt(i) for i in range(layout.count())]


def _grad_texts(tab) -> dict[str, str]:
    inputs = tab.controller.graph.input_ids()
    return {name: next(w for e, w in tab.scene.wires.items() if e.src == node_id).grad_label.text()
            for name, node_id in inputs.items()}


def test_slide_9_opens_unsolved_right_steps_a_gate_and_end_shows_every_gradient(qtbot, gui):
    view = _open_slide(qtbot, gui, 8)
    qtbot.keyClick(view.plot_widget, Qt.Key.Key_PageDown)  # slide 9: f = (x1 + x2) · x3
    tab = gui.window.tabs.currentWidget()
    assert tab is gui.window.tabs.widget(1) and gui.deck.index == 8
    names = tab.controller.names()
    values = {names[e.src]: w.value_label.text() for e, w in tab.scene.wires.items()}
    # By hand at x1 = 1, x2 = 3, x3 = −2: p = x1 + x2 = 4 on its wire, and no gradient yet.
    assert values == {"x1": "1", "x2": "3", "x3": "−2", "p": "4"}
    assert set(_grad_texts(tab).values()) == {""}
    rows = tab.chain_panel.rows()
    assert rows[0] == "p = x1 + x2 = 1 + 3 = 4" and not any("∂" in row for row in rows)  # the forward pass only
    tab.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_Right)  # Right steps a gate: the backward pass begins at f
    assert len(tab.chain_panel.rows()) == len(rows) + 1 and "∂f/∂f" in tab.chain_panel.rows()[-1]
    qtbot.keyClick(tab, Qt.Key.Key_End)
    assert _grad_texts(tab) == {"x1": "−2", "x2": "−2", "x3": "4"}  # ∂f/∂x1 = ∂f/∂x2 = x3, ∂f/∂x3 = p


@pytest.mark.parametrize("start", [(4.9, 3.5), (-4.9, 3.5), (4.9, -3.5)])
def test_the_words_of_a_path_that_left_near_a_corner_stay_on_the_map(qtbot, gui, start):
    """Centred on its exit point, "off the map at step 2" of a path that left through the top next to the
    right edge read "off the m": it slides along the edge onto the map."""
    gui.descent.set_expression("2*y^2")  # x stays where it starts, y ← −1.4·y at γ = 0.6: out at step 2
    gui.descent.set_lr(0.6)
    gui.descent.set_start(*start)
    gui.descent.step(4)
    view = gui.window.tabs.widget(0).contour_view
    mark = view.race.exits["gd"]
    assert mark.label.isVisible() and mark.label.textItem.toPlainText() == "off the map\nat step 2"
    assert view.view_box.sceneBoundingRect().contains(mark.label.sceneBoundingRect())
    arrow = view.view_box.mapViewToScene(mark.arrow.pos())
    label = mark.label.sceneBoundingRect()
    assert label.left() <= arrow.x() <= label.right()  # still beside its arrow
