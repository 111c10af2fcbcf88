"""How the Descent tab shares its width: the sidebar, the map's column and the loss column. The map
keeps its column and half the window's height; a side panel with no room folds away, and "⋯" at the
end of the transport row shows it instead of another (F9 hides both side panels)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QToolButton, QWidget

__all__ = ["GAP", "SidePanelsMixin"]

GAP = 4              # px between the map, the transport bar and the status rows
_SIDE_SHARE = 0.22     # of the tab's width, for the loss and learning-rate column
_SIDEBAR_SHARE = 0.28  # of the tab's width, at most, for the sidebar (unless it needs more)
_PANEL_NAMES = {"descentSidebar": "sidebar", "descentSideTabs": "loss column"}


class SidePanelsMixin:
    """The side panels of ``DescentTab`` (its ``splitter``, ``sidebar``, ``centre``, ``side_tabs``,
    ``contour_view``, ``transport`` and ``status_label``; ``panels_folded`` says what folded and why)."""

    def _add_fold_button(self) -> None:
        """"⋯" at the end of the transport row, under the map: over the map it hid an axis's numbers
        once the basin legend took the colour bar's place."""
        self.fold_button = QToolButton(self.centre)
        self.fold_button.setObjectName("foldedPanelsButton")
        self.fold_button.setText("⋯")
        self.fold_button.setToolTip("Show a side panel folded away for want of room.")
        self.fold_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the tab's shortcuts
        self.fold_button.clicked.connect(self._swap_folded)
        # Its room is kept while hidden: the row's least width counted it only when shown, so showing it
        # for a folded loss column left too little width for the sidebar, which folded, hid the button,
        # fit again, and so on: the panels swapped at every refit.
        policy = self.fold_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.fold_button.setSizePolicy(policy)
        self.fold_button.hide()

    def _share_width(self) -> None:
        """The map gets what the sidebar and a slim loss column leave: it is what the class watches."""
        shown = [panel for panel in (self.sidebar, self.side_tabs) if not panel.isHidden()]
        self.splitter.setSizes(self._widths(shown))

    def _widths(self, shown: list[QWidget]) -> list[int]:
        """Sidebar, map column and loss column widths when the panels ``shown`` show."""
        total = self.splitter.width() - self.splitter.handleWidth() * 2
        sidebar = max(self.sidebar.minimumWidth(), min(self.sidebar.preferred_width(), round(_SIDEBAR_SHARE * total)))
        side = max(self.side_tabs.minimumWidth(), round(_SIDE_SHARE * total))
        sidebar, side = (width if panel in shown else 0 for panel, width in ((self.sidebar, sidebar),
                                                                             (self.side_tabs, side)))
        return [sidebar, max(0, total - sidebar - side), side]

    def set_side_panels_shown(self, shown: bool) -> None:
        """Hide the sidebar and the loss column, so the map fills a small projector screen; the
        keys still drive the run. Showing them again shows those that fit, the sidebar first, and shares
        the width out afresh."""
        self._panels_wanted, self._asked, self._shared_for = shown, None, None
        self._panel_order = [self.sidebar, self.side_tabs]
        self._fit_panels()

    def side_panels_shown(self) -> bool:
        return self._panels_wanted

    def folded_panels(self) -> tuple[QWidget, ...]:
        """The side panels F9 wants shown that the width has no room for."""
        return self._folded

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        """The map's column alone: the side panels fold away when they do not fit."""
        margins = self.layout().contentsMargins()
        width = self.centre.minimumSizeHint().width() + margins.left() + margins.right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self._fit_panels()

    def _fit_panels(self) -> None:
        """Show the side panels F9 wants that fit beside the map's column, in ``_panel_order``, as
        long as the map keeps half the window's height (its toolbar needs rows in a narrow column);
        a panel ⋯ asked for shows if its width fits."""
        fit = self._fitting_widths() if self._panels_wanted else []
        shown = list(fit)
        while shown and self._map_height(shown) < self.window().height() / 2:
            shown.pop()  # the last in order goes first: the loss column, unless ⋯ put it ahead
        if self._asked in fit and self._asked not in shown:
            shown = [self._asked]
        for panel in self._panel_order:
            panel.setVisible(panel in shown)
        # Shared out afresh for a new width or other panels only: a change of settings or of the basin
        # legend refits too, and must keep where the user dragged the splitter.
        if self._shown_once and self._panels_wanted and self._shared_for != (self.width(), tuple(shown)):
            self._shared_for = (self.width(), tuple(shown))
            self._share_width()
        self._show_folded(tuple(panel for panel in self._panel_order if self._panels_wanted and panel not in shown),
                          short=[panel for panel in fit if panel not in shown])

    def _fitting_widths(self) -> list[QWidget]:
        """The panels, in order, whose widths fit beside the map's column."""
        room, fit = self._spare_width(), []
        for panel in self._panel_order:
            need = panel.minimumWidth() + self.splitter.handleWidth()
            if need <= room:
                room -= need
                fit.append(panel)
        return fit

    def _fits_alone(self, panel: QWidget) -> bool:
        return panel.minimumWidth() + self.splitter.handleWidth() <= self._spare_width()

    def _map_height(self, shown: list[QWidget]) -> int:
        """The map's height with the panels ``shown``: its column's width decides the toolbar's rows."""
        below = self.transport.sizeHint().height() + self.status_label.height() + 2 * GAP
        return self.contour_view.map_height(self._widths(shown)[1], self.centre.height() - below)

    def _show_folded(self, folded: tuple[QWidget, ...], short: list[QWidget]) -> None:
        """``short``: panels whose width fits but that would leave the map under half the height."""
        fitting = [panel for panel in folded if self._fits_alone(panel)]
        self.fold_button.setVisible(bool(fitting))
        if folded == self._folded:
            return
        self._folded = folded
        if fitting:
            reason = "Too little height" if fitting[0] in short else "Too narrow"
            words = f"{reason} for the {_PANEL_NAMES[fitting[0].objectName()]}: ⋯ under the map shows it."
            self.fold_button.setToolTip(f"{words} The map keeps half the window's height; F9 hides the side panels.")
        else:
            words = _too_narrow(folded)
        self.panels_folded.emit(words)

    def _spare_width(self) -> int:
        """The width beside the map's narrowest column."""
        margins = self.layout().contentsMargins()
        return self.width() - margins.left() - margins.right() - self.centre.minimumSizeHint().width()

    def _swap_folded(self) -> None:
        """The first folded panel that can show goes first and shows; another one folds away instead."""
        for panel in self._folded:
            if self._fits_alone(panel):
                self._asked = panel
                self._panel_order.remove(panel)
                self._panel_order.insert(0, panel)
                self._fit_panels()
                return


def _too_narrow(folded: tuple[QWidget, ...]) -> str:
    """What the status bar says of panels folded away that no width left would show."""
    if len(folded) == 1:
        return f"Too narrow for the {_PANEL_NAMES[folded[0].objectName()]}: a wider window shows it beside the map."
    return "Too narrow for the side panels: a wider window shows them beside the map." if folded else ""
