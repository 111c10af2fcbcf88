"""The Backprop tab: graph editor on top with its inputs beside it, chain-rule lines and the learning panels below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gdgui.controllers.backprop.lesson import MAX_DIGITS, MIN_DIGITS
from gdgui.controllers.shell.theme import ERROR_COLOUR
from gdgui.core.autodiff.program import is_program
from gdgui.views.backprop import graph_export
from gdgui.views.backprop.graph_scene import GraphScene
from gdgui.views.backprop.graph_view import GraphView, add_node_menu
from gdgui.views.backprop.inputs_table import InputsPanel
from gdgui.views.backprop.learning.step_loss_plot import StepLossPlot
from gdgui.views.backprop.panels import ChainRulePanel, GradientCheckPanel, GradientStepPanel, restyle
from gdgui.views.backprop.practice.practice_bar import PracticeBar, practice_button
from gdgui.views.widgets.flow_layout import FlowLayout
from gdgui.views.widgets.overflow_button import OverflowButton
from gdgui.views.widgets.program_edit import FOLDED_LINES, ProgramEdit
from gdgui.views.widgets.progress_row import ProgressRow

GRAPH_FILTER = "Graph files (*.json)"
MESSAGE_MS = 10_000
_GROUP_GAP = 24  # px between button groups; within a group the style's spacing
_ROW_GAP = 6     # px between the rows the groups wrap into
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


def _room_of(button: QWidget) -> int:
    """The width a button takes in its row: its own and the gap after it."""
    return button.sizeHint().width() + button.parentWidget().layout().spacing()


def _group(widgets) -> QWidget:
    """Widgets side by side that wrap to another row together."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return group


def _program_being_typed(text: str) -> bool:
    """Enter starts a new line in a program (an assignment, a ;, a line break): Ctrl+Enter builds it."""
    return "\n" in text or is_program(text)


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


