"""The projector in the room: the window fits 1024×768 and 1280×720, panels that do not fit fold away
(and say so, and stay one click away), the map keeps half the height, every text is ≥ 18 pt on
screen, the key sheet scrolls with Close in view, and tick text stands out from its background."""

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QTextDocument
from PySide6.QtWidgets import QApplication, QGraphicsTextItem, QWidget

from gdgui.core.files.deck import course_deck_path
from gdgui.views.shell.keys_sheet import KeysSheet
from gdgui.views.shell.main_window import MAX_SCREEN_FRACTION
from gdgui.views.shell.screenshot import lay_out
from tests.views.helpers import drawn_tick_labels

SMALL, WIDE_720 = (1024, 768), (1280, 720)
# The window as it opens on such a screen, not yet maximized or full screen: 942×707 and 1178×662.
OPENED = [(round(width * MAX_SCREEN_FRACTION), round(height * MAX_SCREEN_FRACTION))
          for width, height in (SMALL, WIDE_720)]
MIN_PX = 24  # 18 pt at 96 dpi
BASINS_SLIDE = 7  # Himmelblau's basin map: the busiest Descent slide
DESCENT_SLIDES = range(1, 9)


def _descent(gui):
    return gui.window.tabs.widget(0)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _open_slide(gui, slide: int) -> None:
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(slide - 1)


def _in_window(gui, widget: QWidget) -> bool:
    """The whole of ``widget`` lies inside the window, so it is on a screen of the window's size."""
    corner = widget.mapTo(gui.window, widget.rect().topLeft())
    return gui.window.rect().contains(QRect(corner, widget.size()))


# ----- the window fits, panels fold away ------------------------------------------------------------------
@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("size", [SMALL, WIDE_720])
def test_the_window_fits_a_small_projector_and_what_shows_is_on_screen(gui, projector, size):
    _open_slide(gui, BASINS_SLIDE)
    gui.theme.set_projector(projector)
    lay_out(gui.window, size)
    _settle()
    minimum = gui.window.minimumSizeHint()
    assert minimum.width() <= SMALL[0] and minimum.height() <= WIDE_720[1], minimum  # 1,257 px wide before
    assert gui.window.size().toTuple() == size
    tab = _descent(gui)
    scrolled = tab.sidebar.widget()  # the sidebar's sections scroll within it
    shown = [w for w in tab.findChildren(QWidget) if w.isVisible() and w.objectName() and not scrolled.isAncestorOf(w)]
    assert shown and [w.objectName() for w in shown if not _in_window(gui, w)] == []
    folded = tab.folded_panels()
    assert all(not panel.isVisible() for panel in folded)
    assert tab.fold_button.isVisible() == bool(folded)  # whatever folded is one click away
    assert tab.contour_view.plot_widget.height() >= size[1] / 2


def test_a_panel_that_does_not_fit_folds_away_says_so_and_is_one_click_away(gui):
    tab = _descent(gui)
    gui.theme.set_projector(True)
    lay_out(gui.window, SMALL)
    _settle()
    assert tab.folded_panels() == (tab.side_tabs,) and not tab.side_tabs.isVisible() and tab.sidebar.isVisible()
    assert "loss column" in gui.window.statusBar().currentMessage()
    assert "loss column" in tab.fold_button.toolTip() and tab.fold_button.text() == "⋯"
    plot = tab.contour_view.plot_widget  # the button sits under the map, off the map itself
    drawn = plot.mapFromScene(tab.contour_view.view_box.sceneBoundingRect()).boundingRect()
    assert _in_window(gui, tab.fold_button) and not tab.fold_button.geometry().intersects(drawn)
    tab.fold_button.click()  # the loss column swaps in, the sidebar folds away
    _settle()
    assert tab.side_tabs.isVisible() and _in_window(gui, tab.side_tabs) and tab.side_tabs.width() >= tab.side_tabs.minimumWidth()
    assert tab.folded_panels() == (tab.sidebar,) and not tab.sidebar.isVisible()
    assert "sidebar" in gui.window.statusBar().currentMessage()
    tab.fold_button.click()
    _settle()
    assert tab.sidebar.isVisible() and not tab.side_tabs.isVisible()
    lay_out(gui.window, (1400, 900))  # room again: everything shows, nothing is said to be folded
    assert tab.sidebar.isVisible() and tab.side_tabs.isVisible()
    assert tab.folded_panels() == () and not tab.fold_button.isVisible()
    gui.window.statusBar().clearMessage()


