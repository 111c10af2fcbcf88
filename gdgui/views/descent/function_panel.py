"""Sidebar section "Function": catalog choice, typed formula with live checking, formula, domain."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtGui import QColor, QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.map import MapData
from gdgui.controllers.shell.theme import ERROR_COLOUR
from gdgui.core.descent.functions import catalog
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.widgets.formula_text import formula_html

__all__ = ["FunctionPanel", "CUSTOM_LABEL"]

CUSTOM_LABEL = "Custom…"
_DOMAIN_LIMIT = 1e4


class FunctionPanel(QWidget):
    """Choose f: from the catalog or typed; shows it as math with its teaching note; edits the domain."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        self.error_column: int | None = None
        self._shown_formula: str | None = None  # the model's formula the field last showed
        self._setup_ui()
        self._connect_signals()
        self._on_map_changed(controller.map_data)
        self._on_settings_changed(controller.settings)

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setObjectName("functionCombo")
        self.combo.setToolTip("The function to minimize. The course's four come first: a bowl, a needle "
                              "in a flat plain, four valleys and an egg box.")
        for objective in catalog():
            self.combo.addItem(objective.name, objective.id)
        self.combo.addItem(CUSTOM_LABEL, None)
        # As wide as the sidebar, not as its longest name: the sidebar must fit a 1280-px projector.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)
        self.formula = QLabel(self)
        self.formula.setObjectName("formulaLabel")
        self.formula.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #3c4350; font-style: italic;")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("expressionEdit")
        self.edit.setPlaceholderText("type f(x, y), e.g. x^2 + 2*y^2")
        self.edit.setToolTip("Type your own f(x, y) with + − * / ^, sin, cos, exp, log, sqrt, abs, tanh, pi… "
                             "It is checked as you type; press Enter to draw it.")
        self.error = QLabel(self)
        self.error.setObjectName("expressionError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        for widget in (self.combo, self.formula, self.note, self.edit, self.error):
            layout.addWidget(widget)
        layout.addLayout(self._domain_grid())

    def _domain_grid(self) -> QGridLayout:
        """"x [min] to [max]", the same for y, the Default button below: narrow enough for the
        sidebar in projector mode."""
        grid = QGridLayout()
        self.domain_spins = []
        for row, axis in enumerate("xy"):
            grid.addWidget(QLabel(axis, self), row, 0)
            grid.addWidget(self._domain_spin(axis, "min"), row, 1)
            grid.addWidget(QLabel("to", self), row, 2)
            grid.addWidget(self._domain_spin(axis, "max"), row, 3)
        self.default_domain_button = QPushButton("Default domain", self)
        self.default_domain_button.setObjectName("defaultDomainButton")
        self.default_domain_button.setToolTip("Go back to the domain the function is usually drawn on.")
        grid.addWidget(self.default_domain_button, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _domain_spin(self, axis: str, end: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setObjectName(f"domain{axis.upper()}{end.capitalize()}Spin")
        spin.setRange(-_DOMAIN_LIMIT, _DOMAIN_LIMIT)
        spin.setDecimals(3)
        spin.setKeyboardTracking(False)
        spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)  # typed, not stepped: room for digits
        spin.setToolTip(f"The {end}imum {axis} of the map and of random starts. Points that run "
                        "1,000 domain widths away count as diverged.")
        self.domain_spins.append(spin)
        return spin

    def _connect_signals(self) -> None:
        c = self._controller
        self.combo.currentIndexChanged.connect(self._on_combo_changed)
        self.edit.textEdited.connect(c.check_expression)
        self.edit.returnPressed.connect(self._on_formula_entered)
        for spin in self.domain_spins:
            spin.valueChanged.connect(self._on_domain_edited)
        self.default_domain_button.clicked.connect(c.reset_domain)
        c.map_changed.connect(self._on_map_changed)
        c.settings_changed.connect(self._on_settings_changed)
        c.expression_failed.connect(self._on_expression_failed)
        c.expression_accepted.connect(self._on_expression_accepted)

    def _on_combo_changed(self, index: int) -> None:
        function_id = self.combo.itemData(index)
        if function_id is None:
            # "Custom…" is the formula in the field (the function in use until another is typed).
            self.edit.setFocus()
            self.edit.selectAll()
        else:
            self._controller.set_function(function_id)

    def _on_formula_entered(self) -> None:
        """Enter applies a formula other than the one on show (the catalog's, untouched, stays the
        catalog's function); an applied text is no longer marked modified, a refused one stays so."""
        if self.edit.text() != self._shown_formula or self.combo.currentData() is None:
            self._controller.set_expression(self.edit.text())
        if self.error_column is None:
            self.edit.setModified(False)

    def _on_domain_edited(self) -> None:
        domain = tuple(spin.value() for spin in self.domain_spins)
        if domain != tuple(self._controller.map_data.domain):
            self._controller.set_domain(domain)

    def _on_map_changed(self, data: MapData) -> None:
        shown = data.objective.shown  # words for a formula too long to read (the neuron's loss)
        size, text = ("large", html.escape(shown)) if shown else ("x-large", formula_html(data.objective.formula))
        self.formula.setText(f"<span style='font-size:{size}'>f(x, y) = {text}</span>")
        self.note.setText(data.objective.note)
        self.note.setVisible(bool(data.objective.note))
        for spin, value in zip(self.domain_spins, data.domain):
            with QSignalBlocker(spin):
                spin.setValue(value)

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        index = self.combo.findData(settings.function) if settings.expression is None else self.combo.count() - 1
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(index)
        formula = self._controller.map_data.objective.formula
        # Text being typed stays while other settings change; a new f (a slide, a session) replaces it.
        if formula != self._shown_formula or not self.edit.hasFocus():
            self._shown_formula = formula
            with QSignalBlocker(self.edit):
                self.edit.setText(formula)
            self._on_expression_accepted()
        for spin, value in zip(self.domain_spins, settings.resolved_domain()):
            with QSignalBlocker(spin):
                spin.setValue(value)

    def _on_expression_failed(self, message: str, column: int) -> None:
        self.error.setText(f"Column {column}: {message}")
        self.error_column = column
        self._underline(column)

    def _on_expression_accepted(self) -> None:
        self.error.clear()
        self.error_column = None
        self._underline(None)

    def _underline(self, column: int | None) -> None:
        """A red wavy underline under the character at ``column`` (1-based); None removes it."""
        attributes = []
        if column is not None and self.edit.text():
            start = min(column, len(self.edit.text())) - 1
            underline = QTextCharFormat()
            underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            underline.setUnderlineColor(QColor(ERROR_COLOUR))
            # Input-method formats are positioned relative to the cursor.
            attributes.append(QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat,
                                                          start - self.edit.cursorPosition(), 1, underline))
        QCoreApplication.sendEvent(self.edit, QInputMethodEvent("", attributes))
