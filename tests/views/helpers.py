"""Helpers that view tests import (conftest holds only fixtures)."""


def shown_backprop_tab(qtbot):
    """A Backprop tab of its own, shown at 1200×800 with the fork preset: for tests of big graphs."""
    from gdgui.controllers.backprop.controller import GraphController
    from gdgui.controllers.shell.theme import NORMAL, ThemeController
    from gdgui.views.backprop.tab import BackpropTab

    tab = BackpropTab(GraphController(laptop=NORMAL), ThemeController())
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    with qtbot.waitExposed(tab):
        tab.show()
    tab.controller.load_preset("05-fork.json")
    return tab


def focus_widget(qtbot, gui, tab: int, name: str):
    """Show tab ``tab`` of the window and give the keyboard focus to its widget called ``name``,
    as a click there would: keys sent to the focused widget then reach it first."""
    from PySide6.QtWidgets import QWidget

    gui.window.tabs.setCurrentIndex(tab)
    widget = gui.window.tabs.widget(tab).findChild(QWidget, name)
    assert widget is not None, name
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=1000)
    return widget


def hover_tooltip(scene, item) -> str:
    """The tooltip Qt would show with the pointer over ``item`` (the scene writes it when asked for)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QGraphicsSceneHelpEvent

    event = QGraphicsSceneHelpEvent(QEvent.Type.GraphicsSceneHelp)
    event.setScenePos(item.sceneBoundingRect().center())
    QApplication.sendEvent(scene, event)
    return item.toolTip()


def drawn_tick_labels(axis) -> list:
    """(rect in the axis's coordinates, text) of every tick label a pyqtgraph axis draws."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(1000, 1000, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in texts]


def small_plot(qtbot, background: str = "w"):
    """A 420×320 pyqtgraph plot, shown, of x and y from −5 to 5: for tests of the pixels a map item draws."""
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(420, 320)
    plot.setBackground(background)
    plot.getPlotItem().getViewBox().setRange(xRange=(-5, 5), yRange=(-5, 5), padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


def plot_pixels(plot):
    """The plot's pixels as grabbed, (height, width, 4) bytes."""
    import numpy as np

    image = plot.grab().toImage()
    return np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes()).reshape(
        image.height(), image.bytesPerLine() // 4, 4).copy()