def test_f9_hides_every_panel_and_brings_back_those_that_fit(qtbot, gui):
    tab = _descent(gui)
    gui.theme.set_projector(True)
    lay_out(gui.window, SMALL)
    qtbot.keyClick(tab.contour_view.plot_widget, Qt.Key.Key_F9)
    _settle()
    assert not tab.sidebar.isVisible() and not tab.side_tabs.isVisible()
    assert tab.folded_panels() == () and not tab.fold_button.isVisible()  # hidden on purpose, not folded
    qtbot.keyClick(tab.contour_view.plot_widget, Qt.Key.Key_F9)
    _settle()
    assert tab.sidebar.isVisible() and tab.folded_panels() == (tab.side_tabs,)
    gui.window.statusBar().clearMessage()


# ----- the map keeps half the height ----------------------------------------------------------------------
@pytest.mark.parametrize("slide", DESCENT_SLIDES)
def test_at_1280_by_720_with_f9_the_map_keeps_half_the_window(gui, slide):
    """A 1280×720 projector in full screen (F5 + F11: the window is the screen) with F9."""
    _open_slide(gui, slide)
    gui.theme.set_projector(True)
    lay_out(gui.window, WIDE_720)
    gui.window.side_panels_action.trigger()
    _settle()
    view = _descent(gui).contour_view
    assert view.toolbar_beside()  # the map is wide: its buttons go beside it, not over it
    assert view.plot_widget.height() >= WIDE_720[1] / 2, view.plot_widget.height()
    assert _in_window(gui, view.toolbar) and _in_window(gui, view.plot_widget)


@pytest.mark.parametrize("size", [SMALL, WIDE_720])
@pytest.mark.parametrize("slide", DESCENT_SLIDES)
def test_with_the_side_panels_out_the_map_keeps_half_the_window(qtbot, gui, slide, size):
    """F5 + F11 without F9: a side panel that would leave the map under half the height folds away too,
    with a basin map's progress row and once its legend has come."""
    _open_slide(gui, slide)
    gui.theme.set_projector(True)
    lay_out(gui.window, size)
    _settle()
    tab = _descent(gui)
    assert tab.contour_view.plot_widget.height() >= size[1] / 2, tab.contour_view.plot_widget.height()
    qtbot.waitUntil(lambda: not gui.descent.analysis.basins_busy, timeout=60_000)
    _settle()
    tab = _descent(gui)
    assert tab.contour_view.plot_widget.height() >= size[1] / 2, tab.contour_view.plot_widget.height()
    _fold_button_or_words(gui, tab)
    shown = [panel.isVisible() for panel in (tab.sidebar, tab.side_tabs)]
    for lr in (0.02, 0.01):  # each setting refits the panels: they must stay as they are
        gui.descent.set_lr(lr)
        _settle()
        assert [panel.isVisible() for panel in (tab.sidebar, tab.side_tabs)] == shown
    gui.window.statusBar().clearMessage()


@pytest.mark.parametrize("size", OPENED)
def test_in_the_window_as_it_opens_the_basin_slide_keeps_half_for_the_map(qtbot, gui, size):
    """Not yet full screen, the toolbar in one column with the basin legend under it is too tall to go
    beside the map: above it, with the legend under it, they left the map 216 px of 707 and 282 of 662.
    Two columns of buttons beside it leave it 400 and 393."""
    _open_slide(gui, BASINS_SLIDE)
    gui.theme.set_projector(True)
    lay_out(gui.window, size)
    qtbot.waitUntil(lambda: not gui.descent.analysis.basins_busy, timeout=60_000)
    _settle()
    view = _descent(gui).contour_view
    assert view.toolbar_beside()
    assert view.plot_widget.height() >= size[1] / 2, view.plot_widget.height()
    buttons = [view.log_button, view.aspect_button]
    assert buttons[0].y() == buttons[1].y() and buttons[0].width() == buttons[1].width()  # two a row
    assert _in_window(gui, view.toolbar) and _in_window(gui, view.basins.panel)


