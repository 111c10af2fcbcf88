"""The map's toolbar: Log colours, Equal axes, −∇f, Step arrow, Basins and Reset zoom, in rows above the
map, or in one or two columns beside a map much wider than tall, with the basin legend under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget

from gdgui.views.widgets.flow_layout import FlowLayout

__all__ = ["TOOL_SPACING", "MapToolbarMixin"]

TOOL_SPACING = 4  # px between the toolbar's buttons
BESIDE_RATIO = 1.3  # the toolbar goes beside the map where the map is still this many times wider than tall
MAX_COLUMNS = 2  # beside the map, the toolbar's buttons in one column, or two where one is too tall

_TIPS = {
    "log": "Colour by log₁₀(f − min f) instead of f (min f: the lowest f on the map). Turn on when f "
           "spans many decades (Himmelblau, Rosenbrock): otherwise the whole valley floor is one colour.",
    "aspect": "Draw one unit of x as long as one unit of y, so circles look round and "
              "the gradient (always perpendicular to the contour lines) looks perpendicular.",
    "field": "Arrows pointing downhill, along −∇f (not ∇f, which points uphill), on a coarse grid. "
             "Scaled to one length: they show the direction, not the steepness. "
             "They cross every contour line at a right angle.",
    "arrow": "The step −γ·∇f from the current point: where plain gradient descent goes next.",
    "basins": "Colour each start point by the minimum it reaches (selected optimizer, current γ). "
              "Computed in the background.",
    "home": "Zoom back to the function's domain. Zoomed in, the map is drawn afresh for what is on show.",
}


class MapToolbarMixin:
    """The toolbar of ``ContourView`` (which has the map row's ``_column`` and the ``basins`` overlay)."""

    def _map_toolbar(self) -> QWidget:
        self.toolbar = toolbar = QWidget(self)
        tools = FlowLayout(toolbar, spacing=TOOL_SPACING)  # one row in the map column of a 1400-px window
        self.log_button = self._tool("Log colours", "log", checkable=True)
        self.aspect_button = self._tool("Equal axes", "aspect", checkable=True)
        self.field_button = self._tool("−∇f (downhill)", "field", checkable=True)
        self.arrow_button = self._tool("Step arrow", "arrow", checkable=True)
        self.basin_button = self._tool("Basins", "basins", checkable=True)
        self.home_button = self._tool("Reset zoom", "home", checkable=False)
        for button in (self.log_button, self.aspect_button, self.field_button, self.arrow_button,
                       self.basin_button, self.home_button):
            tools.addWidget(button)
        return toolbar

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self._place_toolbar()

    def toolbar_beside(self) -> bool:
        return self._column.indexOf(self.toolbar) >= 0

    def _place_toolbar(self) -> None:
        """The toolbar in a column beside a map much wider than tall (a projector with F9: a row
        above cost the map a sixth of its height), the basin legend under it; in two columns where one
        is too tall (the basin slide in the window as it opens on a 1024×768 projector: rows above and the
        legend under left the map 216 px of 707); else the toolbar in rows above the map and the legend
        below it."""
        columns = self._beside(self.width(), self.height())
        self.toolbar.layout().set_columns(columns)
        self.basins.set_compact(bool(columns))
        if columns and not self.toolbar_beside():
            self._column.insertWidget(0, self.toolbar)
            self._column.insertWidget(1, self.basins.panel)
        elif not columns and self.toolbar_beside():
            self.layout().insertWidget(0, self.toolbar)
            self.layout().addWidget(self.basins.panel)

    def _beside(self, width: int, height: int) -> int:
        """The columns the toolbar takes beside a map of this size (the legend under the buttons), 0: above."""
        legend = self.basins.column_size()
        for columns in range(1, MAX_COLUMNS + 1):
            buttons = self.toolbar.layout().column_size(columns)
            wide = width - max(buttons.width(), legend.width()) >= BESIDE_RATIO * height
            if wide and buttons.height() + legend.height() + TOOL_SPACING <= height:
                return columns
        return 0

    def _panel_height(self, width: int) -> int:
        """The basin panel's height under a map this wide (its legend wraps in a narrow one)."""
        panel = self.basins.panel
        if panel.isHidden():
            return 0
        height = panel.heightForWidth(width)
        return (height if height >= 0 else panel.sizeHint().height()) + TOOL_SPACING

    def map_height(self, width: int, height: int) -> int:
        """The map's height (axes included) in a view of this size, its toolbar placed as it would be."""
        if self._beside(width, height):
            return height
        return height - self.toolbar.layout().heightForWidth(width) - TOOL_SPACING - self._panel_height(width)

    def _tool(self, text: str, tip: str, checkable: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(checkable)
        button.setToolTip(_TIPS[tip])
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the tab's shortcuts
        return button
