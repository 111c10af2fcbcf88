"""The Backprop tab's rows of buttons: editing, stepping, digits and files, in groups that wrap to
another row in a narrow window; on a projector one row, with what a class needs while teaching, the
rest under "⋯" (and, where even that row would wrap, Tidy, Fit, Undo and Start over too)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSpinBox, QToolButton, QWidget

from gdgui.controllers.backprop.lesson import MAX_DIGITS, MIN_DIGITS
from gdgui.views.backprop.graph_view import add_node_menu
from gdgui.views.backprop.practice.practice_bar import practice_button
from gdgui.views.widgets.flow_layout import FlowLayout
from gdgui.views.widgets.overflow_button import OverflowButton

__all__ = ["ToolRowsMixin", "button"]

_GROUP_GAP = 24  # px between button groups; within a group the style's spacing
_ROW_GAP = 6     # px between the rows the groups wrap into


def button(text: str, name: str, tip: str) -> QPushButton:
    made = QPushButton(text)
    made.setObjectName(name)
    made.setToolTip(tip)
    return made


class ToolRowsMixin:
    """The Backprop tab's buttons (``BackpropTab`` mixes it in: it has ``controller``, ``theme`` and ``view``)."""

    def _tool_rows(self) -> QWidget:
        """Editing, stepping, digits and files: groups that wrap to a second row in a narrow window."""
        self._make_tool_buttons()
        files = (self.open_button, self.save_button, self.png_button, self.svg_button)
        # On a projector one row: what a class needs while teaching, the rest under "⋯".
        self.spare_buttons = (self.practice_button, self.add_button, self.clear_button, self.redo_button)  # P: practice
        self.foldable_buttons = (self.tidy_button, self.fit_button, self.undo_button, self.rewind_button)
        self.more_button = OverflowButton([*self.spare_buttons, *self.foldable_buttons, *files])
        self.more_button.setObjectName("graphMoreButton")
        self.more_button.setToolTip("Practice (P), Add node, Clear graph, Redo, open, save, export, "
                                    "and in a narrow window Tidy, Fit, Undo and Start over")
        self.file_group = _group(files)
        self._tool_groups = (
            _group((self.rewind_button, self.step_back_button, self.step_button, self.forward_button,
                    self.backward_button, self.practice_button, self.digits_spin)),
            _group((self.add_button, self.tidy_button, self.fit_button, self.clear_button,
                    self.undo_button, self.redo_button, self.more_button)),
            self.file_group)
        rows = QWidget()
        flow = FlowLayout(rows, spacing=_GROUP_GAP, row_spacing=_ROW_GAP)
        for group in self._tool_groups:
            flow.addWidget(group)
        return rows

    def _make_tool_buttons(self) -> None:
        self.add_button = QToolButton()
        self.add_button.setObjectName("addNodeButton")
        self.add_button.setText("Add node")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setMenu(add_node_menu(self, self.controller, self.view.free_position))
        self.tidy_button = button("Tidy", "tidyButton", "Lay the graph out again, left to right")
        self.fit_button = button("Fit", "fitButton", "Zoom to the whole graph (or as far as its text stays legible)")
        self.clear_button = button("Clear graph", "clearGraphButton", "Remove every node (Undo brings them back)")
        self.undo_button = button("Undo", "graphUndoButton", "Undo (Ctrl+Z)")
        self.redo_button = button("Redo", "graphRedoButton", "Redo (Ctrl+Shift+Z)")
        self.rewind_button = button("Start over", "rewindButton", "Hide both passes, ready to step (Home)")
        self.step_back_button = button("◀ Back", "graphStepBackButton", "One step back (Page Up)")
        self.step_button = button("Step ▶", "graphStepButton", "One gate forward (Right, Page Down)")
        self.forward_button = button("Forward pass", "forwardButton", "Show every value")
        self.backward_button = button("Backward pass", "backwardButton", "Show every gradient (End)")
        self.practice_button = practice_button(self.controller.practice)
        self.digits_spin = QSpinBox(minimum=MIN_DIGITS, maximum=MAX_DIGITS)
        self.digits_spin.setObjectName("digitsSpin")
        self.digits_spin.setSuffix(" digits")
        self.digits_spin.setToolTip("Significant digits on the wires")
        self.open_button = button("Open…", "openGraphButton", "Open a graph file")
        self.save_button = button("Save…", "saveGraphButton", "Save the graph, its values and positions")
        self.png_button = button("PNG…", "exportPngButton", "Export the picture as PNG")
        self.svg_button = button("SVG…", "exportSvgButton", "Export the picture as SVG")

    def _connect_tools(self) -> None:
        c = self.controller
        c.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        c.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
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

    def _show_passes_on_tools(self, walk, practising: bool) -> None:
        """Stepping needs passes to step (and waits while practice asks for predictions); the digits shown."""
        for stepping in (self.rewind_button, self.step_back_button, self.step_button,
                         self.forward_button, self.backward_button):
            stepping.setEnabled(walk is not None and not practising)
        self.practice_button.setEnabled(walk is not None)
        with QSignalBlocker(self.digits_spin):
            self.digits_spin.setValue(self.controller.digits)

    def _compact_tools(self, on: bool) -> None:
        """On a projector one row of buttons: the spare ones and the files under "⋯"."""
        for widget in (*self.spare_buttons, self.file_group):
            widget.setVisible(not on)
        self.more_button.setVisible(on)
        self._fold_tools()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fold_tools()

    def _fold_tools(self) -> None:
        """On a projector, Tidy, Fit, Undo and Start over (in that order) go under "⋯" as far as they
        would wrap to a row of their own: at 1024×768 that row took a fifth of the graph's height, and
        a step's gate and numbers no longer fitted beside the legend."""
        buttons = self.foldable_buttons
        room = self.tool_rows.width() if self.theme.projector else None
        width, folds = self._unfolded_width(), 0
        while room is not None and folds < len(buttons) and width > room:
            width -= buttons[folds].sizeHint().width() + buttons[folds].parentWidget().layout().spacing()
            folds += 1
        for index, foldable in enumerate(buttons):
            foldable.setVisible(index >= folds)

    def _unfolded_width(self) -> int:
        """The row's width with every foldable button in it, from the widgets' own sizes: a group's layout
        answers for what it showed when it last ran, which a theme change or a fold has made stale."""
        widths = []
        for group in (group for group in self._tool_groups if not group.isHidden()):
            row = group.layout()
            widgets = [row.itemAt(index).widget() for index in range(row.count())]
            counted = [w.sizeHint().width() for w in widgets if not w.isHidden() or w in self.foldable_buttons]
            if counted:
                widths.append(sum(counted) + row.spacing() * (len(counted) - 1))
        return sum(widths) + _GROUP_GAP * (len(widths) - 1)


def _group(widgets) -> QWidget:
    """Widgets side by side that wrap to another row together."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return group