def _fold_button_or_words(gui, tab) -> None:
    """⋯ shows while a folded panel would fit if asked for; a panel no width left would show is named."""
    folded = tab.folded_panels()
    if tab.fold_button.isVisible():
        assert folded
    elif folded:
        names = {tab.sidebar: "sidebar", tab.side_tabs: "loss column"}
        said = gui.window.statusBar().currentMessage()
        expected = f"the {names[folded[0]]}: a wider" if len(folded) == 1 else "the side panels: a wider"
        assert said.startswith("Too narrow for ") and expected in said, said


def test_a_panel_folded_for_the_maps_height_is_one_click_away_and_says_why(gui):
    _open_slide(gui, 8)  # Ackley's race: three status rows
    gui.theme.set_projector(True)
    lay_out(gui.window, SMALL)
    _settle()
    tab = _descent(gui)
    assert tab.folded_panels() == (tab.sidebar, tab.side_tabs) and tab.fold_button.isVisible()
    assert gui.window.statusBar().currentMessage().startswith("Too little height for the sidebar")
    tab.fold_button.click()  # the lecturer asks for the sidebar: it shows, though the map is smaller then
    _settle()
    assert tab.sidebar.isVisible() and tab.folded_panels() == (tab.side_tabs,)
    tab.fold_button.click()  # and swaps for the loss column
    _settle()
    assert tab.side_tabs.isVisible() and not tab.sidebar.isVisible()
    gui.deck.go_to(0)  # one status row: the sidebar and the map fit again
    _settle()
    assert tab.contour_view.plot_widget.height() >= SMALL[1] / 2
    gui.window.side_panels_action.trigger()  # F9 hides the panels: nothing said folded any more
    _settle()
    assert tab.folded_panels() == () and "Too" not in gui.window.statusBar().currentMessage()
    gui.window.side_panels_action.trigger()
    _settle()


def test_with_the_side_panels_out_the_toolbar_stays_above_the_map(gui):
    gui.theme.set_projector(True)
    lay_out(gui.window, WIDE_720)
    view = _descent(gui).contour_view
    assert not view.toolbar_beside()
    toolbar_bottom = view.toolbar.mapTo(gui.window, view.toolbar.rect().bottomLeft()).y()
    assert toolbar_bottom < view.plot_widget.mapTo(gui.window, view.plot_widget.rect().topLeft()).y()


# ----- every text ≥ 18 pt on screen -----------------------------------------------------------------------
def _small_widgets(window) -> dict[str, int]:
    small = {}
    for widget in window.findChildren(QWidget):
        px = QFontInfo(widget.font()).pixelSize()
        if widget.isVisible() and px < MIN_PX:
            small[f"{type(widget).__name__}#{widget.objectName()}"] = px
    return small


def _document_points(item: QGraphicsTextItem) -> list[float]:
    """The point size of every run of text in a plot's text item (rich text may set its own)."""
    points, block = [], item.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            points.append(fragment.charFormat().fontPointSize() or item.font().pointSizeF())
            fragments += 1
        block = block.next()
    return points


def _plot_text_px(window) -> dict[str, float]:
    """The on-screen pixel size of each text in the visible plots: tick labels, titles, legends, labels."""
    sizes = {}
    for view in (v for v in window.findChildren(pg.GraphicsView) if v.isVisible()):
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and item.isVisible() and item.style["showValues"]:
                font = item.style["tickFont"] or view.font()
                sizes[f"{view.objectName()} ticks {item.orientation}"] = QFontInfo(font).pixelSize()
            if isinstance(item, QGraphicsTextItem) and item.isVisible() and item.toPlainText().strip():
                transform = item.deviceTransform(view.viewportTransform())
                scale = (transform.m21() ** 2 + transform.m22() ** 2) ** 0.5  # rotated titles too
                px = min(_document_points(item)) * window.logicalDpiY() / 72 * scale
                sizes[f"{view.objectName()} {item.toPlainText()[:20]!r}"] = px
    return sizes


