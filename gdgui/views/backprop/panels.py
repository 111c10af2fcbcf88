"""The Backprop tab's side panels: the chain-rule lines, the gradient check, the gradient step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gdgui.views.widgets.flow_layout import FlowLayout

_PARAM_GAP = 16  # px between the tick boxes of the inputs
BAND_COLOURS = {"good": "#007A3D", "doubtful": "#B8860B", "wrong": "#C0262D", "cannot check": "#5F6673"}
CURRENT_BACKGROUND = QColor("#fff1cc")
# A 5,000-node graph writes ~15,000 lines: rebuilt at every step they took a second.  No class
# reads back further than a screenful or two; the first row says how many are left out.
SHOWN_LINES = 200


class ChainRulePanel(QListWidget):
    """One row per forward or chain-rule line so far; the current step's rows stand out."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("chainRulePanel")
        self.controller = controller
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        # By pixel: by item, a wrapped row taller than a short panel would show its top, not its end.
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMinimumHeight(60)
        controller.passes_changed.connect(self._on_passes_changed)
        self._on_passes_changed()

    def _on_passes_changed(self) -> None:
        walk = self.controller.walkthrough
        lines = walk.lines(self.controller.names(), self.controller.digits, last=SHOWN_LINES) if walk else []
        current = walk.cursor - 1 if walk else -1
        self.clear()
        hidden = walk.line_count() - len(lines) if walk else 0
        if hidden:
            self.addItem(QListWidgetItem(f"… {hidden} earlier lines not shown: the last {len(lines)} follow"))
        for line in lines:
            item = QListWidgetItem(line.text)
            if line.step == current:
                item.setBackground(QBrush(CURRENT_BACKGROUND))
                font = QFont(self.font())
                font.setBold(True)
                item.setFont(font)
            self.addItem(item)
        for line in self.controller.sigmoid_identity_lines():
            self.addItem(QListWidgetItem(line))
        # Word-wrapped rows get their heights only at layout time: lay out first, or the
        # scroll stops short and the newest line is cut off.
        self.doItemsLayout()
        self.scrollToBottom()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()  # a new width re-wraps the rows: keep the newest line in view
        self.scrollToBottom()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._on_passes_changed()  # bold rows copy the font: rebuild them at the new size


class GradientCheckPanel(QWidget):
    """Finite differences per input, coloured with CS231n's bands."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.button = QPushButton("Check with finite differences")
        self.button.setObjectName("gradCheckButton")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("gradCheckTable")
        self.table.setHorizontalHeaderLabels(["input", "∂f/∂input", "rel. error"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(60)
        self.verdict = QLabel()
        self.verdict.setObjectName("gradCheckVerdict")
        self.verdict.setWordWrap(True)  # a "cannot check" reason names two numbers and a cause
        layout = QVBoxLayout(self)
        layout.addWidget(self.button)
        layout.addWidget(self.table)
        layout.addWidget(self.verdict)
        self._checked_at = None  # the controller's values_version the rows were checked at
        self.button.clicked.connect(self.run_check)
        controller.graph_changed.connect(self._clear)
        controller.passes_changed.connect(self._on_passes_changed)

    def _clear(self) -> None:
        self._checked_at = None
        self.table.setRowCount(0)
        self.verdict.clear()

    def _on_passes_changed(self) -> None:
        if self._checked_at not in (None, self.controller.values_version):
            self._clear()  # new values (a value edit leaves the graph as it is): the check is of others

    def run_check(self) -> None:
        self._checked_at = self.controller.values_version
        rows, verdict = self.controller.check_gradients()
        self.verdict.setText(verdict)
        self.table.setRowCount(len(rows))
        for row, (name, grad, error, band) in enumerate(rows):
            for column, text in enumerate((name, grad, f"{error}  {band}")):
                cell = QTableWidgetItem(text)
                cell.setForeground(QBrush(QColor(BAND_COLOURS[band] if column == 2 else "#1d2330")))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()

    def changeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.table.resizeColumnsToContents()  # the headings, too, grow with projector mode


class GradientStepPanel(QWidget):
    """Pick the parameters, set η, take a step w ← w − η·∂f/∂w and watch f change."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.param_checks: dict[str, QCheckBox] = {}
        self.params_box = QWidget()
        self.params_box.setObjectName("paramsBox")
        self._params_flow = FlowLayout(self.params_box, spacing=_PARAM_GAP)  # wraps when a graph has many
        self.rate = QDoubleSpinBox(decimals=3, minimum=0.001, maximum=100.0, singleStep=0.1)
        self.rate.setObjectName("learningRateSpin")
        self.rate.setPrefix("η = ")
        self.step_button = QPushButton("Take a gradient step")
        self.step_button.setObjectName("gradientStepButton")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("w ← w − η·∂f/∂w  for the ticked inputs:"))
        layout.addWidget(self.params_box)
        row = QHBoxLayout()
        row.addWidget(self.rate)
        row.addWidget(self.step_button, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self._connect_signals()
        self._on_graph_changed()

    def _connect_signals(self) -> None:
        self.controller.graph_changed.connect(self._on_graph_changed)
        self.rate.valueChanged.connect(self.controller.set_learning_rate)
        self.step_button.clicked.connect(self.controller.gradient_step)

    def _on_graph_changed(self) -> None:
        doc = self.controller.document
        names = doc.graph.input_names()
        if list(self.param_checks) != names:
            self._make_checks(names)
        for name, check in self.param_checks.items():
            with QSignalBlocker(check):
                check.setChecked(name in doc.params)
        with QSignalBlocker(self.rate):
            self.rate.setValue(doc.learning_rate)
        self.step_button.setEnabled(bool(doc.params) and self.controller.walkthrough is not None)

    def _make_checks(self, names: list[str]) -> None:
        while self._params_flow.count():
            self._params_flow.takeAt(0).widget().deleteLater()
        self.param_checks = {}
        for name in names:
            check = QCheckBox(name)
            check.setToolTip(f"Tick to let a gradient step change {name}")
            check.toggled.connect(self._on_param_toggled)
            self._params_flow.addWidget(check)
            self.param_checks[name] = check

    def _on_param_toggled(self) -> None:
        self.controller.set_params([name for name, check in self.param_checks.items() if check.isChecked()])


def restyle(widget: QWidget, points: float) -> None:
    """Give a panel the theme's font size (children inherit it)."""
    font = QFont(widget.font())
    font.setPointSizeF(points)
    widget.setFont(font)
