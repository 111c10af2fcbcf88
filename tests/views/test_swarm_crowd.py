"""A crowded swarm draws smaller discs, so the map under 10,000 particles still shows: checked on the
markers' sizes and on the pixels of the drawn map; and fewer trails."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame_data import TRAIL_LENGTH, TRAIL_PARTICLES
from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.descent.contour_layers import CROWD, crowd_scale
from gdgui.views.descent.tab import DescentTab


@pytest.fixture
def tab(qtbot):
    widget = DescentTab(DescentController(), ThemeController())
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _swarm(tab, particles: int) -> None:
    tab._controller.apply_state({"function": "himmelblau", "lr": 0.001, "max_steps": 50})
    tab.findChild(QWidget, "particlesSpin").setValue(particles)  # as a user sets it


def test_discs_keep_their_size_up_to_a_crowd_then_shrink_with_the_count():
    assert crowd_scale(1) == crowd_scale(CROWD) == 1.0
    assert crowd_scale(10_000) == pytest.approx(10 ** -0.22)  # 0.60
    counts = [CROWD, 2000, 5000, 10_000, 100_000]
    assert all(a > b for a, b in zip(map(crowd_scale, counts), map(crowd_scale, counts[1:])))


def test_a_swarm_of_10000_draws_its_discs_at_the_crowd_scale_and_back_at_100(tab):
    disc = tab.contour_view.swarm.running[0]
    _swarm(tab, 100)
    full = disc.marker().width()
    _swarm(tab, 10_000)
    assert disc.marker().width() < 0.8 * full
    assert disc._style[1] == pytest.approx(ThemeController().sizes.marker_px * 0.7 * crowd_scale(10_000))
    _swarm(tab, 100)
    assert disc.marker().width() == full


def _disc_share(tab) -> float:
    """The share of the swarm's square, as drawn, that is a disc's fill or its white rim."""
    view_box = tab.contour_view.view_box
    points = tab.contour_view.swarm.running[0].points
    corners = [view_box.mapViewToDevice(QPointF(*p)) for p in (points.min(axis=0), points.max(axis=0))]
    image = tab.contour_view.plot_widget.grab().toImage()
    pixels = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[..., 2::-1].astype(int)  # BGRA → RGB
    (left, right), (top, bottom) = sorted(round(c.x()) for c in corners), sorted(round(c.y()) for c in corners)
    inner = pixels[top + 20: bottom - 20, left + 20: right - 20]
    fill = np.array([int(ThemeController.colour(0)[i:i + 2], 16) for i in (1, 3, 5)])
    disc = (np.abs(inner - fill).sum(axis=-1) < 60) | (inner.min(axis=-1) > 225)
    return float(disc.mean())


def test_the_map_shows_between_10000_discs(tab):
    _swarm(tab, 10_000)
    assert _disc_share(tab) < 0.4  # at full size, discs and rims cover over half of it


def _trails_drawn(tab, particles: int) -> int:
    _swarm(tab, particles)
    for _ in range(TRAIL_LENGTH + 1):
        tab._controller.step()
    trails = tab.contour_view.swarm.trails
    counts = {len(trails.segments(age)) // 2 for age in range(TRAIL_LENGTH - 1)}
    assert len(counts) == 1  # as many at every age
    return counts.pop()


def test_a_crowd_draws_fewer_trails_as_its_discs_shrink(tab):
    """The trails' ink thins out with the discs' area: 182 of the 500 trails at 10,000 particles; every
    trail up to a crowd."""
    assert _trails_drawn(tab, 10_000) == math.ceil(TRAIL_PARTICLES * crowd_scale(10_000) ** 2) == 182
    assert _trails_drawn(tab, CROWD) == TRAIL_PARTICLES
    assert _trails_drawn(tab, 100) == 100
