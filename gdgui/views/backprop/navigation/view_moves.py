"""How the graph view moves: fit, wheel zoom, scroll bars, panning, and the legend's corner.

No text is drawn under the theme's ``min_text_px`` on screen (12 px, 24 px on a projector): a fit
stops zooming out at the zoom where the scene's smallest text reaches it, and a graph too big for
the view at that zoom is scrolled (scroll bars, middle-drag, Space+drag), not shrunk; it is shown
from its top-left corner, where the inputs are.  The wheel may zoom out further, down to the whole
graph, as an overview: the scene then draws no text at all, only the graph's shape.

A new document is fitted once it is drawn; an edit of the same graph keeps the view where it is. A
step of the walkthrough whose gate is not in view (a graph that scrolls) is brought into view (following.py).
Dragging the background with the left button draws a rubber band that selects (graph_view.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsView

from gdgui.views.backprop.graph_legend import LEGEND_GAP
from gdgui.views.backprop.navigation.following import FollowingMixin

ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM, MAX_FIT_ZOOM = 0.15, 4.0, 2.0  # the wheel goes below MIN_ZOOM only to see a whole graph
MARGIN = 20.0  # scene units of white around the drawing


class NavigationMixin(FollowingMixin):
    """Zoom, fit, scroll and pan of ``GraphView`` (a QGraphicsView with a ``legend``)."""

    def _init_navigation(self) -> None:
        self._fit_pending = True        # fit again on resize, until the wheel sets a zoom
        self._fit_after_drawing = False  # a new document is still being drawn in slices
        self._fitting = False
        self._pan_from: QPointF | None = None
        self._space_held = False
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scene = self.scene()
        self.controller.graph_changed.connect(self._on_graph_changed)
        self.controller.document_replaced.connect(self._on_document_replaced)
        self.controller.passes_changed.connect(self._on_passes_changed)
        self._followed = None  # (walkthrough, cursor) whose gate the view last brought into view
        scene.slices.busy_changed.connect(self._on_drawing)
        scene.theme.changed.connect(self._on_theme_changed)

    def zoom(self) -> float:
        return self.transform().m11()

    # ----- fit ------------------------------------------------------------------------------------
    def request_fit(self) -> bool:
        """Fit now if the view has its size (True), else as soon as it is shown."""
        self._fit_pending = True
        if self.isVisible() and self.viewport().width() > 50:
            return self.fit()
        return False

    def fit(self) -> bool:
        """The whole graph in view (not beyond 2×) beside the legend, but never so small that a text
        falls under ``min_text_px``: then its left part (its first column's nodes in view), and scroll bars.

        The view keeps refitting when it is resized until the wheel sets a zoom. False: nothing to fit (yet)."""
        self._fit_pending = True
        content = self._content()
        if content.isEmpty() or self._fitting:
            return False
        self._fitting = True
        try:
            for _ in range(2):  # again if scroll bars came or went and the viewport changed size
                size = self.viewport().size()
                room, zoom = self._room_for(content)
                self._set_zoom(zoom)
                self._show(content, room)
                if self.viewport().size() == size:
                    break
        finally:
            self._fitting = False
        walk = self.controller.walkthrough
        if walk is not None and 0 < walk.cursor < len(walk.steps):  # a slide opened mid-walk: its step in view;
            self.show_current_step()                                # solved or not begun, the inputs stay in view
        return True

    def _content(self) -> QRectF:
        rect = self.scene().drawn_bounds()
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if not rect.isEmpty() else rect

    def _room_for(self, content: QRectF) -> tuple[QRectF, float]:
        """The viewport's part left to the graph, and the zoom: above the legend if the graph's height fits
        there, at least as large as beside it (a wide graph then scrolls sideways only, with the whole
        width of the view); else right of the legend (a graph too tall to fit then starts right of the
        legend, so the legend covers none of it)."""
        view = QRectF(self.viewport().rect())
        above = view.adjusted(0, 0, 0, -(self.legend.height() + 2 * LEGEND_GAP))
        beside = view.adjusted(self.legend.width() + 2 * LEGEND_GAP, 0, 0, 0)
        (zoom_above, _), (zoom_beside, _) = self._zoom_in(content, above), self._zoom_in(content, beside)
        low_enough = content.height() * zoom_above <= above.height()
        return (above, zoom_above) if low_enough and zoom_above >= zoom_beside else (beside, zoom_beside)

    def _zoom_in(self, content: QRectF, room: QRectF) -> tuple[float, bool]:
        """The fit's zoom for ``room`` (not beyond 2×, not below legible), and whether all of it fits."""
        whole = min(room.width() / content.width(), room.height() / content.height())
        return max(min(whole, MAX_FIT_ZOOM), self.scene().legible_zoom()), whole >= self.scene().legible_zoom()

    def _show(self, content: QRectF, room: QRectF) -> None:
        """Place ``content`` in ``room``: centred where it fits, from its left or top edge where not."""
        zoom = self.zoom()
        column = self._first_column(content, room.width() / zoom) if content.height() * zoom > room.height() else content
        top = _start(column.top(), column.height(), room.top(), room.height(), zoom)
        top = min(max(top, content.top() - room.top() / zoom), content.bottom() - room.bottom() / zoom)
        corner = QPointF(_start(content.left(), content.width(), room.left(), room.width(), zoom), top)
        shown = QRectF(corner, self.viewport().size().toSizeF() / zoom)
        self._set_scroll_area(content, shown)
        self.centerOn(shown.center())

    def _first_column(self, content: QRectF, width: float) -> QRectF:
        """The nodes within ``width`` of the graph's left edge, where a graph too tall to show whole starts:
        its top-left corner may be empty (dot centres short columns), and a fit showed nothing at all."""
        first = QRectF()
        for node in self.scene().nodes.values():
            rect = node.sceneBoundingRect()
            if rect.left() <= content.left() + width:
                first = first.united(rect)
        return first if not first.isEmpty() else content

    def _set_zoom(self, zoom: float) -> None:
        self.resetTransform()
        self.scale(zoom, zoom)
        self.scene().set_zoom(zoom)

    # ----- scrolling -------------------------------------------------------------------------------
    def _visible(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _set_scroll_area(self, content: QRectF, shown: QRectF) -> None:
        """Scroll bars reach the whole graph and what is shown now; no bars while all of it is shown.
        A graph taller than the view gets a legend's height below it, so its last row can be scrolled
        clear of the legend."""
        pixel = 1 / max(self.zoom(), 1e-9)
        area = shown.adjusted(pixel, pixel, -pixel, -pixel)  # a pixel in: no bar from rounding alone
        if not content.isEmpty():
            taller = content.height() > shown.height() + pixel
            below = (self.legend.height() + 2 * LEGEND_GAP) * pixel if taller else 0.0
            area = area.united(content.adjusted(0, 0, 0, below))
        if area != self.sceneRect():
            self.setSceneRect(area)

    def _update_scroll_area(self) -> None:
        self._set_scroll_area(self._content(), self._visible())

    def _on_graph_changed(self) -> None:
        if not self.scene().building and not self.controller.replacing:  # a new document: the fit sets it
            self._update_scroll_area()

    def _on_document_replaced(self) -> None:
        """A new graph (preset, formula, file, session, Ctrl+G, or the undo of one): fit it once drawn (the
        fit sets the scroll area; a hidden view's is set now, and again by its fit once shown)."""
        self._fit_pending = True
        self._fit_after_drawing = self.scene().building
        if not self._fit_after_drawing and not self.request_fit():
            self._update_scroll_area()

    def _on_drawing(self, busy: bool) -> None:
        if busy:
            return
        if self._fit_after_drawing:
            self._fit_after_drawing = False
            self.request_fit()
        else:
            self._update_scroll_area()

    # ----- zoom ----------------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._fit_pending = False  # the teacher chose a zoom: stop refitting on resize
        steps = event.angleDelta().y() / 120
        zoom = max(self._lowest_zoom(), min(MAX_ZOOM, self.zoom() * ZOOM_STEP ** steps))
        factor = zoom / self.zoom()
        visible = self._visible()
        grow = max(visible.width(), visible.height()) / min(factor, 1.0)
        # Room to zoom about the mouse: a scene smaller than the view would be centred instead.
        self.setSceneRect(self.sceneRect().united(visible.adjusted(-grow, -grow, grow, grow)))
        self.scale(factor, factor)
        self.scene().set_zoom(self.zoom())
        self._update_scroll_area()

    def _lowest_zoom(self) -> float:
        """MIN_ZOOM, or less if that is what shows the whole graph."""
        content, view = self._content(), self.viewport().rect()
        if content.isEmpty():
            return MIN_ZOOM
        return min(MIN_ZOOM, view.width() / content.width(), view.height() / content.height())

    def _on_theme_changed(self) -> None:
        """New sizes: the legend's font, and a zoom at which the new fonts are legible."""
        self.legend.restyle()
        self.legend.place(self.viewport().geometry())
        if self._fit_pending:
            self.fit()
        elif self.zoom() < self.scene().legible_zoom():
            centre = self._visible().center()
            self._set_zoom(self.scene().legible_zoom())
            self._update_scroll_area()
            self.centerOn(centre)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.legend.place(self.viewport().geometry())
        if self._fit_pending:
            self.fit()
        elif not self._fitting:
            self._update_scroll_area()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.legend.place(self.viewport().geometry())
        if self._fit_pending:
            self.fit()

    # ----- panning: middle-drag, or Space held and a left-drag -----------------------------------------
    def _start_pan(self, event) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_held):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return True
        return False

    def _pan(self, event) -> bool:
        if self._pan_from is None:
            return False
        delta, self._pan_from = event.position() - self._pan_from, event.position()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
        return True

    def _end_pan(self) -> bool:
        if self._pan_from is None:
            return False
        self._pan_from = None
        self._show_hand(self._space_held)
        return True

    def _hold_space(self, held: bool) -> None:
        """Space down: the next left-drag pans (as in drawing programs), wherever it starts."""
        self._space_held = held
        if self._pan_from is None:
            self._show_hand(held)

    def _show_hand(self, shown: bool) -> None:
        if shown:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()


def _start(low: float, length: float, room_low: float, room_length: float, zoom: float) -> float:
    """Scene coordinate at the viewport's edge that centres [low, low+length] in the room's span, or,
    when it is longer than the room, puts its start at the room's start."""
    if length * zoom <= room_length:
        return low + length / 2 - (room_low + room_length / 2) / zoom
    return low - room_low / zoom