@pytest.mark.parametrize("size", [SMALL, WIDE_720])
def test_every_text_in_projector_mode_is_at_least_18_pt_on_screen(gui, size):
    _open_slide(gui, BASINS_SLIDE)  # minima labels, a legend, the colour bar, the basin legend
    gui.theme.set_projector(True)
    for tab in (0, 1):
        gui.window.tabs.setCurrentIndex(tab)
        if tab == 1:
            assert gui.graph.load_preset("02-logistic-regression.json")
        lay_out(gui.window, size)
        _settle()
        assert _small_widgets(gui.window) == {}
        plot_texts = _plot_text_px(gui.window)
        assert tab == 1 or len(plot_texts) >= 8  # ticks and titles of the map and its colour bar, the labels
        assert {name: px for name, px in plot_texts.items() if px < MIN_PX - 0.5} == {}
    backprop = gui.window.tabs.widget(1)
    assert backprop.scene.smallest_text_px() * backprop.view.zoom() >= MIN_PX - 0.01  # the graph's labels
    gui.window.tabs.setCurrentIndex(0)
    _descent(gui).side_tabs.setCurrentIndex(0)


# ----- the key sheet --------------------------------------------------------------------------------------
def test_the_key_sheet_fits_a_720p_window_scrolls_and_keeps_close_in_view(gui):
    gui.theme.set_projector(True)
    lay_out(gui.window, WIDE_720)
    gui.window.keys_action.trigger()
    _settle()
    sheet = gui.window.findChild(KeysSheet)
    assert sheet.isVisible() and sheet.height() <= WIDE_720[1] and sheet.width() <= WIDE_720[0]
    close = sheet.buttons.button(sheet.buttons.StandardButton.Close)
    corner = close.mapTo(sheet, close.rect().topLeft())
    assert close.isVisible() and sheet.rect().contains(QRect(corner, close.size()))
    assert sheet.label.height() > sheet.scroll.viewport().height()  # the keys do not fit whole ...
    bar = sheet.scroll.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0  # ... so they scroll
    assert QFontInfo(sheet.label.font()).pixelSize() >= MIN_PX
    close.click()
    assert not sheet.isVisible()


def test_the_key_sheet_shows_whole_when_there_is_room(gui):
    gui.window.keys_action.trigger()
    _settle()
    sheet = gui.window.findChild(KeysSheet)
    room = min(gui.window.height(), sheet.screen().availableGeometry().height())  # offscreen: an 800-px screen
    assert sheet.scroll.verticalScrollBar().maximum() == 0 or sheet.height() >= 0.9 * room
    sheet.close()


# ----- contrast of tick text ------------------------------------------------------------------------------
def _luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.red()) + 0.7152 * linear(colour.green()) + 0.0722 * linear(colour.blue())


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_helper_matches_wcag_examples():
    assert _contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert _contrast(QColor("#969696"), QColor("#ffffff")) == pytest.approx(2.96, abs=0.01)  # the grey
    assert _contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("projector", [False, True])
def test_tick_text_of_every_descent_axis_and_the_colour_bar_reads_at_4_5_to_1(gui, projector):
    gui.theme.set_projector(projector)
    tab = _descent(gui)
    axes = {f"{plot.objectName()} {side}": (plot.getPlotItem().getAxis(side), plot)
            for plot in tab.findChildren(pg.PlotWidget) for side in ("left", "bottom")}
    axes["colour bar"] = (tab.contour_view.colour_bar.axis, tab.contour_view.plot_widget)
    assert {"contourPlot left", "lossPlot bottom", "colour bar"} <= set(axes)
    low = {}
    for name, (axis, plot) in axes.items():
        ratio = _contrast(axis.textPen().color(), plot.backgroundBrush().color())
        if ratio < 4.5:
            low[name] = round(ratio, 2)
    assert low == {}


