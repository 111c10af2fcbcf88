"""The Descent tab end to end: widgets, map, paths, swarm, status, keys, scrubbing, theme."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QSlider, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.descent.tab import DescentTab

OBJECT_NAMES = ("functionCombo", "expressionEdit", "optimizerList", "lrSpin", "startXSpin", "startYSpin",
                "particlesSpin", "playButton", "stepButton", "resetButton", "randomStartButton",
                "contourPlot", "lossPlot", "statusLabel")


TAB_SIZE = (1500, 950)


def _quiesce(controller) -> None:
    controller.pause()
    controller.analysis.clear_basins()
    controller.analysis.clear_sweep()
    QThreadPool.globalInstance().waitForDone(10_000)


def _tab_state(tab) -> dict:
    """What the tab shows, for checking that the shared tab is back as it was built."""
    c, view = tab._controller, tab.contour_view
    return {
        "settings": c.state_dict(), "step": (c.frame.step, c.frame.latest), "playing": c.playing,
        "selected": c.selected_optimizer, "log colours": c.map_data.log, "basins": c.analysis.basins_shown,
        "projector": tab._theme.projector, "size": (tab.width(), tab.height()),
        "buttons": (view.field_button.isChecked(), view.arrow_button.isChecked(), view.basin_button.isChecked()),
        "loss log": tab.loss_view.log_check.isChecked(), "side tab": tab.side_tabs.currentIndex(),
        "sections": [group.header.isChecked() for group in tab.sidebar.groups],
        "formula": (tab.sidebar.function_panel.findChild(QLineEdit, "expressionEdit").text(),
                    tab.sidebar.function_panel.error.text()),
        "hover": view.hover_label.isVisible(), "sweep": tab.lr_explorer._sweep is None,
    }


@pytest.fixture(scope="module")
def _shared_tab(qapp):
    """One Descent tab (its controller and theme) for the module, and its state as built."""
    theme = ThemeController()
    widget = DescentTab(DescentController(), theme)
    widget.resize(*TAB_SIZE)
    yield widget, _tab_state(widget)
    _quiesce(widget._controller)
    widget.close()
    widget.deleteLater()


@pytest.fixture
def tab(_shared_tab):
    """The module's Descent tab as built: default settings at step 0, normal look, nothing toggled."""
    widget, built = _shared_tab
    controller, view = widget._controller, widget.contour_view
    _quiesce(controller)
    widget._theme.set_projector(False)
    controller.set_basins_shown(False)
    controller.apply_state(DescentSettings().to_dict())
    controller.select_optimizer(DescentSettings().optimizers[0])
    controller.reset()
    view.field_button.setChecked(built["buttons"][0])
    view.arrow_button.setChecked(built["buttons"][1])
    widget.loss_view.log_check.setChecked(built["loss log"])
    widget.side_tabs.setCurrentIndex(built["side tab"])
    for group, expanded in zip(widget.sidebar.groups, built["sections"]):
        group.set_expanded(expanded)
    widget.sidebar.function_panel.findChild(QLineEdit, "expressionEdit").setText(built["formula"][0])
    controller.check_expression(built["formula"][0])  # clears the error a half-typed formula showed
    view.hover_label.hide()
    widget.resize(*TAB_SIZE)
    assert _tab_state(widget) == built, "the shared tab did not reset"
    yield widget
    _quiesce(controller)


@pytest.fixture
def theme(tab):
    return tab._theme


@pytest.fixture
def shown_tab(activate, tab):
    activate(tab)
    tab.contour_view.plot_widget.setFocus()  # where a first show puts the keys
    return tab


def _child(tab, cls, name):
    widget = tab.findChild(cls, name)
    assert widget is not None, name
    return widget


def _gd_path(tab):
    return tab.contour_view.race.paths["gd"]


def test_every_named_widget_exists(tab):
    for name in OBJECT_NAMES:
        assert tab.findChild(QWidget, name) is not None, name


