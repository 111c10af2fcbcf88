"""File ▸ Export writes readable files: PNG of the right size, SVG as XML, CSV as `descend` writes it, GIF."""

import csv
import io
import re
import threading
import xml.etree.ElementTree as ElementTree
from collections import Counter

import numpy as np
import pyqtgraph as pg
import pytest
from PIL import GifImagePlugin, Image, ImageColor, ImageSequence
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog, QPushButton

from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.settings import optimizer_colour_index
from gdgui.core.numbers import byte_size
from gdgui.views.descent.gif_export import GifOptions, frame_steps
from gdgui.views.shell.export_menu import CsvDialog, ExportMenu, GifDialog
from gdgui.views.shell.exports import PNG_SCALE, export_plot_png


@pytest.fixture
def menu(gui):
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "adam"], "lr": 0.01, "start": [-1, 2]})
    gui.descent.step(30)
    return gui.window.findChild(ExportMenu)


def _answer_save_dialog(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


def test_the_export_menu_lists_every_export(gui):
    texts = [a.text() for a in gui.window.export_menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Run as animated GIF…", "Trajectories as CSV…"]
    assert {"Contour map as PNG…", "Contour map as SVG…", "Loss plot as PNG…", "Graph as PNG…",
            "Graph as SVG…"} <= set(texts)


def test_plot_png_decodes_to_twice_the_plot_size(gui, menu, tmp_path, monkeypatch):
    plot = gui.window.findChild(pg.PlotWidget, "contourPlot")
    path = tmp_path / "map"  # the suffix is added
    _answer_save_dialog(monkeypatch, path)
    menu.export_plot(plot, "Contour map", "png")
    with Image.open(tmp_path / "map.png") as image:
        assert image.format == "PNG" and image.width == plot.width() * PNG_SCALE
        assert image.height == pytest.approx(plot.height() * PNG_SCALE, abs=PNG_SCALE + 1)
    assert "Exported" in gui.window.statusBar().currentMessage()


def test_plot_svg_is_xml(gui, menu, tmp_path, monkeypatch):
    plot = gui.window.findChild(pg.PlotWidget, "lossPlot")
    _answer_save_dialog(monkeypatch, tmp_path / "loss.svg")
    menu.export_plot(plot, "Loss plot", "svg")
    root = ElementTree.parse(tmp_path / "loss.svg").getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 10


def _answer_csv_dialog(monkeypatch, every: int, shown: list) -> None:
    """The CSV dialog is accepted with ``every`` typed into it; ``shown`` gets its size text."""
    def accept(dialog):
        dialog.every_spin.setValue(every)
        shown.append(dialog.size_label.text())
        return CsvDialog.DialogCode.Accepted
    monkeypatch.setattr(CsvDialog, "exec", accept)


def _svg_checked(path, plot) -> QImage:
    """The SVG relies on no clip path (pure XML check), and QSvgRenderer draws it; returns the picture."""
    root = ElementTree.parse(path).getroot()
    assert not [e.tag for e in root.iter() if "clip-path" in e.attrib or e.tag.endswith("clipPath")]
    assert not [e.tag for e in root.iter() if e.tag.endswith(("polyline", "polygon"))]
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(renderer.defaultSize(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def _colours_inside(image: QImage, plot) -> Counter:
    """Pixel colours inside the plot's frame (its view box), as drawn in the exported picture."""
    frame = plot.getPlotItem().vb.sceneBoundingRect().translated(-plot.getPlotItem().scenePos())
    scale = image.width() / plot.getPlotItem().boundingRect().width()
    left, top = int(frame.left() * scale) + 2, int(frame.top() * scale) + 2
    width, height = int(frame.width() * scale) - 4, int(frame.height() * scale) - 4
    inside = image.copy(left, top, width, height).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(inside.constBits(), np.uint8).reshape(height, inside.bytesPerLine())[:, : 3 * width]
    return Counter(map(tuple, rows.reshape(-1, 3).tolist()))


def test_a_swarm_svg_is_drawn_inside_the_plot_by_a_second_renderer(gui, menu, tmp_path, monkeypatch):
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "momentum"], "lr": 0.01, "particles": 1500})
    gui.descent.step(5)
    plot = gui.window.findChild(pg.PlotWidget, "contourPlot")
    _answer_save_dialog(monkeypatch, tmp_path / "swarm.svg")
    menu.export_plot(plot, "Contour map", "svg")
    path = tmp_path / "swarm.svg"
    root = ElementTree.parse(path).getroot()
    assert len([e for e in root.iter() if e.tag.endswith("image")]) <= 2  # the map and the colour bar, no particle
    assert path.stat().st_size < 2_000_000
    colours = _colours_inside(_svg_checked(path, plot), plot)
    white = colours[(255, 255, 255)]
    assert white < 0.5 * sum(colours.values())  # the map is drawn, not only the axes
    for name in ("gd", "momentum"):  # 1,500 markers each (overlapping), filled with the optimizer's colour
        assert colours[ImageColor.getrgb(ThemeController.colour(optimizer_colour_index(name)))] > 300


def test_a_path_that_leaves_the_map_is_cut_at_its_frame(gui, menu, tmp_path, monkeypatch):
    gui.descent.apply_state({"function": "quadratic", "optimizers": ["gd"], "lr": 0.9, "start": [-4, 3.5]})
    gui.descent.step(6)  # y ← −2.6·y: it leaves the map at the second step
    plot = gui.window.findChild(pg.PlotWidget, "contourPlot")
    _answer_save_dialog(monkeypatch, tmp_path / "away.svg")
    menu.export_plot(plot, "Contour map", "svg")
    image = _svg_checked(tmp_path / "away.svg", plot)
    blue = QColor(ThemeController.colour(optimizer_colour_index("gd"))).rgb()
    frame = plot.getPlotItem().vb.sceneBoundingRect().translated(-plot.getPlotItem().scenePos())
    outside = [(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixel(x, y) == blue and not frame.adjusted(-6, -6, 6, 6).contains(x, y)]
    assert outside == []


def _svg_texts(path) -> str:
    return " ".join("".join(e.itertext()) for e in ElementTree.parse(path).getroot().iter() if e.tag.endswith("text"))


def test_the_loss_plot_exports_carry_its_legend(gui, menu, tmp_path, monkeypatch):
    plot = gui.window.findChild(pg.PlotWidget, "lossPlot")
    frame = plot.getPlotItem().vb.sceneBoundingRect()
    for kind in ("svg", "png"):
        _answer_save_dialog(monkeypatch, tmp_path / f"loss.{kind}")
        menu.export_plot(plot, "Loss plot", kind)
    assert {"GD", "Adam"} <= set(_svg_texts(tmp_path / "loss.svg").replace("\xa0", " ").split())
    _svg_checked(tmp_path / "loss.svg", plot)
    line = QFontMetricsF(plot.getAxis("bottom").style["tickFont"]).height() * PNG_SCALE
    with Image.open(tmp_path / "loss.png") as image:  # the legend's swatches in the first lines, above the curves
        top = image.convert("RGB").crop((0, 0, image.width, int(2 * line)))  # (the plot keeps room above its top tick)
        counts = {rgb: n for n, rgb in top.getcolors(1 << 20)}
    for name in ("gd", "adam"):
        assert counts.get(ImageColor.getrgb(ThemeController.colour(optimizer_colour_index(name))), 0) > 20
    assert plot.getPlotItem().vb.sceneBoundingRect() == frame  # the window's plot is as it was


def test_the_map_exports_carry_the_formula_and_the_basin_legend(qtbot, gui, menu, tmp_path, monkeypatch):
    plot = gui.window.findChild(pg.PlotWidget, "contourPlot")
    _answer_save_dialog(monkeypatch, tmp_path / "map.svg")
    menu.export_plot(plot, "Contour map", "svg")
    texts = _svg_texts(tmp_path / "map.svg").replace("\xa0", " ")
    assert "Himmelblau: f(x, y) = (x" in texts and "Basins" not in texts
    with qtbot.waitSignal(gui.descent.analysis.basins_changed, timeout=60_000):
        gui.descent.set_basins_shown(True)
    _answer_save_dialog(monkeypatch, tmp_path / "basins.svg")
    menu.export_plot(plot, "Contour map", "svg")
    texts = _svg_texts(tmp_path / "basins.svg").replace("\xa0", " ")
    assert "Basins" in texts and "(3, 2)" in texts and "(−3.779, −3.283)" in texts


def _legend_ink(plot, width: int, path) -> int:
    """Dark (text) pixels where the map's legend is, in a PNG of ``width`` pixels."""
    export_plot_png(plot, path, width)
    item = plot.getPlotItem()
    box = item.legend.sceneBoundingRect().translated(-item.scenePos())
    scale = width / item.boundingRect().width()
    with Image.open(path) as image:
        corners = (box.left(), box.top(), box.right(), box.bottom())
        legend = image.convert("RGB").crop(tuple(int(v * scale) for v in corners))
        return sum(n for n, rgb in legend.getcolors(1 << 20) if max(rgb) < 120)


def test_legend_text_scales_with_the_export_size(gui, menu, tmp_path):
    plot = gui.window.findChild(pg.PlotWidget, "contourPlot")
    small = _legend_ink(plot, plot.width(), tmp_path / "1x.png")
    large = _legend_ink(plot, 2 * plot.width(), tmp_path / "2x.png")
    assert small > 50 and 3 < large / small < 5  # twice the width and height: four times the ink


def test_trajectory_csv_has_the_descend_columns_and_every_row(qtbot, gui, menu, tmp_path, monkeypatch):
    _answer_save_dialog(monkeypatch, tmp_path / "paths.csv")
    _answer_csv_dialog(monkeypatch, 1, shown := [])
    with qtbot.waitSignal(menu.csv_runner.finished, timeout=10_000):
        menu.export_csv()
    text = (tmp_path / "paths.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["particle", "optimizer", "step", "x", "y", "f", "gx", "gy"]
    steps = gui.descent.record.run.steps
    assert [row["optimizer"] for row in rows] == ["gd"] * (steps[0] + 1) + ["adam"] * (steps[1] + 1)
    assert shown == [f"{len(rows)} rows, about {byte_size(len(text.encode()))}"]  # few rows: all measured
    run = gui.descent.record.run
    assert len(rows) == sum(int(run.steps[i]) + 1 for i in range(run.n_particles)) > 40
    assert (float(rows[0]["x"]), float(rows[0]["y"])) == (-1.0, 2.0)
    steps = int(run.steps[0])
    last = rows[steps]
    assert (int(last["particle"]), int(last["step"])) == (0, steps)
    assert float(last["x"]) == run.trajectory(0)[steps, 0]  # full precision
    assert rows[steps + 1]["particle"] == "1"


def test_a_race_csv_says_its_size_and_can_keep_every_kth_step(qtbot, gui, menu, tmp_path, monkeypatch):
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "momentum", "adam", "rmsprop"],
                             "lr": 0.01, "particles": 1000, "tol": 0, "max_steps": 200})
    gui.descent.step(200)
    run = gui.descent.record.run
    dialog = CsvDialog(run)
    said = dialog.size_label.text()
    assert said.startswith(f"{int(sum(run.steps + 1)):,} rows, about ") and said.endswith(" MB"), said
    _answer_save_dialog(monkeypatch, tmp_path / "race.csv")
    _answer_csv_dialog(monkeypatch, 50, shown := [])  # steps 0, 50, 100, 150, 200 and each one's last
    with qtbot.waitSignal(menu.csv_runner.finished, timeout=30_000):
        menu.export_csv()
    text = (tmp_path / "race.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows_said, size_said = re.fullmatch(r"([\d,]+) rows, about ([\d.]+) MB", shown[0]).groups()
    assert int(rows_said.replace(",", "")) == len(rows) and float(size_said) == pytest.approx(len(text) / 1e6, rel=0.05)
    assert {row["step"] for row in rows if run.steps[int(row["particle"])] == 200} == {"0", "50", "100", "150", "200"}
    assert {row["optimizer"] for row in rows} == {"gd", "momentum", "adam", "rmsprop"}
    firsts = [int(row["particle"]) // 1000 for row in rows if row["step"] == "0"]  # in the particles' order
    assert firsts == [0] * 1000 + [1] * 1000 + [2] * 1000 + [3] * 1000
    assert all(row["optimizer"] == ["gd", "momentum", "adam", "rmsprop"][int(row["particle"]) // 1000] for row in rows)


def test_graph_picture_png_and_svg(gui, menu, tmp_path, monkeypatch):
    gui.graph.load_preset("05-fork.json")
    for suffix, action in (("png", "Graph as PNG…"), ("svg", "Graph as SVG…")):
        _answer_save_dialog(monkeypatch, tmp_path / f"graph.{suffix}")
        next(a for a in gui.window.export_menu.actions() if a.text() == action).trigger()
    with Image.open(tmp_path / "graph.png") as image:
        assert image.width > 300 and image.height > 100
    root = ElementTree.parse(tmp_path / "graph.svg").getroot()
    assert root.tag.endswith("svg") and not [e for e in root.iter() if "clip-path" in e.attrib]
    assert QSvgRenderer(str(tmp_path / "graph.svg")).isValid()


def test_a_short_gif_has_the_requested_frame_count_and_width(qtbot, gui, menu, tmp_path):
    gui.descent.seek(12)
    path = tmp_path / "run.gif"
    progress = []
    menu.gif.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(menu.gif.finished, timeout=30_000):
        menu.start_gif(str(path), GifOptions(width=320, fps=10, frames=6))
    with Image.open(path) as gif:
        assert gif.n_frames == 6 and gif.width == 320
        assert gif.info["duration"] == 100 and gif.info["loop"] == 0
    assert progress[-1] == (7, 7)
    assert gui.descent.frame.step == 12  # the timeline is back where it was


def test_every_gif_frame_has_the_one_palette_and_the_optimizers_colours(qtbot, gui, menu, tmp_path, monkeypatch):
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "momentum", "adam"], "lr": 0.01,
                             "start": [-1, 2]})
    gui.descent.step(40)
    path = tmp_path / "race.gif"
    with qtbot.waitSignal(menu.gif.finished, timeout=30_000):
        menu.start_gif(str(path), GifOptions(width=480, fps=10, frames=8))
    # Pillow keeps a frame in palette mode unless its palette differs from the first one's
    strategy = GifImagePlugin.LoadingStrategy.RGB_AFTER_DIFFERENT_PALETTE_ONLY
    monkeypatch.setattr(GifImagePlugin, "LOADING_STRATEGY", strategy)
    colours = [ImageColor.getrgb(ThemeController.colour(optimizer_colour_index(name)))
               for name in ("gd", "momentum", "adam")]
    with Image.open(path) as gif:
        palette = gif.getpalette()
        for frame in ImageSequence.Iterator(gif):
            assert frame.mode == "P" and frame.getpalette() == palette, f"frame {frame.tell()} has a palette of its own"
            counts = {rgb: n for n, rgb in frame.convert("RGB").getcolors(1 << 16)}
            # each optimizer's marker (at least) is drawn in its own colour, exactly
            assert all(counts.get(rgb, 0) >= 20 for rgb in colours), [counts.get(rgb, 0) for rgb in colours]


def test_the_gif_dialog_shows_its_whole_title(gui):
    dialog = GifDialog(640, 30, gui.window)
    title = dialog.windowTitle()
    assert "animated GIF" in title
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance(title) + 100  # icon and buttons beside it
    dialog.deleteLater()


def test_cancelling_a_gif_writes_nothing_and_keeps_an_older_file(qtbot, gui, menu, tmp_path):
    path = tmp_path / "run.gif"
    path.write_bytes(b"older file")
    with qtbot.waitSignal(menu.gif.cancelled, timeout=10_000):
        menu.start_gif(str(path), GifOptions(width=320, fps=8, frames=30))
        qtbot.waitSignal(menu.gif.progressed, timeout=5000).wait()
        assert menu.gif.busy
        menu.progress.findChild(QPushButton).click()  # the progress dialog's Cancel button
    # Nothing can write later: the recording's worker threads have ended, and handling every
    # event left over neither finishes nor advances the recording.
    workers = [thread for thread in threading.enumerate() if thread.name.startswith("gif")]
    for worker in workers:
        worker.join(timeout=10)
    assert not any(worker.is_alive() for worker in workers) and not menu.gif.busy
    with qtbot.assertNotEmitted(menu.gif.finished), qtbot.assertNotEmitted(menu.gif.progressed):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
    assert path.read_bytes() == b"older file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.gif"]
    assert "cancelled" in gui.window.statusBar().currentMessage()


def test_a_gif_needs_recorded_steps(gui, menu):
    gui.descent.reset()
    menu.export_gif()
    assert "Run a few steps first" in gui.window.statusBar().currentMessage()


@pytest.mark.parametrize("latest, frames, expected", [(30, 4, [0, 10, 20, 30]), (2, 10, [0, 1, 2]), (0, 5, [0])])
def test_frame_steps_spread_evenly(latest, frames, expected):
    assert frame_steps(latest, frames) == expected
