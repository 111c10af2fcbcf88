"""The inputs beside the graph: every input's value (typed, Enter applies) and its gradient, and Randomize.

Every change goes through the controller (one undo step each); the table only mirrors the model,
under ``QSignalBlocker``, and rewrites a cell only when its text changed, so a step of the
walkthrough costs it a comparison per input.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gdgui.controllers.shell.theme import BACKWARD_COLOUR, FORWARD_COLOUR
from gdgui.views.widgets.flow_layout import FlowLayout

NAME, VALUE, GRAD = range(3)
EXACT_ROLE = Qt.ItemDataRole.UserRole  # a value's every digit: what its editor starts from
MAX_SEED = 99_999  # plenty for a class, and a spin box narrow enough to sit beside Randomize
PARAM_TIP = "A parameter: a gradient step updates it (tick the inputs in the Gradient step tab)"


class _ValueEditing(QStyledItemDelegate):
    """Edits a value cell from its exact value and hands what was typed to ``apply(row, text)``
    instead of writing it into the cell: the model decides, and the table then shows what it decided."""

    def __init__(self, apply, parent=None):
        super().__init__(parent)
        self._apply = apply

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        editor.setText(index.data(EXACT_ROLE) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        self._apply(index.row(), editor.text())


class InputsPanel(QWidget):
    """The inputs table (``graphInputsTable``), Randomize (``graphRandomizeButton``) and its seed
    (``graphSeedSpin``: the seed the values on show were drawn with; set it to draw that seed's values)."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self._names: list[str] = []
        self._shown: dict[int, object] = {}  # row → the InputRow it shows
        self._fitted_for = None  # (names and parameters, digits) the columns were last fitted to
        self._widths = None      # the columns' widths since then
        self._setup_ui()
        controller.graph_changed.connect(self._refresh)
        controller.passes_changed.connect(self._refresh)
        self.randomize_button.clicked.connect(lambda: controller.randomize_inputs())
        self.seed_spin.valueChanged.connect(self._on_seed_chosen)
        self._refresh()

    def _setup_ui(self) -> None:
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("graphInputsTable")
        self.table.setHorizontalHeaderLabels(["input", "value", "∂f/∂input"])
        self.table.horizontalHeaderItem(VALUE).setToolTip("Type a number and press Enter (Escape cancels)")
        self.table.horizontalHeaderItem(GRAD).setToolTip("The gradient, once the backward pass has reached the input")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # set by _fit_width: typing never moves them
        header.setStretchLastSection(True)
        for widget in (self.table, header):  # their fonts (a style sheet's) may come after this panel's
            widget.installEventFilter(self)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setItemDelegateForColumn(VALUE, _ValueEditing(self._on_value_typed, self.table))
        self.table.currentCellChanged.connect(self._keep_on_values)
        self.randomize_button = QPushButton("Randomize")
        self.randomize_button.setObjectName("graphRandomizeButton")
        self.randomize_button.setToolTip("Every input to a random value in [−2, 2], drawn with the next seed")
        self.seed_spin = QSpinBox(minimum=0, maximum=MAX_SEED)
        self.seed_spin.setObjectName("graphSeedSpin")
        self.seed_spin.setPrefix("seed ")
        self.seed_spin.setSpecialValueText("seed –")  # 0: the values on show were not drawn at random
        self.seed_spin.setKeyboardTracking(False)  # typing 12 draws once, for 12, not for 1 then 12
        self.seed_spin.setToolTip("The seed of the random values: the same seed gives the same values")
        self.params_note = QLabel("Bold: parameters")
        self.params_note.setObjectName("graphParamsNote")
        self.params_note.setWordWrap(True)
        self.params_note.setToolTip(PARAM_TIP)
        buttons = QWidget()
        flow = FlowLayout(buttons)
        flow.addWidget(self.randomize_button)
        flow.addWidget(self.seed_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        layout.addWidget(self.params_note)

    # ----- from the model ------------------------------------------------------------------------
    def _refresh(self) -> None:
        rows = self.controller.input_rows()
        with QSignalBlocker(self.table), QSignalBlocker(self.seed_spin):
            if [row.name for row in rows] != self._names:
                self._make_rows([row.name for row in rows])
            changed = [index for index, row in enumerate(rows) if self._show_row(index, row)]
            if self.seed_spin.value() != self.controller.seed or not self.seed_spin.hasFocus():
                self.seed_spin.setValue(self.controller.seed)  # a step keeps a seed half typed
        self.params_note.setVisible(any(row.param for row in rows))
        title = f"∂{self.controller.output_name()}/∂input"  # ∂loss/∂input on a loss, ∂o/∂input for micrograd's o
        if self.table.horizontalHeaderItem(GRAD).text() != title:
            self.table.horizontalHeaderItem(GRAD).setText(title)
            self._widths = None
        fitted_for = (tuple((row.name, row.param) for row in rows), self.controller.digits)
        if fitted_for != self._fitted_for:  # another graph or other digits: the columns may shrink
            self._fitted_for, self._widths = fitted_for, None
        if changed or self._widths is None:
            self._fit_width(None if self._widths is None else changed)

    def _make_rows(self, names: list[str]) -> None:
        self._names, self._shown = names, {}
        self.table.setRowCount(len(names))
        colours = {VALUE: FORWARD_COLOUR, GRAD: BACKWARD_COLOUR}
        for row in range(len(names)):
            for column in (NAME, VALUE, GRAD):
                item = QTableWidgetItem()
                flags = Qt.ItemFlag.ItemIsEnabled
                if column == VALUE:
                    flags |= Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(flags)
                if column in colours:
                    item.setForeground(QBrush(QColor(colours[column])))
                self.table.setItem(row, column, item)

    def _show_row(self, index: int, row) -> bool:
        """Write one row's texts where they changed; whether any did (a row as shown last: nothing to look at)."""
        if self._shown.get(index) == row:
            return False
        self._shown[index] = row
        name, value, grad = (self.table.item(index, column) for column in (NAME, VALUE, GRAD))
        changed = (name.text(), value.text(), grad.text(), name.font().bold()) != (
            row.name, row.value_text, row.grad_text, row.param)
        if changed:
            name.setText(row.name)
            font = QFont(self.table.font())
            font.setBold(row.param)
            name.setFont(font)
            name.setToolTip(PARAM_TIP if row.param else f"Input {row.name}")
            value.setText(row.value_text)
            grad.setText(row.grad_text)
        if value.data(EXACT_ROLE) != row.exact_text or changed:
            value.setData(EXACT_ROLE, row.exact_text)
            value.setToolTip(f"{row.name} = {row.exact_text}: type a number and press Enter")
        return changed

    def _fit_width(self, changed: list[int] | None = None) -> None:
        """Columns as wide as their headings and texts, the table as wide as its columns (no sideways
        scrolling). Within one graph they only grow, so the table does not twitch as values change, and
        only the ``changed`` rows (all if None) need measuring: the others fit the widths they grew to."""
        table, header = self.table, self.table.horizontalHeader()
        rows = [(table.item(r, NAME), table.item(r, VALUE), table.item(r, GRAD))
                for r in (range(table.rowCount()) if changed is None else changed)]
        pad = QFontMetrics(table.font()).horizontalAdvance("00")
        widths = [max([header.sectionSizeHint(column)] * (changed is None)
                      + [QFontMetrics(row[column].font()).horizontalAdvance(row[column].text()) + pad for row in rows],
                      default=0)
                  for column in (NAME, VALUE, GRAD)]
        if self._widths is not None:
            widths = [max(old, new) for old, new in zip(self._widths, widths)]
        if widths == self._widths:
            return
        self._widths = widths
        header.resizeSection(NAME, widths[NAME])
        header.resizeSection(VALUE, widths[VALUE])
        scroll_bar = table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(sum(widths) + 2 * table.frameWidth() + scroll_bar)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._widths = None
            self._fit_width()
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as the table reads: the graph beside it takes the rest."""
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._names, self._fitted_for = [], None  # bold names copy the font: rows again at the new size
            self._refresh()

    # ----- to the model --------------------------------------------------------------------------
    def _on_value_typed(self, row: int, text: str) -> None:
        if 0 <= row < len(self._names):
            self.controller.set_input_value(self._names[row], text)

    def _on_seed_chosen(self, seed: int) -> None:
        if seed > 0:
            self.controller.randomize_inputs(seed)

    def _keep_on_values(self, row: int, column: int, *_) -> None:
        """Only values can be typed: the current cell stays in the value column, so keys typed go there."""
        if row >= 0 and column != VALUE:
            self.table.setCurrentCell(row, VALUE)