@pytest.mark.parametrize("function_id, domain", [
    ("quadratic", (-5, 5, -5, 5)), ("easom", (-10, 10, -10, 10)),
    ("himmelblau", (-5, 5, -5, 5)), ("ackley", (-5, 5, -5, 5)),
])
def test_selecting_a_seed_function_sets_image_and_domain(tab, function_id, domain):
    combo = _child(tab, QComboBox, "functionCombo")
    combo.setCurrentIndex(combo.findData(function_id))
    combo.activated.emit(combo.currentIndex())
    view, data = tab.contour_view, tab._controller.map_data
    assert data.objective.id == function_id
    np.testing.assert_array_equal(view.image.image, data.colour.T)
    rect = view.image.mapRectToParent(view.image.boundingRect())
    assert (rect.left(), rect.right(), rect.top(), rect.bottom()) == pytest.approx(domain)
    (x0, x1), (y0, y1) = view.view_box.viewRange()  # the whole domain, on equal axes (it is square)
    assert x0 <= domain[0] + 1e-6 and x1 >= domain[1] - 1e-6 and y0 <= domain[2] + 1e-6 and y1 >= domain[3] - 1e-6
    assert (x0, x1) == pytest.approx(domain[:2], abs=1e-6) or (y0, y1) == pytest.approx(domain[2:], abs=1e-6)
    width, height = view.view_box.viewPixelSize()
    assert view.aspect_button.isChecked() and width == pytest.approx(height, rel=1e-6)
    np.testing.assert_array_equal(view.contours.xData, data.contour_path[:, 0])
    assert np.isfinite(view.contours.xData).sum() > 100


def test_typed_formula_with_an_error_keeps_the_old_function(qtbot, tab):
    edit = _child(tab, QLineEdit, "expressionEdit")
    before = tab.contour_view.image.image.copy()
    edit.clear()
    qtbot.keyClicks(edit, "x^2 + * y")
    error = tab.sidebar.function_panel.error
    assert "Column 7" in error.text() and "not a valid formula" in error.text()
    assert tab.sidebar.function_panel.error_column == 7
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert tab._controller.settings.function == "quadratic"
    np.testing.assert_array_equal(tab.contour_view.image.image, before)
    edit.clear()
    qtbot.keyClicks(edit, "x^2 + y^4")
    assert error.text() == ""
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert tab._controller.map_data.objective.formula == "x^2 + y^4"
    assert _child(tab, QComboBox, "functionCombo").currentText() == "Custom…"


def test_clicking_the_plot_moves_the_start(qtbot, shown_tab):
    view = shown_tab.contour_view
    scene_point = view.view_box.mapViewToScene(QPointF(1.5, -2.0))
    pixel = view.plot_widget.mapFromScene(scene_point)
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pixel)
    x, y = shown_tab._controller.settings.start
    assert x == pytest.approx(1.5, abs=0.05) and y == pytest.approx(-2.0, abs=0.05)
    assert (view.start_marker.pos().x(), view.start_marker.pos().y()) == pytest.approx((x, y))


def test_step_button_advances_exactly_one_iteration(tab):
    _child(tab, QPushButton, "stepButton").click()
    assert len(_gd_path(tab).xData) == 2
    assert tab.transport.timeline.value() == 1


def test_quadratic_gamma_0_6_diverges_and_the_label_says_so(tab):
    tab.findChild(QWidget, "lrSpin").setValue(0.6)
    for _ in range(60):
        tab._controller.step()
    text = _child(tab, QLabel, "statusLabel").toolTip()  # the whole status; the label cuts what does not fit
    assert "γ is too large" in text and ("γ &lt; 0.5" in text or "γ < 0.5" in text)
    assert "overshoot" in tab.sidebar.lr_panel.stability.text()


