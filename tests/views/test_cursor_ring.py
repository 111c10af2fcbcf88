"""H draws a translucent ring around the mouse pointer over the whole window (issue 14)."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from gdgui.views.shell.cursor_ring import RADIUS


def _widget(gui, name: str) -> QWidget:
    widget = gui.window.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def _move(qtbot, gui, widget: QWidget, point: QPoint) -> QPoint:
    """The pointer to ``point`` of ``widget``; its place in the window's coordinates."""
    where = widget.mapTo(gui.window, point)
    qtbot.mouseMove(widget, point)
    QApplication.processEvents()
    return where


def _ring_pixel(gui) -> QColor:
    """The colour on screen halfway round the ring's band, right of its centre."""
    image = gui.window.grab().toImage()
    spot = gui.window.cursor_ring.centre() + QPoint(RADIUS, 0)
    return image.pixelColor(spot * gui.window.devicePixelRatioF())


@pytest.mark.parametrize("focus", ["contourPlot", "lrSpin", "expressionEdit"])
def test_h_shows_a_ring_that_follows_the_pointer_anywhere_in_the_window(qtbot, gui, focus):
    _widget(gui, focus).setFocus()
    qtbot.waitUntil(_widget(gui, focus).hasFocus, timeout=1000)
    if focus != "contourPlot":
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # out of the field: H is a letter there
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H)
    ring = gui.window.cursor_ring
    assert ring.isVisible() and gui.window.highlight_action.isChecked()
    for name in ("contourPlot", "playButton", "optimizerList", "statusLabel"):
        widget = _widget(gui, name)
        where = _move(qtbot, gui, widget, widget.rect().center())
        assert ring.centre() == where, name
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H)
    assert not ring.isVisible()


def test_the_ring_lets_clicks_through(qtbot, gui):
    gui.window.highlight_action.trigger()
    button = _widget(gui, "playButton")
    _move(qtbot, gui, button, button.rect().center())
    assert gui.window.cursor_ring.geometry().contains(button.mapTo(gui.window, button.rect().center()))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert gui.descent.playing
    gui.descent.pause()
    gui.window.highlight_action.trigger()


@pytest.mark.parametrize("projector", [False, True])
def test_the_ring_is_drawn_over_the_map_translucent(qtbot, gui, projector):
    gui.theme.set_projector(projector)
    QApplication.processEvents()  # the map where projector mode puts it
    plot = _widget(gui, "contourPlot")
    where = _move(qtbot, gui, plot, plot.rect().center())
    gui.window.highlight_action.trigger()
    assert gui.window.cursor_ring.centre() == where
    ring = _ring_pixel(gui)
    gui.window.highlight_action.trigger()
    under = _ring_pixel(gui)  # the map there, the ring gone
    assert ring.red() > 150 and ring.green() > 100 and ring.blue() < ring.red() - 60, ring.name()  # yellow
    assert under.blue() > under.green(), under.name()  # viridis' purple at the map's low centre
    # Translucent: the map shows through (its colour mixed in), yet the ring stands out from it.
    assert ring.blue() > 0 and abs(ring.red() - under.red()) > 80
