"""The graph view follows the walkthrough: a step whose gate is off screen, or under the legend, is
brought into view with the numbers it writes, above the legend or right of it."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from gdgui.views.backprop.graph_legend import LEGEND_GAP

__all__ = ["FollowingMixin"]


class FollowingMixin:
    """Part of ``NavigationMixin`` (``GraphView``: a QGraphicsView with a ``legend`` and a ``controller``)."""

    def _on_passes_changed(self) -> None:
        """A step of the walkthrough (Step, Back, a clicker): its gate into view. A value edit, which
        keeps the cursor, leaves the view where the teacher put it."""
        walk = self.controller.walkthrough
        followed, self._followed = self._followed, (walk, walk.cursor if walk else None)
        if followed != self._followed and not self.controller.replacing:  # a new document: its fit shows the step
            self.show_current_step()

    def show_current_step(self) -> None:
        """Scroll the current step's gate into view, clear of the legend, when it is not there whole: a
        graph too big for the view at a legible zoom showed a corner while the step happened off screen.
        The numbers the step writes come along where the view has room for them."""
        walk = self.controller.walkthrough
        step = walk.current() if walk else None
        node = self.scene().nodes.get(step.node_id) if step else None
        if node is None or self.scene().building:
            return
        legend, gate = self._legend_rect(), node.sceneBoundingRect()
        texts = self._step_texts(walk, node)
        target = texts if self._fits_clear_of(legend, self.mapFromScene(texts).boundingRect()) else gate
        if self._shown_whole(target, legend):
            return
        self._update_scroll_area()  # the scroll bars reach labels written since the last fit
        self.centerOn(target.center())
        self._out_from_under(legend, self.mapFromScene(target).boundingRect())

    def _fits_clear_of(self, legend, shown) -> bool:
        """Whether a rectangle of ``shown``'s size fits in the view above the legend or beside it."""
        view = self.viewport().rect()
        above = shown.height() <= legend.top() - LEGEND_GAP and shown.width() <= view.width()
        return above or shown.width() <= view.width() - legend.width() - 3 * LEGEND_GAP

    def _out_from_under(self, legend, shown) -> None:
        """Scroll ``shown`` (viewport coordinates) out from under the legend: up above it where it is low
        enough, as a short view needs (a step's gate and its numbers side by side), else right of it."""
        if legend.intersects(shown) and shown.height() <= legend.top() - LEGEND_GAP:
            bar = self.verticalScrollBar()
            moved = bar.value()
            bar.setValue(moved + round(shown.bottom() - legend.top() + LEGEND_GAP + 1))
            shown = shown.translated(0, moved - bar.value())
        if legend.intersects(shown):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(legend.right() + LEGEND_GAP - shown.left()))

    def _shown_whole(self, rect: QRectF, legend) -> bool:
        shown = self.mapFromScene(rect).boundingRect()
        return self.viewport().rect().contains(shown) and not legend.intersects(shown)

    def _step_texts(self, walk, node) -> QRectF:
        """The gate and the labels of the wires its step writes on (the output's too)."""
        scene, rect = self.scene(), node.sceneBoundingRect()
        wires = [scene.wires[edge] for edge in walk.current_edges() if edge in scene.wires]
        if node.node_id == self.controller.graph.output():
            wires.append(scene.output_wire)
        for label in (label for wire in wires for label in wire.labels() if label.isVisible()):
            rect = rect.united(label.sceneBoundingRect())
        return rect

    def _legend_rect(self):
        """The legend's corner, in the viewport's coordinates (it is the view's child, over the viewport)."""
        return self.legend.geometry().translated(-self.viewport().pos())