def _cut_tick_labels(tab) -> dict[str, list[str]]:
    """Per axis, the tick labels it draws that do not lie whole inside their plot's viewport."""
    axes = {f"{plot.objectName()} {side}": (plot.getPlotItem().getAxis(side), plot)
            for plot in tab.findChildren(pg.PlotWidget) if plot.isVisible() for side in ("left", "bottom")}
    axes["colour bar"] = (tab.contour_view.colour_bar.axis, tab.contour_view.plot_widget)
    cut = {}
    for name, (axis, plot) in axes.items():
        room = plot.viewport().rect()
        shown = [(text, plot.mapFromScene(axis.mapRectToScene(rect)).boundingRect()) for rect, text in drawn_tick_labels(axis)]
        cut[name] = [text for text, rect in shown if not room.contains(rect)]
    return {name: texts for name, texts in cut.items() if texts}


@pytest.mark.parametrize("size", [SMALL, WIDE_720])
def test_no_tick_label_at_the_top_of_a_plot_or_colour_bar_is_cut_in_projector_mode(gui, size):
    gui.theme.set_projector(True)
    tab = _descent(gui)
    for slide in (5, BASINS_SLIDE):  # Easom's colour bar ends at 0, the map's y axis at 10
        _open_slide(gui, slide)
        lay_out(gui.window, size)
        _settle()
        assert _cut_tick_labels(tab) == {}, slide


@pytest.mark.parametrize("projector, size, shown", [(False, WIDE_720, None), (True, SMALL, None), (True, WIDE_720, None),
                                                    (False, (1600, 1000), True)])
def test_the_timeline_is_wide_enough_to_drag_or_not_there(gui, projector, size, shown):
    """At 1280×720 with a race of four it was squeezed to a 15-px square that read as a check box,
    beside the room "step 5,000 / 5,000" keeps for the step counter."""
    gui.theme.set_projector(projector)
    gui.descent.apply_state({"optimizers": ["gd", "momentum", "adam", "rmsprop"]})
    lay_out(gui.window, size)
    _settle()
    transport = _descent(gui).transport
    timeline, counter = transport.timeline, transport.step_label
    assert not timeline.isVisible() or timeline.width() >= 6 * timeline.fontMetrics().height(), timeline.width()
    assert shown is None or timeline.isVisible() == shown
    assert counter.width() >= counter.fontMetrics().horizontalAdvance(counter.text())  # the counter reads whole


def _legend_lines(label) -> list[str]:
    """The lines a word-wrapped rich-text label shows at its width."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.size()  # lays the text out, as the label does
    lines, block = [], document.begin()
    while block.isValid():
        layout = block.layout()
        lines += [block.text()[line.textStart():line.textStart() + line.textLength()] for line in
                  (layout.lineAt(i) for i in range(layout.lineCount()))]
        block = block.next()
    return lines


@pytest.mark.parametrize("projector, size", [(False, WIDE_720), (True, WIDE_720)])
def test_a_wrapped_loss_legend_keeps_each_swatch_with_its_name(gui, projector, size):
    """At 1280×720 a race of four wrapped as "━━ GD ━━ Momentum ━━ Adam ━━" / "RMSprop"."""
    gui.theme.set_projector(projector)
    gui.descent.apply_state({"optimizers": ["gd", "momentum", "adam", "rmsprop"]})
    lay_out(gui.window, size)
    _settle()
    tab = _descent(gui)
    if tab.side_tabs.isHidden():
        tab.fold_button.click()  # the loss column folded for room: bring it in
        _settle()
    lines = _legend_lines(tab.loss_view.legend)
    assert len(lines) > 1  # the check saw a wrapped legend
    assert not [line for line in lines if line.rstrip().endswith("━━")], lines
