"""The Backprop tab's formula row: the presets, the field a formula or a program is typed in (a parse
error outlines it and puts the cursor where the error is) and Show graph."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout

from gdgui.controllers.shell.theme import ERROR_COLOUR
from gdgui.core.autodiff.program import is_program
from gdgui.views.backprop.controls.tool_rows import button
from gdgui.views.widgets.program_edit import ProgramEdit

__all__ = ["FormulaRowMixin"]


class FormulaRowMixin:
    """The formula row of ``BackpropTab`` (it has ``controller`` and ``view``); ``_shown_formula`` is the
    graph's formula the field last showed."""

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
        self.show_button = button("Show graph", "graphBuildButton",
                                  "Build the graph of the formula (Enter) or of the program (Ctrl+Enter)")
        row = QHBoxLayout()
        row.addWidget(self.preset_combo)
        row.addWidget(self.expression_edit, 1)
        row.addWidget(self.show_button)
        return row

    def _connect_formula_row(self) -> None:
        self.controller.parse_failed.connect(self._on_parse_failed)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_chosen)
        self.expression_edit.returnPressed.connect(self._on_expression_returned)
        self.expression_edit.textEdited.connect(self._on_expression_edited)
        self.show_button.clicked.connect(self._on_expression_entered)

    def _show_formula(self) -> None:
        """The graph's formula in the field: text being typed stays while the graph's formula does;
        another one (a slide, a file, an edit) replaces it."""
        formula = self.controller.expression_text()
        if formula != self._shown_formula or not self.expression_edit.hasFocus():
            self._shown_formula = formula
            with QSignalBlocker(self.expression_edit):
                self.expression_edit.setText(formula)
                self.expression_edit.setStyleSheet("")

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


def _program_being_typed(text: str) -> bool:
    """Enter starts a new line in a program (an assignment, a ;, a line break): Ctrl+Enter builds it."""
    return "\n" in text or is_program(text)
