"""The Descent tab: sidebar, contour map with status, loss plots and the learning-rate explorer."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame import Frame
from gdgui.controllers.descent.status import StatusLine
from gdgui.controllers.shell.theme import STATUS_COLOURS, STATUS_SYMBOLS, ThemeController
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.descent.contour_view import ContourView
from gdgui.views.descent.loss_view import LossView
from gdgui.views.descent.lr_explorer import LrExplorer
from gdgui.views.descent.run_panels import TransportBar
from gdgui.views.descent.sidebar import DescentSidebar
from gdgui.views.widgets.elided_lines import ElidedLines

__all__ = ["DescentTab", "KEYS"]

_SIDE_SHARE = 0.22     # of the tab's width, for the loss and learning-rate column
_SIDEBAR_SHARE = 0.28  # of the tab's width, at most, for the sidebar (unless it needs more)
_SIDE_MIN_EMS = 16     # the loss column's narrowest, in font sizes: a 1280-px projector fits all three
_PANEL_NAMES = {"descentSidebar": "sidebar", "descentSideTabs": "loss column"}
_GAP = 4              # px between the map, the transport bar and the status rows
_SWARM_ROWS = 2  # a swarm: its head line, then its counts on one row (a third row cost a projector's map its half of the height)

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
    in the map's corner says so and swaps the folded panel in, F9 hides or shows them all.

    Signals:
        panels_folded(str): the panels folded away by themselves changed; the words say which.
    """

    panels_folded = Signal(str)

    def __init__(self, controller: DescentController, theme: ThemeController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller, self._theme = controller, theme
        self._panels_wanted = True  # F9's choice; the width decides which of them fit
        self._folded: tuple[QWidget, ...] = ()
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
        centre_layout.addWidget(self.transport)
        centre_layout.addWidget(self.status_label)
        self._add_fold_button()
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
        """"⋯" in the map's bottom-right corner, under the colour bar, where nothing is drawn: it
        costs the map's column no width (or it would fold a panel away itself)."""
        plot = self.contour_view.plot_widget
        self.fold_button = QToolButton(plot)
        self.fold_button.setObjectName("foldedPanelsButton")
        self.fold_button.setText("⋯")
        self.fold_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the tab's shortcuts
        self.fold_button.clicked.connect(self._swap_folded)
        self.fold_button.hide()
        plot.installEventFilter(self)

    def showEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if not self._shown_once:
            # Start with the keys on the map, not in a text field that would swallow them.
            self._shown_once = True
            self.contour_view.plot_widget.setFocus()
            self._share_width()

    def _share_width(self) -> None:
        """The map gets what the sidebar and a slim loss column leave: it is what the class watches."""
        total = self.splitter.width() - self.splitter.handleWidth() * 2
        sidebar = max(self.sidebar.minimumWidth(), min(self.sidebar.preferred_width(), round(_SIDEBAR_SHARE * total)))
        side = max(self.side_tabs.minimumWidth(), round(_SIDE_SHARE * total))
        sidebar, side = (width if not panel.isHidden() else 0 for panel, width in ((self.sidebar, sidebar),
                                                                                   (self.side_tabs, side)))
        self.splitter.setSizes([sidebar, max(0, total - sidebar - side), side])

    def set_side_panels_shown(self, shown: bool) -> None:
        """Hide the sidebar and the loss column, so the map fills a small projector screen; the
        keys still drive the run. Showing them again shows those that fit, the sidebar first, and shares
        the width out afresh."""
        self._panels_wanted = shown
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
        if event.oldSize().width() != event.size().width():
            self._fit_panels()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.Resize:
            self._place_fold_button()
        return super().eventFilter(watched, event)

    def _place_fold_button(self) -> None:
        button, plot = self.fold_button, self.contour_view.plot_widget
        button.adjustSize()
        button.move(plot.width() - button.width() - _GAP, plot.height() - button.height() - _GAP)

    def _fit_panels(self) -> None:
        """Show the side panels F9 wants that fit beside the map's column, in ``_panel_order``."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right() - self.centre.minimumSizeHint().width()
        folded = []
        for panel in self._panel_order:
            need = panel.minimumWidth() + self.splitter.handleWidth()
            fits = self._panels_wanted and need <= room
            room -= need if fits else 0
            folded += [panel] if self._panels_wanted and not fits else []
            panel.setVisible(fits)
        if self._shown_once and self._panels_wanted:
            self._share_width()
        self._show_folded(tuple(folded))

    def _show_folded(self, folded: tuple[QWidget, ...]) -> None:
        swappable = 0 < len(folded) < len(self._panel_order)  # one shows: ⋯ swaps the other one in
        self.fold_button.setVisible(swappable)
        self._place_fold_button()
        if folded == self._folded:
            return
        self._folded = folded
        if swappable:
            words = f"Too narrow for the {_PANEL_NAMES[folded[0].objectName()]}: ⋯ in the map's corner shows it."
            self.fold_button.setToolTip(f"{words} The other side panel folds away instead; F9 hides both.")
        else:
            words = "Too narrow for the side panels: a wider window shows them beside the map." if folded else ""
        if words:
            self.panels_folded.emit(words)

    def _swap_folded(self) -> None:
        """The first folded panel goes first, so it shows and the other one folds away instead."""
        if self._folded:
            self._panel_order.remove(self._folded[0])
            self._panel_order.insert(0, self._folded[0])
            self._fit_panels()

    def _create_shortcuts(self) -> None:
        self.shortcuts = {}
        for key, method in KEYS:
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(getattr(self._controller, method))
            self.shortcuts[key] = shortcut
        stack = self._controller.undo_stack  # the settings' undo, as the Backprop tab's is the graph's
        for key, slot in (("Ctrl+Z", stack.undo), ("Ctrl+Shift+Z", stack.redo), ("Ctrl+Y", stack.redo)):
            self.shortcuts[key] = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            self.shortcuts[key].activated.connect(slot)

    def _connect_signals(self) -> None:
        self._controller.frame_changed.connect(self._on_frame_changed)
        self._controller.settings_changed.connect(self._on_settings_changed)
        self._theme.changed.connect(self._on_theme_changed)

    def _on_frame_changed(self, frame: Frame) -> None:
        self.status_label.set_lines([_status_html(line) for line in frame.status])

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        self.status_label.set_rows(_status_rows(settings))

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        # A style sheet, not setFont: under the application's style sheet Qt does not pass a
        # parent's font on to its children.
        # The status a size up on a laptop; a projector's is large already, and its rows cost the map.
        status_pt = sizes.font_pt + (0 if self._theme.projector else 2)
        self.setStyleSheet(f"* {{ font-size: {sizes.font_pt}pt; }} "
                           f"QLabel#statusLabel {{ font-size: {status_pt}pt; }}")
        self.sidebar.start_panel.set_fields_per_row(1 if self._theme.projector else 2)
        self.sidebar.fit_width()
        self.side_tabs.setMinimumWidth(sizes.font_pt * _SIDE_MIN_EMS)
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
