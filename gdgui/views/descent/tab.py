"""The Descent tab: sidebar, contour map with status, loss plots and the learning-rate explorer."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame_data import Frame
from gdgui.controllers.descent.status import StatusLine
from gdgui.controllers.shell.theme import STATUS_COLOURS, STATUS_SYMBOLS, ThemeController
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.descent.contour_view import ContourView
from gdgui.views.descent.loss_view import LossView
from gdgui.views.descent.lr_explorer import LrExplorer
from gdgui.views.descent.panel_room.side_panels import GAP, SidePanelsMixin
from gdgui.views.descent.sidebar import DescentSidebar
from gdgui.views.descent.transport.bar import TransportBar
from gdgui.views.widgets.elided_lines import ElidedLines

__all__ = ["DescentTab", "KEYS"]

_SIDE_MIN_EMS = 16     # the loss column's narrowest, in font sizes: a 1280-px projector fits all three
# A swarm: its head line, then its counts on one row (a third row cost a projector's map half its height).
_SWARM_ROWS = 2
_STATUS_MS = 100      # while a run plays, the status words change at most this often

# Key → controller method. Window-wide while this tab is shown (a hidden widget's shortcuts
# are inactive); a focused text field keeps the keys it types (it claims them first).
KEYS = (
    ("Space", "toggle_play"), ("Right", "step"), ("PgDown", "step"), ("PgUp", "step_back"),
    ("R", "reset"), ("N", "new_random_start"), ("Ctrl+G", "request_graph"),
)


class DescentTab(SidePanelsMixin, QWidget):
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
        centre_layout.setSpacing(GAP)
        centre_layout.addWidget(self.contour_view, 1)
        self.transport = TransportBar(self._controller, centre)
        self._add_fold_button()
        transport_row = QHBoxLayout()
        transport_row.setSpacing(GAP)
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

    def showEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if not self._shown_once:
            # Start with the keys on the map, not in a text field that would swallow them.
            self._shown_once = True
            self.contour_view.plot_widget.setFocus()
            self._share_width()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt override
        view = getattr(self, "contour_view", None)  # None while the tab is torn down, its panel still filtered
        if view is not None and watched is view.basins.panel:
            if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.LayoutRequest):
                self._refit.start()  # the basin legend (or its progress row) under the map takes height from it
        return super().eventFilter(watched, event)

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
