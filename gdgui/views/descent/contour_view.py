"""The contour map (``contourPlot``): f as colours and contour lines, minima, start, paths, swarm."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame_data import Frame
from gdgui.controllers.descent.map import MapData
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.descent.basin_overlay import BasinOverlay
from gdgui.views.descent.contour_layers import RaceLayer, SwarmLayer
from gdgui.views.descent.map_items.backdrop import Backdrop, BackdropPlotWidget
from gdgui.views.descent.map_tools.toolbar import TOOL_SPACING, MapToolbarMixin
from gdgui.views.descent.minima_marks import CORNERS, MinimaMarks, legend_corner, legend_offset
from gdgui.views.descent.practice_view import PracticeLayer
from gdgui.views.widgets.plot_style import INK, new_colour_bar, new_plot_widget, pen, style_axes, style_axis

__all__ = ["ContourView"]

COLOUR_MAP = "viridis"
_CONTOUR_Z, _FIELD_Z, _START_Z = 5, 8, 40  # the minima between: minima_marks.MINIMA_Z
_MIN_MAP_EMS = 12  # the map's least height in font sizes: the panels around it give way first
_HOVER_INSET = 6   # px between the map's corner and the f, ∇f read-out
_COLOUR_BAR_CELL = (2, 5)  # where pyqtgraph's ColorBarItem.setImageItem(insert_in=plot) puts the bar
_LEGEND_MARGIN = 10  # px between the legend and the map's edges

def _square(domain) -> bool:
    """x and y span the same length: equal axes show it as it is, without wasting the map."""
    x0, x1, y0, y1 = domain
    return abs((x1 - x0) - (y1 - y0)) <= 1e-9 * max(x1 - x0, y1 - y0)


class ContourView(MapToolbarMixin, QWidget):
    """The map and its toolbar; clicking the map (or dragging the start marker) sets the start."""

    def __init__(self, controller: DescentController, theme: ThemeController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller, self._theme = controller, theme
        self._legend_keys: tuple = ()
        self._drawn_f: tuple | None = None  # (formula, domain) of the map drawn: a new f resets the zoom
        self._domain: tuple | None = None  # the map's domain: equal axes are chosen afresh when it changes
        self._setup_ui()
        self._create_items()
        self._connect_signals()
        self._on_theme_changed()
        self._on_map_changed(controller.map_data)
        self._on_settings_changed(controller.settings)
        self._on_frame_changed(controller.frame)

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(TOOL_SPACING)
        layout.addWidget(self._map_toolbar())
        self.plot_widget = new_plot_widget("contourPlot", widget_type=BackdropPlotWidget)
        self.plot_widget.setToolTip("Click to set the start point; drag the start marker; "
                                    "scroll to zoom, drag to pan.")
        self._map_row = QHBoxLayout()
        self._map_row.addWidget(self.plot_widget, 1)
        self._column = QVBoxLayout()  # beside a wide map: the toolbar, then the basin legend
        self._column.setSpacing(TOOL_SPACING)
        self._column.addStretch(1)
        self._map_row.setSpacing(0)
        self._map_row.addLayout(self._column)  # empty, and no width, while the toolbar is above
        layout.addLayout(self._map_row, 1)
        self.basins = BasinOverlay(self._controller, self._theme, self.plot_widget.getPlotItem(), self)
        layout.addWidget(self.basins.panel)
        # Floats in the map's top-left corner while the pointer is over the map: a row of its
        # own under the map cost the map its height on a projector.
        self.hover_label = QLabel(self.plot_widget)
        self.hover_label.setObjectName("hoverLabel")
        self.hover_label.setStyleSheet(f"QLabel#hoverLabel {{ background: rgba(255, 255, 255, 225); color: {INK};"
                                       f" border: 1px solid {INK}; padding: 2px 6px; }}")
        self.hover_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hover_label.hide()
        self.plot_widget.viewport().installEventFilter(self)

    def _create_items(self) -> None:
        plot = self.plot_widget.getPlotItem()
        self.view_box = plot.getViewBox()
        self.view_box.disableAutoRange()
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get(COLOUR_MAP))
        # The map changes only with the function or the zoom: keep it as a ready pixmap, so an
        # animation frame repaints just what moves.
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        plot.addItem(self.image)
        self.colour_bar = new_colour_bar(pg.colormap.get(COLOUR_MAP), width=22)
        self.colour_bar.setImageItem(self.image, insert_in=plot)
        # All levels share one pen, so they are one path in one cached item (one blit per frame).
        self.contours = pg.PlotDataItem(connect="finite")
        self.contours.setZValue(_CONTOUR_Z)
        self.contours.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # the child that paints
        plot.addItem(self.contours)
        self.field_arrows = pg.PlotDataItem(connect="pairs")
        self.field_arrows.setZValue(_FIELD_Z)
        plot.addItem(self.field_arrows)
        # The still layers, below all that moves, drawn as one opaque picture (the view's background).
        self.backdrop = Backdrop(self.plot_widget, [self.image, self.basins.image, self.contours, self.field_arrows])
        self.minima_marks = MinimaMarks(plot, self._theme.sizes)
        self.minima, self.minima_labels = self.minima_marks.stars, self.minima_marks.labels
        self.race = RaceLayer(plot, self._theme.sizes)
        self.swarm = SwarmLayer(plot, self._theme.sizes)
        self.practice = PracticeLayer(plot, self._controller.practice, self._theme.sizes)
        self.start_marker = pg.TargetItem(pos=(0, 0), movable=True, symbol="crosshair")
        self.start_marker.setZValue(_START_Z)
        plot.addItem(self.start_marker)
        self.legend = plot.addLegend(offset=legend_offset(CORNERS[0], _LEGEND_MARGIN), labelTextColor=INK,
                                     brush=pg.mkBrush(255, 255, 255, 215), pen=pg.mkPen(INK))

    def _connect_signals(self) -> None:
        c = self._controller
        c.map_changed.connect(self._on_map_changed)
        c.zoom.drawn.connect(self._draw_field)
        self.view_box.sigRangeChanged.connect(self._on_range_changed)
        self.view_box.sigResized.connect(lambda _: self._place_marks())
        c.minima_changed.connect(lambda _: self._show_minima(c.map_data))
        c.frame_changed.connect(self._on_frame_changed)
        c.settings_changed.connect(self._on_settings_changed)
        self._theme.changed.connect(self._on_theme_changed)
        self.log_button.toggled.connect(c.set_log_colours)
        self.aspect_button.toggled.connect(lambda on: self.view_box.setAspectLocked(on, ratio=1))
        self.field_button.toggled.connect(self.field_arrows.setVisible)
        self.arrow_button.toggled.connect(lambda _: self._on_frame_changed(c.frame))
        self.basin_button.toggled.connect(c.set_basins_shown)
        c.analysis.basins_shown_changed.connect(self._on_basins_shown_changed)
        c.analysis.basins_changed.connect(self._on_basins_changed)
        c.analysis.basins_busy_changed.connect(self._place_toolbar)
        self.home_button.clicked.connect(self.reset_zoom)
        self.start_marker.sigPositionChangeFinished.connect(self._on_marker_dropped)
        scene = self.plot_widget.scene()
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        scene.sigMouseMoved.connect(self._on_mouse_moved)

    # ----- controller → items ------------------------------------------------------------------

    def _on_map_changed(self, data: MapData) -> None:
        self._draw_field(data)
        self._show_minima(data)
        with QSignalBlocker(self.log_button):
            self.log_button.setChecked(data.log)
        if data.domain != self._domain:  # a new function or domain: equal axes where it is square
            self._domain = data.domain
            self.aspect_button.setChecked(_square(data.domain))
        drawn, self._drawn_f = self._drawn_f, (data.objective.formula, data.domain)
        if drawn == self._drawn_f:
            self._on_range_changed()  # only the colour scale changed: the zoom stays, sampled again
        else:
            self.reset_zoom()

    def _draw_field(self, data: MapData) -> None:
        """Colours, colour bar, contour lines and −∇f arrows of ``data``: the whole domain, or the
        part on show sampled again after a zoom (``controller.zoom``)."""
        x0, x1, y0, y1 = data.domain
        self.image.setImage(data.colour.T, levels=data.colour_range, autoLevels=False)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.colour_bar.setLevels(data.colour_range)
        self._style_colour_bar(data.colour_label)
        contours = data.contour_path
        self.contours.setData(contours[:, 0], contours[:, 1])
        self.field_arrows.setData(data.arrows[:, 0], data.arrows[:, 1])
        self.field_arrows.setVisible(self.field_button.isChecked())

    def _show_minima(self, data: MapData) -> None:
        self.minima_marks.show(data.objective.minima, data.domain)
        self._place_marks()

    def _place_marks(self) -> None:
        """The minima's labels where they fit on the map as it is on the screen, off the start; then the
        legend off them."""
        start = [self.start_marker.sceneBoundingRect()] if self.start_marker.isVisible() else []
        self.minima_marks.place_labels(self.view_box, start)
        self._place_legend()

    def _place_legend(self) -> None:
        """In a corner where it covers no minimum's star or label nor the start, or hidden (``legend_corner``)."""
        obstacles = self.minima_marks.scene_rects(self.view_box)
        if self.start_marker.isVisible():  # a race's start under the legend hid where the paths begin
            obstacles.append(self.start_marker.sceneBoundingRect())
        corner = legend_corner(self.legend.sceneBoundingRect().size(), self.view_box.sceneBoundingRect(),
                               obstacles, _LEGEND_MARGIN)
        self.legend.setVisible(corner is not None)  # else the status rows under the map name the colours
        if corner is not None and legend_offset(corner, _LEGEND_MARGIN) != tuple(self.legend.opts["offset"]):
            self.legend.setOffset(legend_offset(corner, _LEGEND_MARGIN))

    def _on_frame_changed(self, frame: Frame) -> None:
        self.race.show(frame.paths, self.arrow_button.isChecked())
        self.swarm.show(frame.swarm_data)
        self._update_legend(frame)

    def _update_legend(self, frame: Frame) -> None:
        entries = self.swarm.legend_entries(frame) if frame.swarm else self.race.legend_entries(frame)
        keys = tuple((id(item), text) for item, text in entries)
        if keys != self._legend_keys:
            self._legend_keys = keys
            self.legend.clear()
            for item, text in entries:
                self.legend.addItem(item, text)
            self._place_legend()  # another size

    def _on_basins_shown_changed(self, shown: bool) -> None:
        with QSignalBlocker(self.basin_button):
            self.basin_button.setChecked(shown)

    def _on_basins_changed(self, _view) -> None:
        self._show_colour_bar(not self.basins.image.isVisible())
        self._place_toolbar()  # a legend or a progress row came or went: beside the map, or under it

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        self.start_marker.setVisible(not settings.swarm)
        self.start_marker.setPos(*settings.start)
        self._place_marks()  # off the start, wherever it went

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        plot = self.plot_widget.getPlotItem()
        self.plot_widget.setMinimumHeight(sizes.font_pt * _MIN_MAP_EMS)
        style_axes(plot, sizes, {"left": "y", "bottom": "x"})
        self._style_colour_bar(self._controller.map_data.colour_label)
        self.contours.setPen(pen(INK, sizes.thin_px, alpha=110))
        self.field_arrows.setPen(pen("#ffffff", max(sizes.thin_px, sizes.line_px * 0.75), alpha=220))
        self.backdrop.invalidate()  # new pens
        self.minima_marks.apply_theme(sizes)
        self.start_marker.setPen(pen(INK, sizes.line_px + 1))
        self.start_marker.setBrush(pg.mkBrush(QColor(255, 255, 255, 140)))
        self.start_marker.size = sizes.marker_px + 14
        self.race.apply_theme(sizes)
        self.swarm.apply_theme(sizes)
        self.practice.apply_theme(sizes)
        self._legend_keys = ()
        self.legend.setLabelTextSize(f"{sizes.font_pt}pt")
        QTimer.singleShot(0, self, self._place_toolbar)  # once the buttons have their new fonts
        self._on_frame_changed(self._controller.frame)

    def _show_colour_bar(self, shown: bool) -> None:
        """The f colour bar, or room for the basin legend: the basin map's colours are not f's."""
        layout = self.plot_widget.getPlotItem().layout
        if shown == self.colour_bar.isVisible():
            return
        if shown:
            layout.addItem(self.colour_bar, *_COLOUR_BAR_CELL)
        else:
            layout.removeItem(self.colour_bar)
        self.colour_bar.setVisible(shown)

    def _style_colour_bar(self, title: str) -> None:
        """The colour bar's axis like the map's, titled f or log₁₀ of the gap to the minimum."""
        style_axis(self.colour_bar.axis, self._theme.sizes, title)
        self.colour_bar.axis.setWidth(None)  # as wide as its ticks and title need (pyqtgraph fixes 45 px)

    def _on_range_changed(self, *_) -> None:
        # the paths again, their points a pixel apart at the new zoom
        self.race.show(self._controller.frame.paths, self.arrow_button.isChecked())
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        self._controller.zoom.show_range(x0, x1, y0, y1)
        self._place_marks()  # the minima moved on the screen

    def reset_zoom(self) -> None:
        x0, x1, y0, y1 = self._controller.map_data.domain
        self.view_box.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    # ----- mouse -------------------------------------------------------------------------------

    def _on_marker_dropped(self, marker: pg.TargetItem) -> None:
        position = marker.pos()
        self._controller.set_start(float(position.x()), float(position.y()))

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double() or event.isAccepted():
            return
        if self.view_box.sceneBoundingRect().contains(event.scenePos()):
            point = self.view_box.mapSceneToView(event.scenePos())
            if not self._controller.practice.place_guess(float(point.x()), float(point.y())):  # practice: a guess
                self._controller.set_start(float(point.x()), float(point.y()))

    def _on_mouse_moved(self, scene_pos) -> None:
        """f and ∇f under the pointer, in the map's corner; nothing when the pointer is off the map."""
        area = self.view_box.sceneBoundingRect()
        if not area.contains(scene_pos):
            self.hover_label.hide()
            return
        point = self.view_box.mapSceneToView(scene_pos)
        self.hover_label.setText(self._controller.hover_text(float(point.x()), float(point.y())))
        self.hover_label.adjustSize()
        corner = self.plot_widget.mapFromScene(area.topLeft())
        self.hover_label.move(corner.x() + _HOVER_INSET, corner.y() + _HOVER_INSET)
        self.hover_label.show()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.Leave:
            self.hover_label.hide()  # the pointer left the plot: the numbers are no longer "here"
        return super().eventFilter(watched, event)
