"""File ▸ Export writers: a plot as PNG or SVG, the run's trajectories as CSV. All atomic.

A plot can be exported with a heading (rich text above it: the formula, a legend) that the
window shows beside the plot rather than in it; the heading is part of the picture, so its
text scales with the picture's size.

The CSV is the ``descend`` command's, written by the same writer, so a file exported from
the window and one printed by ``gdgui descend --format csv`` read the same way.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters

from gdgui.core.files.atomic_files import atomic_text_stream, atomic_write_bytes, temporary_sibling
from gdgui.core.files.svg_clip import portable_svg
from gdgui.core.files.trajectory_csv import write_trajectory_csv
from gdgui.views.widgets.plot_style import INK, legends_scaled

__all__ = ["PNG_SCALE", "export_plot_png", "export_plot_svg", "TrajectoryCsvJob"]

PNG_SCALE = 2  # twice the on-screen size: sharp on slides and in print


def export_plot_png(plot: pg.PlotWidget, path: str | Path, width: int | None = None,
                    heading: str = "") -> tuple[int, int]:
    """Render the plot (axes, labels, legend, ``heading``) to a PNG; returns its (width, height) in pixels."""
    with _headed(plot.getPlotItem(), heading):
        exporter = pg.exporters.ImageExporter(plot.getPlotItem())
        exporter.parameters()["width"] = int(width or plot.width() * PNG_SCALE)
        image = exporter.export(toBytes=True)
    with temporary_sibling(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write the image to {Path(path).parent}")
    return image.width(), image.height()


def export_plot_svg(plot: pg.PlotWidget, path: str | Path, heading: str = "") -> None:
    """Write the plot as SVG (lines stay lines, text stays text), cut at the plot's frame in its
    geometry rather than by clip paths, so browsers, Inkscape and ImageMagick draw the same."""
    with _headed(plot.getPlotItem(), heading):
        svg = pg.exporters.SVGExporter(plot.getPlotItem()).export(toBytes=True)
    atomic_write_bytes(path, portable_svg(svg if isinstance(svg, bytes) else bytes(svg)))


@contextmanager
def _headed(item: pg.PlotItem, heading: str):
    """The plot item as exported: ``heading`` as its title, legends scaled with the picture."""
    old_text, old_shown = item.titleLabel.text, item.titleLabel.isVisible()
    if heading:
        _set_heading(item, heading)
    try:
        with legends_scaled(item):
            yield
    finally:
        if heading:
            item.setTitle(old_text if old_shown else None)
            item.layout.activate()


def _set_heading(item: pg.PlotItem, heading: str) -> None:
    """The title row as tall as the heading's lines (pyqtgraph gives a title one line)."""
    tick_font = item.getAxis("bottom").style.get("tickFont")  # the theme's text size, as the axes show it
    size = tick_font.pointSizeF() if tick_font is not None and tick_font.pointSizeF() > 0 else 10
    item.setTitle(heading, color=INK, size=f"{size:g}pt")
    height = item.titleLabel.item.boundingRect().height()
    item.titleLabel.setMaximumHeight(height)
    item.layout.setRowFixedHeight(0, height)
    item.layout.activate()


class TrajectoryCsvJob:
    """Writes a run's trajectories to CSV on a worker thread (a swarm's can be hundreds of MB).

    A ``JobRunner`` job: ``chunks()`` writes, ``result()`` is the path. The rows come from the
    run's recorded history, which later steps only append to.
    """

    def __init__(self, run, path: str | Path, every: int = 1):
        self._run, self._path, self._every = run, Path(path), every

    def chunks(self):
        with atomic_text_stream(self._path) as stream:
            write_trajectory_csv(self._run, stream, self._every)
        yield 1.0

    def result(self) -> str:
        return str(self._path)