def test_three_checked_optimizers_give_three_paths_and_loss_curves(tab):
    listing = _child(tab, QListWidget, "optimizerList")
    for row in range(listing.count()):
        if listing.item(row).data(Qt.ItemDataRole.UserRole) in ("momentum", "adam"):
            listing.item(row).setCheckState(Qt.CheckState.Checked)
    _child(tab, QPushButton, "stepButton").click()
    paths = [name for name, item in tab.contour_view.race.paths.items() if item.xData is not None and len(item.xData)]
    curves = [name for name, item in tab.loss_view.loss_curves.items() if item.xData is not None and len(item.xData)]
    assert paths == curves == ["gd", "momentum", "adam"]
    assert len(tab.contour_view.legend.items) == 3


def test_1000_particles_animate(qtbot, tab):
    tab.findChild(QWidget, "particlesSpin").setValue(1000)
    swarm = tab.contour_view.swarm
    before = np.concatenate([item.points for item in swarm.running.values()])
    assert len(before) == 1000
    _child(tab, QPushButton, "playButton").click()
    qtbot.waitUntil(lambda: tab._controller.frame.step >= 3, timeout=5000)
    after = np.concatenate([item.points for item in [*swarm.running.values(), *swarm.stopped.values()]])
    assert len(after) == 1000 and not np.array_equal(np.sort(after, axis=0), np.sort(before, axis=0))
    assert any(len(swarm.trails.segments(age)) for age in range(swarm.trails.ages))
    assert not tab.contour_view.start_marker.isVisible()


def test_keys_space_right_pgup_r_and_n(qtbot, shown_tab):
    c = shown_tab._controller
    qtbot.keyClick(shown_tab, Qt.Key.Key_Right)
    qtbot.keyClick(shown_tab, Qt.Key.Key_PageDown)
    assert c.frame.step == 2
    qtbot.keyClick(shown_tab, Qt.Key.Key_PageUp)
    assert c.frame.step == 1
    qtbot.keyClick(shown_tab, Qt.Key.Key_Space)
    assert c.playing
    qtbot.keyClick(shown_tab, Qt.Key.Key_Space)
    assert not c.playing
    qtbot.keyClick(shown_tab, Qt.Key.Key_R)
    assert c.frame.step == 0 and c.frame.latest == 0
    start = c.settings.start
    qtbot.keyClick(shown_tab, Qt.Key.Key_N)
    assert c.settings.seed == 1 and c.settings.start != start


def test_keys_work_with_focus_in_the_sidebar_but_not_while_typing(qtbot, shown_tab):
    c = shown_tab._controller
    _child(shown_tab, QListWidget, "optimizerList").setFocus()
    qtbot.keyClick(shown_tab.focusWidget(), Qt.Key.Key_Right)
    assert c.frame.step == 1
    edit = _child(shown_tab, QLineEdit, "expressionEdit")
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "r n")
    assert edit.text() == "r n"
    assert c.frame.step == 1 and not c.playing and c.settings.seed == 0


def test_scrubber_shows_step_k(tab):
    for _ in range(10):
        tab._controller.step()
    timeline = _child(tab, QSlider, "timelineSlider")
    timeline.setValue(4)
    history = tab._controller.record.run.history
    path = _gd_path(tab)
    assert len(path.xData) == 5
    spots = tab.contour_view.race.markers.points()
    assert (spots[0].pos().x(), spots[0].pos().y()) == pytest.approx(tuple(history[4, 0, :2]))
    assert tab.loss_view.loss_marker.value() == 4


def test_loss_plot_log_toggle_switches_between_gap_and_f(tab):
    for _ in range(5):
        tab._controller.step()
    curve = tab.loss_view.loss_curves["gd"]
    series = tab._controller.frame.loss[0]
    np.testing.assert_allclose(curve.yData, series.gap)
    tab.loss_view.log_check.setChecked(False)
    np.testing.assert_allclose(curve.yData, series.f)


