"""The Descent tab: sidebar, contour map with status, loss plots and the learning-rate explorer."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame import Frame
from gdgui.controllers.descent.status import StatusLine
from gdgui.controllers.shell.theme import STATUS_COLOURS, STATUS_SYMBOLS, ThemeController
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.descent.contour_view import ContourView
from gdgui.views.descent.loss_view import LossView
from gdgui.views.descent.lr_explorer import LrExplorer
from gdgui.views.descent.transport.bar import TransportBar
from gdgui.views.descent.sidebar import DescentSidebar
from gdgui.views.widgets.elided_lines import ElidedLines

__all__ = ["DescentTab", "KEYS"]

_SIDE_SHARE = 0.22     # of the tab's width, for the loss and learning-rate column
_SIDEBAR_SHARE = 0.28  # of the tab's width, at most, for the sidebar (unless it needs more)
_SIDE_MIN_EMS = 16     # the loss column's narrowest, in font sizes: a 1280-px projector fits all three
_PANEL_NAMES = {"descentSidebar": "sidebar", "descentSideTabs": "loss column"}
_GAP = 4              # px between the map, the transport bar and the status rows
_SWARM_ROWS = 2  # a swarm: its head line, then its counts on one row (a third row cost a projector's map its half of the height)
_STATUS_MS = 100      # while a run plays, the status words change at most this often

# Key → controller method. Window-wide while this tab is shown (a hidden widget's shortcuts
# are inactive); a focused text field keeps the keys it types (it claims them first).
KEYS = (
    ("Space", "toggle_play"), ("Right", "step"), ("PgDown", "step"), ("PgUp", "step_back"),
    ("R", "reset"), ("N", "new_random_start"), ("Ctrl+G", "request_graph"),
)


class DescentTab(QWidget):
    """The whole tab; app.py builds it with the controller and the theme.

    A window too narrow for the sidebar, the map and the loss column folds the side panels away
    by itself (the loss column first), so the map's column always fits; ``foldedPanelsButton`` "⋯"
    at the end of the transport row says so and swaps the folded panel in, F9 hides or shows them all.

    Signals:
        panels_folded(str): the panels folded away by themselves changed; the words say which.
    """

    panels_folded = Signal(str)

    def __init__(self, controller: DescentController, theme: ThemeController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller, self._theme = controller, theme
        self._panels_wanted = True  # F9's choice; the width decides which of them fit
        self._folded: tuple[QWidget, ...] = ()
        self._asked: QWidget | None = None  # the panel ⋯ showed though the map then has less than half the height
        self._shared_for: tuple | None = None  # (the tab's width, the panels shown) the width was last shared for
        self._setup_ui()
        self._panel_order = [self.sidebar, self.side_tabs]  # who keeps its place first when room is short
        self._shown_once = False
        self._create_shortcuts()
        self._connect_signals()
        self._on_theme_changed()
        self._on_frame_changed(controller.frame)

    def _setup_ui(self) -> None:
        self.sidebar = DescentSidebar(self._controller, self)
        self.contour_view = ContourView(self._controller, self._theme, self)
        # As many rows as the run has lines, so a line that grows never moves the map or the buttons.
        self.status_label = ElidedLines(_status_rows(self._controller.settings),
                                        "What each optimizer is doing, and when it stops, why.", self)
        self.status_label.setObjectName("statusLabel")
        self.centre = centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(_GAP)
        centre_layout.addWidget(self.contour_view, 1)
        self.transport = TransportBar(self._controller, centre)
        self._add_fold_button()
        transport_row = QHBoxLayout()
        transport_row.setSpacing(_GAP)
        transport_row.addWidget(self.transport, 1)
        transport_row.addWidget(self.fold_button)
        centre_layout.addLayout(transport_row)
        centre_layout.addWidget(self.status_label)
        # While a run plays, its words change at most _STATUS_MS apart: numbers changing 60 times a
        # second cannot be read, and laying out their rich text cost more than a frame's curves.
        self._status_due: Frame | None = None
        self._status_timer = QTimer(self, singleShot=True, interval=_STATUS_MS)
        self._status_timer.timeout.connect(self._show_status)
        self._refit = QTimer(self, singleShot=True, interval=0)  # once the layout has taken a change in
        self._refit.timeout.connect(self._fit_panels)
        self.contour_view.basins.panel.installEventFilter(self)
        self.loss_view = LossView(self._controller, self._theme, self)
        self.lr_explorer = LrExplorer(self._controller, self._theme, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setObjectName("descentSideTabs")
        self.side_tabs.addTab(self.loss_view, "Loss")
        self.side_tabs.addTab(self.lr_explorer, "Learning rate")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget, stretch in ((self.sidebar, 0), (centre, 5), (self.side_tabs, 2)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

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

    def showEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if not self._shown_once:
            # Start with the keys on the map, not in a text field that would swallow them.
            self._shown_once = True
            self.contour_view.plot_widget.setFocus()
            self._share_width()

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

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt override
        view = getattr(self, "contour_view", None)  # None while the tab is torn down, its panel still filtered
        if view is not None and watched is view.basins.panel:
            if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.LayoutRequest):
                self._refit.start()  # the basin legend (or its progress row) under the map takes height from it
        return super().eventFilter(watched, event)

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
        below = self.transport.sizeHint().height() + self.status_label.height() + 2 * _GAP
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

    def _create_shortcuts(self) -> None:
        self.shortcuts = {}
        for key, method in KEYS:
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(getattr(self._controller, method))
            self.shortcuts[key] = shortcut
        stack = self._controller.undo_stack  # the settings' undo, as the Backprop tab's is the graph's
        for key, slot in (("Ctrl+Z", stack.undo), ("Ctrl+Shift+Z", stack.redo), ("Ctrl+Y", stack.redo),
                          ("P", self._controller.practice.toggle)):
            self.shortcuts[key] = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            self.shortcuts[key].activated.connect(slot)

    def _connect_signals(self) -> None:
        self._controller.frame_changed.connect(self._on_frame_changed)
        self._controller.playing_changed.connect(self._on_playing_changed)
        self._controller.settings_changed.connect(self._on_settings_changed)
        self._theme.changed.connect(self._on_theme_changed)

    def _on_frame_changed(self, frame: Frame) -> None:
        self._status_due = frame
        if not self._status_timer.isActive():
            self._show_status()

    def _on_playing_changed(self, playing: bool) -> None:
        if not playing:  # the words of the frame the run stopped at, now
            self._status_timer.stop()
            self._show_status()

    def _show_status(self) -> None:
        """The status of the newest frame, if not shown yet; while playing, none again for _STATUS_MS."""
        if self._status_due is None:
            return
        self.status_label.set_lines([_status_html(line) for line in self._status_due.status])
        self._status_due = None
        if self._controller.playing:
            self._status_timer.start()

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        self.status_label.set_rows(_status_rows(settings))
        self._refit.start()  # a status row more or less is the map's height

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        # A style sheet, not setFont: under the application's style sheet Qt does not pass a
        # parent's font on to its children.
        # The status a size up on a laptop; a projector's is large already, and its rows cost the map.
        status_pt = sizes.font_pt + (0 if self._theme.projector else 2)
        self.setStyleSheet(f"* {{ font-size: {sizes.font_pt}pt; }} "
                           f"QLabel#statusLabel {{ font-size: {status_pt}pt; }}")
        self.sidebar.start_panel.set_fields_per_row(1 if self._theme.projector else 2)
        self.sidebar.dataset_inset.set_sizes(sizes)
        self.sidebar.fit_width()
        self.side_tabs.setMinimumWidth(sizes.font_pt * _SIDE_MIN_EMS)
        self._shared_for = None  # new fonts, new widths: shared out afresh
        self._fit_panels()
        QTimer.singleShot(0, self, self._fit_panels)  # again once the new fonts have reached the map's column


def _too_narrow(folded: tuple[QWidget, ...]) -> str:
    """What the status bar says of panels folded away that no width left would show."""
    if len(folded) == 1:
        return f"Too narrow for the {_PANEL_NAMES[folded[0].objectName()]}: a wider window shows it beside the map."
    return "Too narrow for the side panels: a wider window shows them beside the map." if folded else ""


def _status_rows(settings: DescentSettings) -> int:
    """A line per optimizer; a swarm's head line and a row of its counts (they share it)."""
    return _SWARM_ROWS if settings.swarm else len(settings.optimizers)


def _status_html(line: StatusLine) -> str:
    colour = STATUS_COLOURS.get(line.status, STATUS_COLOURS["running"])
    who = html.escape(line.label)
    if line.colour_index is not None:
        who = f"<span style='color:{ThemeController.colour(line.colour_index)}'>■</span> {who}"
    mark = STATUS_SYMBOLS.get(line.status, "")  # a shape as well as a colour: ✓ ✕ ◆ ▬ ▲
    text = f"{mark} {line.text}" if mark else line.text
    return f"<b>{who}</b>&nbsp; <span style='color:{colour}'>{html.escape(text)}</span>"
