"""The Backprop tab: graph editor on top with its inputs beside it, chain-rule lines and the learning panels below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gdgui.views.backprop import graph_export
from gdgui.views.backprop.controls.formula_row import FormulaRowMixin
from gdgui.views.backprop.controls.tool_rows import ToolRowsMixin
from gdgui.views.backprop.graph_scene import GraphScene
from gdgui.views.backprop.graph_view import GraphView
from gdgui.views.backprop.inputs_table import InputsPanel
from gdgui.views.backprop.learning.step_loss_plot import StepLossPlot
from gdgui.views.backprop.panels import ChainRulePanel, GradientCheckPanel, GradientStepPanel, restyle
from gdgui.views.backprop.practice.practice_bar import PracticeBar
from gdgui.views.widgets.program_edit import FOLDED_LINES
from gdgui.views.widgets.progress_row import ProgressRow

GRAPH_FILTER = "Graph files (*.json)"
MESSAGE_MS = 10_000
_MARGINS = {False: 9, True: 3}  # px around the tab; on a projector the graph takes them
_SPLIT = [700, 230]  # graph : panels below it, on a laptop
# What the progress row says, and its Cancel button's tip, at each stage of opening a big graph.
LAYING_OUT = ("laying out the graph", "Stop laying out: the graph on show stays as it is")
DRAWING = ("drawing the graph", "Stop drawing: go back to the graph shown before")


def _scrolling(panel: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(panel)
    return area


class BackpropTab(FormulaRowMixin, ToolRowsMixin, QWidget):
    """Build a graph, run its passes step by step and read the chain rule."""

    def __init__(self, controller, theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller, self.theme = controller, theme
        self._shown_formula: str | None = None  # the graph's formula the field last showed
        self._setup_ui()
        self._connect_signals()
        self._on_theme_changed()
        self._on_graph_changed()
        self._on_passes_changed()

    # ----- building -----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.scene = GraphScene(self.controller, self.theme, self)
        self.view = GraphView(self.scene, self)
        self.chain_panel = ChainRulePanel(self.controller)
        self.check_panel = GradientCheckPanel(self.controller)
        self.step_panel = GradientStepPanel(self.controller)
        self.caption = QLabel()
        self.caption.setObjectName("passCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)  # names and errors from a graph file, never markup
        self.caption.setWordWrap(True)
        self.status = QLabel()  # shows messages when the tab is not inside a main window
        self.status.setObjectName("graphStatusLabel")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # "Not opened: <file>: …" quotes the file
        self.status.hide()  # until there is a message (an empty row would take the graph's height)
        layout = QVBoxLayout(self)
        layout.addLayout(self._formula_row())
        self.tool_rows = self._tool_rows()
        layout.addWidget(self.tool_rows)
        self.layout_progress = ProgressRow(LAYING_OUT[0], "layoutCancelButton", LAYING_OUT[1])
        layout.addWidget(self.layout_progress)
        self.inputs = InputsPanel(self.controller)
        self.practice_bar = PracticeBar(self.controller.practice, self.scene, self.inputs.table)
        layout.addWidget(self.practice_bar)
        beside = QSplitter(Qt.Orientation.Horizontal)  # the inputs at the graph's right, as narrow as they read
        beside.addWidget(self.view)
        beside.addWidget(self.inputs)
        self.step_loss_plot = StepLossPlot(self.controller, self.theme)  # hidden until a gradient step
        beside.addWidget(self.step_loss_plot)
        beside.setStretchFactor(0, 1)
        beside.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(beside)
        splitter.addWidget(self._bottom())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(_SPLIT)  # the graph gets the room; the panels scroll
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def set_side_panels_shown(self, shown: bool) -> None:
        """Hide the inputs table, the chain-rule lines and the learning tabs: the graph takes the
        whole tab (F9, for a small projector screen); showing them gives them their room back."""
        self.inputs.setVisible(shown)
        self.splitter.widget(1).setVisible(shown)

    def side_panels_shown(self) -> bool:
        return not self.inputs.isHidden()

    def _bottom(self) -> QWidget:
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.caption)
        left.addWidget(self.practice_bar.verdict)  # practising: the verdict and its chain-rule line
        left.addWidget(self.chain_panel, 1)
        # One tab each: stacked, they took the graph's height in projector mode.
        self.learning_tabs = QTabWidget()
        self.learning_tabs.setObjectName("learningTabs")
        # Scrolling inside, so on a short projector screen they give their height to the graph.
        self.learning_tabs.addTab(_scrolling(self.step_panel), "Gradient step")
        self.learning_tabs.addTab(_scrolling(self.check_panel), "Gradient check")
        bottom = QWidget()
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 3)
        row.addWidget(self.learning_tabs, 2)
        return bottom

    # ----- wiring ---------------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        c = self.controller
        c.graph_changed.connect(self._on_graph_changed)
        c.passes_changed.connect(self._on_passes_changed)
        c.message.connect(self.show_message)
        c.layouts.busy_changed.connect(lambda busy: self._show_progress(LAYING_OUT, busy))
        c.layouts.progressed.connect(self.layout_progress.set_share)
        self.scene.slices.busy_changed.connect(self._on_drawing)
        self.scene.slices.progressed.connect(self.layout_progress.set_share)
        self.layout_progress.cancelled.connect(self._on_progress_cancelled)
        self.theme.changed.connect(self._on_theme_changed)
        self._connect_formula_row()
        self.open_button.clicked.connect(self._on_open)
        self.save_button.clicked.connect(self._on_save)
        self.png_button.clicked.connect(lambda: self._on_export("PNG image (*.png)", graph_export.export_png))
        self.svg_button.clicked.connect(lambda: self._on_export("SVG image (*.svg)", graph_export.export_svg))
        self._connect_tools()
        self._add_shortcuts()

    def _add_shortcuts(self) -> None:
        c = self.controller
        keys = {"Right": c.step_forward, "PgDown": c.step_forward, "PgUp": c.step_back,
                "Home": c.rewind, "End": c.run_backward, "P": c.practice.toggle,
                "Ctrl+Z": c.undo_stack.undo, "Ctrl+Shift+Z": c.undo_stack.redo, "Ctrl+Y": c.undo_stack.redo}
        self.shortcuts = []
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # ----- handlers -----------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, MESSAGE_MS)
        self.status.setText(text)
        self.status.setVisible(not isinstance(window, QMainWindow))

    def _show_progress(self, stage: tuple[str, str], busy: bool) -> None:
        """One row for opening a big graph: laying it out (worker), then drawing it (in slices)."""
        if busy:
            self.layout_progress.set_what(*stage)
        self.layout_progress.set_busy(busy)

    def _on_drawing(self, busy: bool) -> None:
        # Painting thousands of items costs more than making them: the view waits for the whole graph.
        self.view.viewport().setUpdatesEnabled(not busy)
        self._show_progress(DRAWING, busy)

    def _on_progress_cancelled(self) -> None:
        if not self.scene.building:
            self.controller.cancel_layout()
            return
        # The document is in already: going back to the one before is what "not opened" means here.
        self.controller.undo_stack.setIndex(self.scene.undo_index)
        self.show_message("Drawing cancelled: the graph before is back")

    def event(self, event) -> bool:
        # An application style sheet resets the fonts of a re-parented widget tree: size them again.
        handled = super().event(event)
        if event.type() == QEvent.Type.ParentChange:
            self._on_theme_changed()
        return handled

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.focusWidget() is None or self.focusWidget() is self.preset_combo:
            self.view.setFocus()

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open graph", "", GRAPH_FILTER)
        if path:
            self.controller.open_file(path)

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save graph", "graph.json", GRAPH_FILTER)
        if path:
            self.controller.save_file(path)

    def _on_export(self, file_filter: str, export) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export graph picture", "", file_filter)
        if path:
            self.scene.finish_building()  # the picture shows the whole graph
            ok = export(self.scene, path)
            self.show_message(f"Exported {path}" if ok else f"Could not write {path}")

    def _on_graph_changed(self) -> None:
        self._show_formula()
        self.undo_button.setEnabled(self.controller.undo_stack.canUndo())
        self.redo_button.setEnabled(self.controller.undo_stack.canRedo())

    def _on_passes_changed(self) -> None:
        walk = self.controller.walkthrough
        practising = walk is not None and walk.practice is not None  # the passes wait for the predictions
        self._show_passes_on_tools(walk, practising)
        self.caption.setText(self.controller.step_caption())
        self.caption.setVisible(not practising)  # practising: the practice row speaks
        # The gradient check prints every gradient and a step would change the values under the predictions.
        self.learning_tabs.setEnabled(not practising)

    def _on_theme_changed(self) -> None:
        sizes = self.theme.sizes
        restyle(self, sizes.font_pt)
        restyle(self.chain_panel, sizes.font_pt + 3)
        restyle(self.caption, sizes.font_pt + 2)
        self._compact(self.theme.projector)

    def _compact(self, on: bool) -> None:
        """On a projector: one row of buttons (the spare ones under "⋯"), thin margins, a program folded to one line."""
        self._compact_tools(on)
        self.expression_edit.set_folded_lines(1 if on else FOLDED_LINES)
        margin = _MARGINS[on]
        self.layout().setContentsMargins(margin, margin, margin, margin)
        graph, panels = self.splitter.sizes()
        # Projector: the panels keep the least they scroll in (two chain-rule lines); F9 hides them.
        self.splitter.setSizes([graph + panels, 0] if on else _SPLIT)