def test_projector_theme_enlarges_fonts_lines_and_markers(tab, theme):
    theme.set_projector(True)
    label = tab.sidebar.start_panel.findChild(QLabel)
    label.ensurePolished()
    assert label.font().pointSize() >= 18
    assert _gd_path(tab).opts["pen"].widthF() >= 3
    tick_font = tab.contour_view.plot_widget.getAxis("bottom").style["tickFont"]
    assert tick_font.pointSize() >= 18
    assert tab.contour_view.swarm.running[0]._style[1] >= theme.sizes.marker_px * 0.7


def test_basin_map_toggle_draws_the_map_with_a_legend(qtbot, tab):
    tab._controller.apply_state({"function": "himmelblau", "lr": 0.01, "max_steps": 150, "particles": 200})
    overlay = tab.contour_view.basins
    with qtbot.waitSignal(tab._controller.analysis.basins_changed, timeout=30_000):
        tab.contour_view.basin_button.setChecked(True)
    assert overlay.image.isVisible() and overlay.image.image is not None
    legend = overlay.legend.text().replace("&nbsp;", " ")
    assert "Basins" in legend and "(3, 2)" in legend
    tab.contour_view.basin_button.setChecked(False)
    assert not overlay.image.isVisible()


def test_basins_button_follows_a_basin_map_switched_on_elsewhere(tab):
    """A slide or a session that shows the basin map leaves the button pressed, so one click hides it."""
    button = tab.contour_view.basin_button
    tab._controller.set_basins_shown(True)
    assert button.isChecked()
    tab._controller.analysis.cancel_basins()
    tab._controller.set_basins_shown(False)
    assert not button.isChecked() and not tab.contour_view.basins.image.isVisible()


def test_clicking_the_lr_explorer_sets_gamma(qtbot, shown_tab):
    shown_tab.side_tabs.setCurrentWidget(shown_tab.lr_explorer)
    explorer = shown_tab.lr_explorer
    qtbot.waitUntil(lambda: explorer._sweep is not None, timeout=30_000)
    view_box = explorer.plot_widget.getPlotItem().getViewBox()
    assert view_box.viewRange()[0] == pytest.approx([-5, 1], abs=0.01)  # γ from 10⁻⁵ to 10, log axis
    scene_point = view_box.mapViewToScene(QPointF(-2.0, np.mean(view_box.viewRange()[1])))
    pixel = explorer.plot_widget.mapFromScene(scene_point)
    qtbot.mouseClick(explorer.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pixel)
    assert shown_tab._controller.settings.lr == pytest.approx(0.01, rel=0.05)
    assert explorer.lr_line.value() == pytest.approx(np.log10(shown_tab._controller.settings.lr))


def test_hover_shows_f_and_its_gradient_from_the_core(qtbot, shown_tab):
    view = shown_tab.contour_view
    scene_point = view.view_box.mapViewToScene(QPointF(1.0, 2.0))
    view.plot_widget.scene().sigMouseMoved.emit(scene_point)
    # x² + 2y² at (1, 2) = 9, ∇f = (2x, 4y) = (2, 8).
    assert view.hover_label.text() == "f(1, 2) = 9    ∇f = (2, 8)"
    label_box = view.hover_label.geometry()
    assert view.hover_label.isVisible() and view.plot_widget.rect().contains(label_box)  # on the map
    view.plot_widget.scene().sigMouseMoved.emit(QPointF(1.0, 1.0))  # over the axes' corner, off the map
    assert not view.hover_label.isVisible()


def test_gradient_field_toggle_draws_the_core_arrows(tab):
    view = tab.contour_view
    assert not view.field_arrows.isVisible()
    view.field_button.setChecked(True)
    assert view.field_arrows.isVisible()
    np.testing.assert_array_equal(view.field_arrows.xData, tab._controller.map_data.arrows[:, 0])


