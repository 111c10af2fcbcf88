"""The learning-rate explorer's line labels, "γ" and "2/λmax", cover none of the sweep's dots nor each
other: "2/λmax" sat at the bottom among the dots of the γ that converge, which end lowest."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from gdgui.views.shell.screenshot import lay_out


def _dots(explorer) -> list:
    """Each drawn dot of the sweep as its scene rectangle."""
    view_box = explorer.plot_widget.getPlotItem().getViewBox()
    sweep, radius = explorer._sweep, explorer.curve.opts["symbolSize"] / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        xs, ys = np.log10(sweep.lrs), np.log10(sweep.gap)
    kept = np.isfinite(xs) & np.isfinite(ys)
    centres = [view_box.mapViewToScene(QPointF(x, y)) for x, y in zip(xs[kept], ys[kept])]
    return [(c.x() - radius, c.y() - radius, c.x() + radius, c.y() + radius) for c in centres]


def _covers(rect, dot) -> bool:
    left, top, right, bottom = dot
    return rect.left() < right and left < rect.right() and rect.top() < bottom and top < rect.bottom()


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("function, lr", [("himmelblau", 0.1), ("himmelblau", 0.003), ("quadratic", 0.3)])
def test_the_line_labels_cover_no_dot_of_the_sweep_nor_each_other(qtbot, gui, projector, function, lr):
    gui.theme.set_projector(projector)
    lay_out(gui.window, (1920, 1080))
    gui.descent.set_function(function)
    gui.descent.set_lr(lr)
    tab = gui.window.tabs.widget(0)
    tab.side_tabs.setCurrentWidget(tab.lr_explorer)
    explorer = tab.lr_explorer
    qtbot.waitUntil(lambda: explorer._sweep is not None, timeout=30_000)
    QApplication.processEvents()
    labels = [line.label.sceneBoundingRect() for line in (explorer.lr_line, explorer.bound_line) if line.isVisible()]
    assert len(labels) == 2 and not labels[0].intersects(labels[1])
    covered = [dot for dot in _dots(explorer) for label in labels if _covers(label, dot)]
    assert covered == []
    tab.side_tabs.setCurrentIndex(0)
    gui.theme.set_projector(False)
