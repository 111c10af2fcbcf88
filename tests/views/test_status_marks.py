"""Why a particle stopped is told by a colour no optimizer has and by a shape of its own, on the map
and in the status text: checked on the drawn markers (their pixels) and on the label's text."""

import itertools

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.theme import STATUS_COLOURS, STATUS_SYMBOLS, ThemeController
from gdgui.core.descent.settings import OPTIMIZER_LABELS, optimizer_colour_index
from gdgui.core.descent.stop_reasons import STATUS_WORDS
from gdgui.views.descent.contour_layers import STATUS_SHAPES
from gdgui.views.descent.point_cloud import SHAPES
from gdgui.views.descent.tab import DescentTab

OPTIMIZER_COLOURS = {name: ThemeController.colour(optimizer_colour_index(name)) for name in OPTIMIZER_LABELS}
# sRGB → XYZ (D65), and Machado, Oliveira & Fernandes (2009)'s deuteranopia at severity 1 on linear RGB.
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                          [-0.011820, 0.042940, 0.968881]])


def _linear(colour: str) -> np.ndarray:
    c = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = _XYZ @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e(a: str, b: str, deuteranope: bool = False) -> float:
    """CIE76 ΔE between two colours, as seen with normal vision or by a deuteranope."""
    seen = (lambda c: np.clip(_DEUTERANOPIA @ c, 0, 1)) if deuteranope else (lambda c: c)
    return float(np.linalg.norm(_lab(seen(_linear(a))) - _lab(seen(_linear(b)))))


def _contrast_on_white(colour: str) -> float:
    return 1.05 / ((_XYZ @ _linear(colour))[1] + 0.05)


@pytest.mark.parametrize("status", sorted(STATUS_COLOURS))
def test_no_status_colour_is_near_an_optimizer_colour_for_anyone_and_each_reads_on_white(status):
    colour = STATUS_COLOURS[status]
    for name, theirs in OPTIMIZER_COLOURS.items():
        assert _delta_e(colour, theirs) > 20, (status, name)
        assert _delta_e(colour, theirs, deuteranope=True) > 20, (status, name)
    assert _contrast_on_white(colour) >= 4.5


def test_the_colour_distance_tells_near_colours_from_far_ones():
    assert _delta_e("#009E73", "#009E73") == 0 and _delta_e("#000000", "#FFFFFF") == pytest.approx(100, abs=0.1)
    assert _delta_e("#D55E00", "#E69F00", deuteranope=True) < 20  # what "diverged" was beside Momentum


@pytest.fixture
def tab(qtbot):
    widget = DescentTab(DescentController(), ThemeController())
    qtbot.addWidget(widget)
    return widget


def _shape(item, cells: int = 12) -> np.ndarray:
    """Where the item's marker has ink, cropped to the ink and sampled on a square grid: its shape,
    whatever its colour and size."""
    image = item.marker().toImage()
    ink = np.array([[image.pixelColor(x, y).alpha() > 128 for x in range(image.width())]
                    for y in range(image.height())])
    rows, columns = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    side = max(rows[-1] - rows[0], columns[-1] - columns[0]) + 1
    top, left = (rows[0] + rows[-1] + 1 - side) / 2, (columns[0] + columns[-1] + 1 - side) / 2
    grid = (np.arange(cells) + 0.5) * side / cells
    ys = np.clip((top + grid).astype(int), 0, ink.shape[0] - 1)
    xs = np.clip((left + grid).astype(int), 0, ink.shape[1] - 1)
    return ink[np.ix_(ys, xs)]


def test_every_stopped_marker_has_a_shape_of_its_own_unlike_a_running_disc(tab):
    swarm = tab.contour_view.swarm
    shapes = {status: _shape(item) for status, item in swarm.stopped.items()}
    shapes["running"] = _shape(next(iter(swarm.running.values())))
    for (a, shape_a), (b, shape_b) in itertools.combinations(shapes.items(), 2):
        assert (shape_a != shape_b).mean() > 0.1, (a, b)
    for status, item in swarm.stopped.items():
        assert item.fill == STATUS_COLOURS[status] and STATUS_SYMBOLS[status]
    assert len(set(STATUS_SYMBOLS.values())) == len(STATUS_SYMBOLS)


def _run_swarm(tab, function, lr, steps, particles):
    controller = tab._controller
    controller.set_function(function)
    controller.set_lr(lr)
    tab.findChild(QWidget, "maxStepsSpin").setValue(steps)
    tab.findChild(QWidget, "particlesSpin").setValue(particles)
    controller.step(steps)
    return "<br>".join(tab.findChild(QLabel, "statusLabel").full_lines())  # as written, before any … cuts it


def test_a_swarm_marks_diverged_and_stopped_particles_by_shape_on_the_map_in_the_legend_and_in_text(tab):
    text = _run_swarm(tab, "himmelblau", 0.03, 300, 40)  # γ too large for some of the starts
    swarm = tab.contour_view.swarm
    shown = {status for status, item in swarm.stopped.items() if len(item.points)}
    assert {"diverged", "max_steps"} <= shown
    legend = {words: sample for sample, words in swarm.legend_entries(tab._controller.frame)}
    for status in shown:
        assert f"<span style='color:{STATUS_COLOURS[status]}'>{STATUS_SYMBOLS[status]} " in text
        sample = legend[STATUS_WORDS[status]].opts
        assert sample["symbol"] == SHAPES[STATUS_SHAPES[status]] and sample["brush"].color().name().upper() == \
            STATUS_COLOURS[status]
    assert f"{STATUS_COLOURS['running']}'>GD · step 300" in text  # the head line is no status
    clouds = [*swarm.running.values(), *swarm.stopped.values()]  # one shown for each kind of marker on the map
    assert [item.isVisible() for item in clouds] == [len(item.points) > 0 for item in clouds]
    assert sum(item.isVisible() for item in clouds) >= 2


def test_converged_particles_and_a_race_marker_are_ticks(tab):
    text = _run_swarm(tab, "quadratic", 0.1, 400, 10)
    assert len(tab.contour_view.swarm.stopped["converged"].points) == 10
    assert f"<span style='color:{STATUS_COLOURS['converged']}'>✓ converged" in text
    tab.findChild(QWidget, "particlesSpin").setValue(1)
    tab._controller.step(400)
    (spot,) = tab.contour_view.race.markers.points()  # one particle: a race marker in GD's colour
    assert tab._controller.frame.paths[0].status == "converged"
    assert spot.brush().color().name().upper() == OPTIMIZER_COLOURS["gd"]
    assert spot.symbol() == SHAPES[STATUS_SHAPES["converged"]] != SHAPES["disc"]  # the tick, not a disc
