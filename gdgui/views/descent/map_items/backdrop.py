"""The map's still layers as one opaque picture: the view's cached background.

The colours, the basin map, the contour lines and the −∇f field change only with the function, the
zoom, the size, the theme or a toolbar button, yet each repainted spot of a playing run blended every
one of them again (two window-sized caches and the arrows). Here they do not paint themselves on the
screen (opacity 0): ``BackdropPlotWidget.drawBackground`` paints them into the background that
``QGraphicsView`` already keeps as a pixmap (``CacheBackground``), so a frame copies one opaque
picture over the part repainted. A change of a layer, the zoom or the view box makes that picture
again (``QGraphicsView.resetCachedContent``).

pyqtgraph's exporters (PNG, SVG, the GIF's frames) paint the scene item by item and never the view's
background: while they export, the layers paint themselves again (``_ExportSwitch``), as vectors in
an SVG, exactly as without a backdrop.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

__all__ = ["Backdrop", "BackdropPlotWidget"]

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


class BackdropPlotWidget(pg.PlotWidget):
    """A plot widget whose cached background holds the still layers of its ``backdrop``, if any."""

    backdrop: Backdrop | None = None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 — Qt override
        super().drawBackground(painter, rect)
        if self.backdrop is not None:
            self.backdrop.draw(painter)


class Backdrop(QObject):
    """``layers`` (items of the plot's view box, below everything that moves) drawn as ``view``'s
    background; ``set_enabled(False)`` lets them paint themselves again, as without a backdrop."""

    def __init__(self, view: BackdropPlotWidget, layers: Sequence[pg.GraphicsObject]):
        super().__init__(view)
        self._view = view
        self._box = view.getPlotItem().getViewBox()
        self._layers = sorted(layers, key=lambda layer: layer.zValue())
        self._switch = _ExportSwitch(self)
        self._switch.setParentItem(self._box)
        for signal in (self._box.sigTransformChanged, self._box.sigResized, self._box.geometryChanged):
            signal.connect(self.invalidate)  # zoom, pan, the map's size or place
        for layer in self._layers:
            layer.visibleChanged.connect(self.invalidate)
            for signal in _content_signals(layer):
                signal.connect(self.invalidate)
        self.set_enabled(True)

    @property
    def enabled(self) -> bool:
        return self._view.backdrop is self

    def set_enabled(self, enabled: bool) -> None:
        self._view.backdrop = self if enabled else None
        if not enabled:
            self._drop_caches()
        self.show_layers(not enabled)
        self.invalidate()

    def _drop_caches(self) -> None:
        """Qt's pictures of the layers (``DeviceCoordinateCache``) made anew: one kept while they were
        hidden behind the backdrop was seen to keep old contour lines after a zoom."""
        for layer in self._layers:
            for item in [layer, *layer.childItems()]:
                mode = item.cacheMode()
                if mode != QGraphicsItem.CacheMode.NoCache:
                    item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
                    item.setCacheMode(mode)

    def show_layers(self, shown: bool) -> None:
        """The layers painting themselves (an export, no backdrop) or only through the backdrop."""
        for layer in self._layers:
            layer.setOpacity(1.0 if shown else 0.0)

    def invalidate(self, *_) -> None:
        """Make the picture again at the next paint: a layer, the zoom or the view box changed.
        (A layer's pen has no signal of its own: whoever sets one calls this.)"""
        self._view.resetCachedContent()

    def draw(self, painter: QPainter) -> None:
        """The visible layers with their transforms, clipped to the view box as Qt clips them."""
        scene_to_device = painter.worldTransform()
        painter.save()
        painter.setRenderHints(painter.renderHints(), False)
        painter.setRenderHints(self._view.renderHints(), True)  # as the view paints its items
        painter.setTransform(self._box.sceneTransform() * scene_to_device)
        painter.setClipPath(self._box.shape(), Qt.ClipOperation.IntersectClip)
        option = QStyleOptionGraphicsItem()
        for layer in self._layers:
            _draw_tree(painter, scene_to_device, layer, option)
        painter.restore()


def _draw_tree(painter: QPainter, scene_to_device, item: QGraphicsItem, option) -> None:
    """``item`` and its children (a PlotDataItem paints through its curve) as the scene paints them."""
    if not item.isVisible():
        return
    if not item.flags() & _NO_CONTENTS:
        option.exposedRect = item.boundingRect()
        if item.cacheMode() == _DEVICE_CACHE:
            _draw_as_cached(painter, item.sceneTransform() * scene_to_device, item, option)
        else:
            painter.save()
            painter.setTransform(item.sceneTransform() * scene_to_device)
            item.paint(painter, option, None)
            painter.restore()
    for child in item.childItems():  # in stacking order
        _draw_tree(painter, scene_to_device, child, option)


def _draw_as_cached(painter: QPainter, transform, item: QGraphicsItem, option) -> None:
    """An item Qt keeps as a picture in device pixels, drawn as Qt draws it: into a clear picture of
    its own, then onto what lies below (straight onto it, a contour line's edge can round a channel
    by one: the same pixels, but not the same bytes). At a fractional device pixel ratio (1.25) Qt
    places its picture on whole logical pixels and resamples it; this one is drawn where it lies."""
    device = painter.device()
    layer = QImage(device.width(), device.height(), QImage.Format.Format_ARGB32_Premultiplied)
    layer.setDevicePixelRatio(device.devicePixelRatioF())
    layer.fill(Qt.GlobalColor.transparent)
    own = QPainter(layer)
    own.setRenderHints(painter.renderHints())
    own.setTransform(transform)
    item.paint(own, option, None)
    own.end()
    painter.save()
    painter.resetTransform()
    painter.drawImage(QPointF(0, 0), layer)
    painter.restore()


def _content_signals(layer: pg.GraphicsObject) -> list:
    """The signals a layer sends when what it draws changes: an image's data, a plot's data."""
    if isinstance(layer, pg.ImageItem):
        return [layer.sigImageChanged]
    return [layer.sigPlotChanged] + [child.sigPlotChanged for child in layer.childItems()
                                     if hasattr(child, "sigPlotChanged")]


class _ExportSwitch(pg.GraphicsObject):
    """Draws nothing. pyqtgraph tells every item of the plot when an export starts and ends
    (``setExportMode``): meanwhile the layers paint themselves, since an export renders the scene,
    not the view's background."""

    def __init__(self, backdrop: Backdrop):
        super().__init__()
        self.setFlag(_NO_CONTENTS)
        self._backdrop = backdrop

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt override
        return QRectF()

    def paint(self, *_) -> None:
        pass

    def setExportMode(self, export: bool, opts=None) -> None:  # noqa: N802 — pyqtgraph's name
        super().setExportMode(export, opts)
        self._backdrop.show_layers(bool(export) or not self._backdrop.enabled)

    def generateSvg(self, nodes):  # noqa: N802 — pyqtgraph's name
        return None  # no element: an SVG paints each item itself, whatever its opacity