def test_step_arrow_is_minus_gamma_times_the_gradient(tab):
    tab.contour_view.arrow_button.setChecked(True)
    arrow = tab.contour_view.race.arrows["gd"]
    # At the start (−4, 3.5): −0.1·∇f = −0.1·(−8, 14) = (0.8, −1.4).
    assert (arrow.xData[1] - arrow.xData[0], arrow.yData[1] - arrow.yData[0]) == pytest.approx((0.8, -1.4))


def test_lr_slider_and_spin_follow_each_other(tab):
    panel = tab.sidebar.lr_panel
    panel.slider.setValue(300)  # 10⁻⁵ · 10^3 = 0.01
    assert tab._controller.settings.lr == 0.01 and panel.spin.value() == 0.01
    panel.spin.setValue(0.5)
    assert panel.slider.value() == round(100 * np.log10(0.5 / 1e-5))


def test_domain_fields_and_default_button(tab):
    spins = tab.sidebar.function_panel.domain_spins
    spins[1].setValue(2.0)
    spins[1].editingFinished.emit()
    assert tab._controller.map_data.domain == (-5, 2, -5, 5)
    assert tab.contour_view.view_box.viewRange()[0] == pytest.approx([-5, 2])
    tab.sidebar.function_panel.default_domain_button.click()
    assert tab._controller.map_data.domain == (-5, 5, -5, 5)


def test_hyper_parameters_of_the_selected_optimizer_apply_live(tab):
    listing = _child(tab, QListWidget, "optimizerList")
    adam = next(listing.item(r) for r in range(listing.count()) if listing.item(r).data(Qt.ItemDataRole.UserRole) == "adam")
    adam.setCheckState(Qt.CheckState.Checked)
    listing.setCurrentItem(adam)
    spins = tab.sidebar.optimizer_panel.hyper_spins
    assert set(spins) == {"beta1", "beta2", "eps"} and spins["beta1"].value() == 0.9
    tab._controller.step()
    spins["beta1"].setValue(0.5)
    assert tab._controller.frame.step == 1  # no reset
    adam_in_run = next(o for o in tab._controller.record.run.optimizers if o.name == "adam")
    assert adam_in_run.beta1 == 0.5


def test_every_control_has_a_tooltip(tab):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QTabBar

    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QSlider, QLineEdit, QListWidget)
    # Parts of Qt's own widgets (a spin box's line edit, a tab bar's scroll arrows) are not ours.
    controls = [w for kind in kinds for w in tab.findChildren(kind)
                if not isinstance(w.parent(), (QAbstractSpinBox, QTabBar))]
    silent = [f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()}"
              for w in controls if not w.toolTip()]
    assert len(controls) > 30 and silent == []


def test_a_section_title_folds_its_section_away_and_back(qtbot, shown_tab):
    group = shown_tab.sidebar.groups[0]  # Function
    assert group.body.isVisible() and group.header.text() == "▾  Function"
    qtbot.mouseClick(group.header, Qt.MouseButton.LeftButton)
    assert not group.body.isVisible() and group.header.text() == "▸  Function"
    qtbot.mouseClick(group.header, Qt.MouseButton.LeftButton)
    assert group.body.isVisible() and group.header.text() == "▾  Function"


def test_a_dragged_splitter_stays_where_the_user_put_it_when_settings_change(shown_tab):
    """A settings change refits the side panels (a status row more or less is the map's height):
    it must not share the width out afresh and undo the user's drag."""
    QApplication.processEvents()
    sizes = shown_tab.splitter.sizes()
    dragged = [sizes[0] + 40, sizes[1] - 40, sizes[2]]
    shown_tab.splitter.setSizes(dragged)
    dragged = shown_tab.splitter.sizes()
    shown_tab._controller.set_lr(0.05)
    shown_tab._controller.set_optimizer_checked("adam", True)  # a second status row
    QApplication.processEvents()
    assert shown_tab.splitter.sizes() == dragged
