"""Telling a pyqtgraph item only what changed: its points, or whether it shows."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

__all__ = ["set_line", "show_if"]


def set_line(item: pg.PlotDataItem | pg.PlotCurveItem, xy: np.ndarray) -> None:
    """Points (N, 2) into ``item``; a line empty before and after is left alone (no needless redraw)."""
    if not len(xy) and (item.xData is None or not len(item.xData)):
        return
    item.setData(xy[:, 0], xy[:, 1])


def show_if(item: pg.GraphicsObject, shown: bool) -> None:
    """Show or hide ``item``, told only when that changes. An item with nothing to draw is hidden: Qt
    asks every shown item whose bounds meet a repainted spot to paint, and an empty pyqtgraph item's
    bounds sit at the data's origin (a race started there asked ~20 empty items to paint a frame)."""
    if item.isVisible() != shown:
        item.setVisible(shown)
