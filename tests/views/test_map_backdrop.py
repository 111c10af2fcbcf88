"""The map's still layers (colours, basins, contour lines, −∇f arrows) reach the screen as one cached
picture, the view's background (``views/descent/map_items/backdrop.py``). Read as the user sees them:
after every change of a still layer, and at frames of a playing swarm or race, the map grabbed from the
window is the map the layers draw themselves (the backdrop switched off, as before it existed); and
an export holds the layers themselves, never the picture."""

import re
import time

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.descent.map_items import backdrop as backdrop_module
from gdgui.views.descent.tab import DescentTab
from gdgui.views.shell.exports import export_plot_png, export_plot_svg

SWARM = {"function": "himmelblau", "optimizers": ["gd"], "lr": 0.001, "particles": 2000, "tol": 0,
         "max_steps": 100_000}
RACE = {"function": "himmelblau", "optimizers": ["gd", "momentum", "adam", "rmsprop"], "lr": 0.01,
        "start": [0, 0], "particles": 1, "tol": 0, "max_steps": 100_000}
# What the window shows after frames repainted only around the particles, against the map drawn
# whole: where lines cross, antialiasing can round a pixel or two with the clip a paint is given
# (tests/views/test_map_repaints.py); a stale picture differs in thousands of pixels.
ROUNDED_PX = 12
CHANGED_PX = 2000  # a change below differs from the map before it in more pixels than this


@pytest.fixture(scope="module")
def shown(qapp):
    controller, theme = DescentController(), ThemeController()
    tab = DescentTab(controller, theme)
    tab.resize(1400, 900)
    tab.show()
    _settle()
    yield tab, controller, theme
    tab.close()


@pytest.fixture
def swarm(shown):
    tab, controller, theme = shown
    controller.apply_state(SWARM)
    controller.reset()
    controller.step(20)
    _settle()
    view = tab.contour_view
    log = view.log_button.isChecked()
    yield tab, controller, theme
    view.log_button.setChecked(log)
    for button in (view.field_button, view.basin_button):
        button.setChecked(False)
    theme.set_projector(False)
    tab.resize(1400, 900)
    controller.reset_domain()
    view.reset_zoom()
    _settle()


def _settle(seconds: float = 0.0):
    """Qt's events, for at least ``seconds`` (a zoom samples the map again 150 ms after it stops)."""
    end = time.monotonic() + seconds
    while True:
        for _ in range(5):
            QApplication.processEvents()
        if time.monotonic() >= end:
            return
        time.sleep(0.01)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :4 * image.width()].reshape(image.height(), image.width(), 4).astype(int)


def _on_screen(view) -> np.ndarray:
    """The map as the window shows it now: with the backdrop, as it was last drawn."""
    return _pixels(view.plot_widget.grab().toImage())


def _drawn_by_the_layers(view) -> np.ndarray:
    """The map with every still layer painting itself, as before the backdrop (then switched back on)."""
    view.backdrop.set_enabled(False)
    try:
        return _on_screen(view)
    finally:
        view.backdrop.set_enabled(True)