class BackpropTab(QWidget):
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

    def _formula_row(self) -> QHBoxLayout:
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("graphPresetCombo")
        self.preset_combo.setPlaceholderText("Presets")
        for title, file_name in self.controller.presets():
            self.preset_combo.addItem(title, file_name)
        self.preset_combo.setCurrentIndex(-1)
        # Not as wide as the longest title: the formula needs the room on a 1280-px projector.
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setMinimumContentsLength(14)
        self.expression_edit = ProgramEdit(_program_being_typed)
        self.expression_edit.setObjectName("graphExpressionEdit")
        self.expression_edit.setPlaceholderText("Type f, e.g. (x + y) * z, then Enter; or a program "
                                                "(a = 2.0 ⏎ b = a.tanh() * a), then Ctrl+Enter")
        self.show_button = _button("Show graph", "graphBuildButton",
                                   "Build the graph of the formula (Enter) or of the program (Ctrl+Enter)")
        row = QHBoxLayout()
        row.addWidget(self.preset_combo)
        row.addWidget(self.expression_edit, 1)
        row.addWidget(self.show_button)
        return row

    def _tool_rows(self) -> QWidget:
        """Editing, stepping, digits and files: groups that wrap to a second row in a narrow window."""
        self.add_button = QToolButton()
        self.add_button.setObjectName("addNodeButton")
        self.add_button.setText("Add node")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setMenu(add_node_menu(self, self.controller, self.view.free_position))
        self.tidy_button = _button("Tidy", "tidyButton", "Lay the graph out again, left to right")
        self.fit_button = _button("Fit", "fitButton", "Zoom to the whole graph (or as far as its text stays legible)")
        self.clear_button = _button("Clear graph", "clearGraphButton", "Remove every node (Undo brings them back)")
        self.undo_button = _button("Undo", "graphUndoButton", "Undo (Ctrl+Z)")
        self.redo_button = _button("Redo", "graphRedoButton", "Redo (Ctrl+Shift+Z)")
        self.rewind_button = _button("Start over", "rewindButton", "Hide both passes, ready to step (Home)")
        self.step_back_button = _button("◀ Back", "graphStepBackButton", "One step back (Page Up)")
        self.step_button = _button("Step ▶", "graphStepButton", "One gate forward (Right, Page Down)")
        self.forward_button = _button("Forward pass", "forwardButton", "Show every value")
        self.backward_button = _button("Backward pass", "backwardButton", "Show every gradient (End)")
        self.practice_button = practice_button(self.controller.practice)
        self.digits_spin = QSpinBox(minimum=MIN_DIGITS, maximum=MAX_DIGITS)
        self.digits_spin.setObjectName("digitsSpin")
        self.digits_spin.setSuffix(" digits")
        self.digits_spin.setToolTip("Significant digits on the wires")
        self.open_button = _button("Open…", "openGraphButton", "Open a graph file")
        self.save_button = _button("Save…", "saveGraphButton", "Save the graph, its values and positions")
        self.png_button = _button("PNG…", "exportPngButton", "Export the picture as PNG")
        self.svg_button = _button("SVG…", "exportSvgButton", "Export the picture as SVG")
        files = (self.open_button, self.save_button, self.png_button, self.svg_button)
        # On a projector one row: what a class needs while teaching, the rest under "⋯".
        self.spare_buttons = (self.practice_button, self.add_button, self.clear_button, self.redo_button)  # P: practice
        self.foldable_buttons = (self.tidy_button, self.fit_button, self.undo_button, self.rewind_button)
        self.more_button = OverflowButton([*self.spare_buttons, *self.foldable_buttons, *files])
        self.more_button.setObjectName("graphMoreButton")
        self.more_button.setToolTip("Practice (P), Add node, Clear graph, Redo, open, save and export")
        self.file_group = _group(files)
        rows = QWidget()
        flow = FlowLayout(rows, spacing=_GROUP_GAP, row_spacing=_ROW_GAP)
        flow.addWidget(_group((self.rewind_button, self.step_back_button, self.step_button, self.forward_button,
                               self.backward_button, self.practice_button, self.digits_spin)))
        flow.addWidget(_group((self.add_button, self.tidy_button, self.fit_button, self.clear_button,
                               self.undo_button, self.redo_button, self.more_button)))
        flow.addWidget(self.file_group)
        return rows

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
        c.parse_failed.connect(self._on_parse_failed)
        c.layouts.busy_changed.connect(lambda busy: self._show_progress(LAYING_OUT, busy))
        c.layouts.progressed.connect(self.layout_progress.set_share)
        self.scene.slices.busy_changed.connect(self._on_drawing)
        self.scene.slices.progressed.connect(self.layout_progress.set_share)
        self.layout_progress.cancelled.connect(self._on_progress_cancelled)
        c.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        c.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.theme.changed.connect(self._on_theme_changed)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_chosen)
        self.expression_edit.returnPressed.connect(self._on_expression_returned)
        self.expression_edit.textEdited.connect(self._on_expression_edited)
        self.show_button.clicked.connect(self._on_expression_entered)
        self.open_button.clicked.connect(self._on_open)
        self.save_button.clicked.connect(self._on_save)
        self.png_button.clicked.connect(lambda: self._on_export("PNG image (*.png)", graph_export.export_png))
        self.svg_button.clicked.connect(lambda: self._on_export("SVG image (*.svg)", graph_export.export_svg))
        self.tidy_button.clicked.connect(c.tidy_layout)
        self.fit_button.clicked.connect(self.view.fit)
        self.clear_button.clicked.connect(c.clear_graph)
        self.undo_button.clicked.connect(c.undo_stack.undo)
        self.redo_button.clicked.connect(c.undo_stack.redo)
        self.rewind_button.clicked.connect(c.rewind)
        self.step_back_button.clicked.connect(c.step_back)
        self.step_button.clicked.connect(c.step_forward)
        self.forward_button.clicked.connect(c.run_forward)
        self.backward_button.clicked.connect(c.run_backward)
        self.digits_spin.valueChanged.connect(c.set_digits)
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

    def _on_preset_chosen(self, index: int) -> None:
        if index < 0:
            return
        loaded = self.controller.load_preset(self.preset_combo.itemData(index))
        # Back to "Presets": the graph may be edited from here on, and choosing the same preset
        # again must load it afresh.
        with QSignalBlocker(self.preset_combo):
            self.preset_combo.setCurrentIndex(-1)
        if loaded:
            self.view.setFocus()  # so Right / Page Down step through the new graph at once

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

    def _on_expression_returned(self) -> None:
        """Enter builds a formula other than the graph's: Enter on the formula on show keeps its graph."""
        if self.expression_edit.text() != self._shown_formula:
            self._on_expression_entered()
        else:
            self.expression_edit.setModified(False)

    def _on_expression_entered(self) -> None:
        self.expression_edit.setStyleSheet("")
        if self.controller.set_expression(self.expression_edit.text()):
            self.expression_edit.setModified(False)

    def _on_expression_edited(self) -> None:
        if not self.expression_edit.isModified():  # Escape put the graph's formula back
            self.expression_edit.setStyleSheet("")

    def _on_parse_failed(self, message: str, position: int) -> None:
        self.expression_edit.setStyleSheet(f"#graphExpressionEdit {{ border: 2px solid {ERROR_COLOUR}; }}")
        self.expression_edit.setFocus()
        self.expression_edit.setCursorPosition(max(0, position - 1))

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
        formula = self.controller.expression_text()
        # Text being typed stays while the graph's formula does; another one (a slide, a file, an edit) replaces it.
        if formula != self._shown_formula or not self.expression_edit.hasFocus():
            self._shown_formula = formula
            with QSignalBlocker(self.expression_edit):
                self.expression_edit.setText(formula)
                self.expression_edit.setStyleSheet("")
        self.undo_button.setEnabled(self.controller.undo_stack.canUndo())
        self.redo_button.setEnabled(self.controller.undo_stack.canRedo())

    def _on_passes_changed(self) -> None:
        walk = self.controller.walkthrough
        practising = walk is not None and walk.practice is not None  # the passes wait for the predictions
        for button in (self.rewind_button, self.step_back_button, self.step_button,
                       self.forward_button, self.backward_button):
            button.setEnabled(walk is not None and not practising)
        self.practice_button.setEnabled(walk is not None)
        with QSignalBlocker(self.digits_spin):
            self.digits_spin.setValue(self.controller.digits)
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

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fold_tools()

    def _fold_tools(self) -> None:
        """On a projector, Tidy, Fit, Undo and Start over (in that order) go under "⋯" as far as they
        would wrap to a row of their own: at 1024×768 that row took a fifth of the graph's height, and
        a step's gate and numbers no longer fitted beside the legend."""
        buttons = self.foldable_buttons
        room = self.tool_rows.width() if self.theme.projector else None
        width = self.tool_rows.layout().row_width() + sum(_room_of(button) for button in buttons if button.isHidden())
        folds = 0
        while room is not None and folds < len(buttons) and width > room:
            width -= _room_of(buttons[folds])
            folds += 1
        for index, button in enumerate(buttons):
            button.setVisible(index >= folds)

    def _compact(self, on: bool) -> None:
        """On a projector: one row of buttons (the spare ones under "⋯"), thin margins, a program folded to one line."""
        for widget in (*self.spare_buttons, self.file_group):
            widget.setVisible(not on)
        self.expression_edit.set_folded_lines(1 if on else FOLDED_LINES)
        self.more_button.setVisible(on)
        self._fold_tools()
        margin = _MARGINS[on]
        self.layout().setContentsMargins(margin, margin, margin, margin)
        graph, panels = self.splitter.sizes()
        # Projector: the panels keep the least they scroll in (two chain-rule lines); F9 hides them.
        self.splitter.setSizes([graph + panels, 0] if on else _SPLIT)
