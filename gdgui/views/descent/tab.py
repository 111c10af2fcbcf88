"""The Descent tab: sidebar, contour map with status, loss plots and the learning-rate explorer."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

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
_SWARM_ROWS = 3        # status rows of a swarm: "1,000 particles", then the counts by status

# Key → controller method. Window-wide while this tab is shown (a hidden widget's shortcuts
# are inactive); a focused text field keeps the keys it types (it claims them first).
KEYS = (
    ("Space", "toggle_play"), ("Right", "step"), ("PgDown", "step"), ("PgUp", "step_back"),
    ("R", "reset"), ("N", "new_random_start"), ("Ctrl+G", "request_graph"),
)


class DescentTab(QWidget):
    """The whole tab; app.py builds it with the controller and the theme."""

    def __init__(self, controller: DescentController, theme: ThemeController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller, self._theme = controller, theme
        self._setup_ui()
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
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.contour_view, 1)
        self.transport = TransportBar(self._controller, centre)
        centre_layout.addWidget(self.transport)
        centre_layout.addWidget(self.status_label)
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

    def _share_width(self) -> None:
        """The map gets what the sidebar and a slim loss column leave: it is what the class watches."""
        total = self.splitter.width() - self.splitter.handleWidth() * 2
        sidebar = max(self.sidebar.minimumWidth(), min(self.sidebar.preferred_width(), round(_SIDEBAR_SHARE * total)))
        side = max(self.side_tabs.minimumWidth(), round(_SIDE_SHARE * total))
        self.splitter.setSizes([sidebar, max(0, total - sidebar - side), side])

    def set_side_panels_shown(self, shown: bool) -> None:
        """Hide the sidebar and the loss column, so the map fills a small projector screen; the
        keys still drive the run. Showing them again shares the width out afresh."""
        self.sidebar.setVisible(shown)
        self.side_tabs.setVisible(shown)
        if shown and self._shown_once:
            self._share_width()

    def side_panels_shown(self) -> bool:
        return not self.sidebar.isHidden()

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
        self.setStyleSheet(f"* {{ font-size: {sizes.font_pt}pt; }} "
                           f"QLabel#statusLabel {{ font-size: {sizes.font_pt + 2}pt; }}")
        self.sidebar.start_panel.set_fields_per_row(1 if self._theme.projector else 2)
        self.sidebar.fit_width()
        self.side_tabs.setMinimumWidth(sizes.font_pt * _SIDE_MIN_EMS)
        if self._shown_once:
            self._share_width()


def _status_rows(settings: DescentSettings) -> int:
    """A line per optimizer; a swarm's head line and two rows of counts (more share the last)."""
    return _SWARM_ROWS if settings.swarm else len(settings.optimizers)


def _status_html(line: StatusLine) -> str:
    colour = STATUS_COLOURS.get(line.status, STATUS_COLOURS["running"])
    who = html.escape(line.label)
    if line.colour_index is not None:
        who = f"<span style='color:{ThemeController.colour(line.colour_index)}'>■</span> {who}"
    mark = STATUS_SYMBOLS.get(line.status, "")  # a shape as well as a colour: ✓ ✕ ◆ ▬ ▲
    text = f"{mark} {line.text}" if mark else line.text
    return f"<b>{who}</b>&nbsp; <span style='color:{colour}'>{html.escape(text)}</span>"