def _differing(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    """(pixels that differ, by how much at most in a channel)."""
    if a.shape != b.shape:
        return a.size, 255
    gap = np.abs(a - b).max(axis=2)
    return int((gap > 0).sum()), int(gap.max())


def _assert_as_the_layers_draw_it(view) -> np.ndarray:
    """The map on the screen is, byte for byte, the map its layers draw themselves."""
    shown = _on_screen(view)
    assert _differing(shown, _drawn_by_the_layers(view)) == (0, 0)
    return shown


def _wheel(view, clicks: int) -> None:
    plot = view.plot_widget
    centre = plot.viewport().rect().center()
    for _ in range(abs(clicks)):
        event = QWheelEvent(QPointF(centre), QPointF(plot.viewport().mapToGlobal(centre)), QPoint(0, 0),
                            QPoint(0, 120 if clicks > 0 else -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(plot.viewport(), event)


def _basins(tab, controller, _theme):
    tab.contour_view.basin_button.setChecked(True)
    deadline = time.monotonic() + 30
    while not tab.contour_view.basins.image.isVisible() and time.monotonic() < deadline:
        _settle(0.05)


def _zoomed(tab, _controller, _theme):
    _wheel(tab.contour_view, 3)


def _zoomed_then_reset(tab, controller, theme):
    _zoomed(tab, controller, theme)
    _settle(0.3)
    tab.contour_view.home_button.click()


def _rosenbrock(tab, controller, _theme):
    combo = tab.sidebar.function_panel.combo
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    assert controller.settings.function == "rosenbrock"


# Each a change of a still layer or of where it is drawn, as a user makes it.
CHANGES = {
    "function": _rosenbrock,
    "domain": lambda tab, c, t: tab.sidebar.function_panel.domain_spins[1].setValue(3.0),
    "log colours": lambda tab, c, t: tab.contour_view.log_button.toggle(),
    "−∇f arrows": lambda tab, c, t: tab.contour_view.field_button.setChecked(True),
    "basins": _basins,
    "wheel zoom": _zoomed,
    "pan": lambda tab, c, t: tab.contour_view.view_box.translateBy(x=0.7, y=-0.4),  # what a drag calls
    "reset zoom": _zoomed_then_reset,
    "window size": lambda tab, c, t: tab.resize(1100, 760),
    "projector mode": lambda tab, c, t: t.set_projector(True),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_of_a_still_layer_shows_at_once(swarm, change):
    tab, controller, theme = swarm
    view = tab.contour_view
    before = _on_screen(view)
    CHANGES[change](tab, controller, theme)
    _settle()
    now = _assert_as_the_layers_draw_it(view)  # at once: before the zoomed part is sampled again
    assert _differing(before, now)[0] > CHANGED_PX  # the change is on the screen
    _settle(0.3)
    _assert_as_the_layers_draw_it(view)  # and once sampled again


@pytest.mark.parametrize("run", [SWARM, RACE], ids=["swarm", "race"])
def test_a_playing_run_is_drawn_over_the_same_map_frame_after_frame(swarm, run):
    tab, controller, _ = swarm
    controller.apply_state(run)
    controller.reset()
    view = tab.contour_view
    view.field_button.setChecked(True)  # arrows under the particles and paths too
    _settle()
    for _ in range(4):
        for _ in range(5):  # frames repainting only around the particles
            controller.step(8)
            _settle()
        _assert_as_the_layers_draw_it(view)
    screen = QApplication.primaryScreen()
    viewport = view.plot_widget.viewport()
    corner = viewport.mapToGlobal(viewport.rect().topLeft())
    in_window = _pixels(screen.grabWindow(0, corner.x(), corner.y(), viewport.width(), viewport.height()).toImage())
    view.backdrop.set_enabled(False)
    try:
        count, most = _differing(in_window, _pixels(viewport.grab().toImage()))
    finally:
        view.backdrop.set_enabled(True)
    assert count <= ROUNDED_PX, (count, most)  # what the partial repaints left: nothing stale


def _png(view, path, backdrop: bool) -> np.ndarray:
    view.backdrop.set_enabled(backdrop)
    try:
        export_plot_png(view.plot_widget, path)
    finally:
        view.backdrop.set_enabled(True)
    return _pixels(QImage(str(path)))


def test_a_png_export_holds_the_layers_themselves_and_not_the_picture(swarm, tmp_path, monkeypatch):
    """The export renders the scene, not the view's background: with the backdrop as without it, the
    same bytes. Had the layers stayed hidden through it (no switch), the colours would be missing."""
    tab, _, _ = swarm
    view = tab.contour_view
    _basins(tab, None, None)
    view.field_button.setChecked(True)
    _settle()
    exported = _png(view, tmp_path / "with.png", True)
    assert np.array_equal(exported, _png(view, tmp_path / "without.png", False))
    monkeypatch.setattr(backdrop_module._ExportSwitch, "setExportMode", pg.GraphicsObject.setExportMode)
    bare = _png(view, tmp_path / "bare.png", True)
    monkeypatch.undo()
    assert _differing(exported, bare)[0] > 100_000
    _assert_as_the_layers_draw_it(view)  # the screen after an export: the layers again only in the picture


def test_an_svg_export_keeps_the_contour_lines_as_vectors_with_or_without_the_backdrop(swarm, tmp_path):
    tab, _, _ = swarm
    view = tab.contour_view
    svgs = {}
    for backdrop in (True, False):
        view.backdrop.set_enabled(backdrop)
        try:
            export_plot_svg(view.plot_widget, tmp_path / f"{backdrop}.svg")
        finally:
            view.backdrop.set_enabled(True)
        svgs[backdrop] = (tmp_path / f"{backdrop}.svg").read_text(encoding="utf-8")
    assert svgs[True] == svgs[False]
    contour_x = view.contours.getData()[0]
    # The contour lines: one path of (nearly) as many vertices as the item holds, not a picture.
    longest = max(len(re.findall(r"[ML]", d)) for d in re.findall(r'<path[^>]* d="([^"]*)"', svgs[True]))
    assert longest >= 0.5 * np.isfinite(contour_x).sum()
