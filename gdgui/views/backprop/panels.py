"""The Backprop tab's side panels: the chain-rule lines, the gradient check, the gradient step."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gdgui.views.widgets.flow_layout import FlowLayout
from gdgui.views.widgets.text_rows import TextRows

_PARAM_GAP = 16  # px between the tick boxes of the inputs
BAND_COLOURS = {"good": "#007A3D", "doubtful": "#B8860B", "wrong": "#C0262D", "cannot check": "#5F6673"}
CURRENT_BACKGROUND = QColor("#fff1cc")
# A 5,000-node graph writes ~15,000 lines: rebuilt at every step they took a second.  No class
# reads back further than a screenful or two (the panel shows about eight rows); the first row
# says how many are left out.
SHOWN_LINES = 80


@dataclass(frozen=True)
class _Rows:
    """What the chain-rule panel shows: the walk's lines ``first`` to ``end`` (under a row counting the
    ones before, if any), the step ``current`` in bold, then the σ identity lines (``tail``)."""

    texts: object = None  # the walk's StepTexts the lines come from
    first: int = 0
    end: int = 0
    current: int = -1
    tail: tuple[str, ...] = ()
    ends: object = field(default=None, compare=False)  # the walk's line_ends the rows were counted by

    def overlaps(self, other: _Rows) -> bool:
        return self.texts is not None and self.texts is other.texts and \
            self.first <= other.end and other.first <= self.end

    def renumbers(self, other: _Rows) -> bool:
        """The same rows as ``other`` with other numbers (new input values): rewrite those that read differently."""
        return (self.texts is not None and other.texts is not None and self.texts.walk is other.texts.walk
                and (self.texts.names, self.texts.digits) == (other.texts.names, other.texts.digits)
                and (self.first, self.end, self.current) == (other.first, other.end, other.current))


class ChainRulePanel(TextRows):
    """One row per forward or chain-rule line so far; the current step's rows stand out.

    A step forward or back adds or removes its own rows and restyles the current step's; new input
    values rewrite only the rows whose text changed (their lines are written again only for the steps
    whose numbers changed, ``Walkthrough.rerun``); only a jump, names or digits rewrite every row
    (``_rebuild``), to the same rows."""

    def __init__(self, controller, parent=None):
        super().__init__(CURRENT_BACKGROUND, parent)
        self.setObjectName("chainRulePanel")
        self.controller = controller
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(60)
        self._shown = _Rows()
        controller.passes_changed.connect(self._on_passes_changed)
        self._on_passes_changed()

    def _wanted(self) -> _Rows:
        walk, ctrl = self.controller.walkthrough, self.controller
        if walk is None:
            return _Rows()
        end = walk.line_count()
        return _Rows(walk.texts(ctrl.names(), ctrl.digits), max(0, end - SHOWN_LINES), end, walk.cursor - 1,
                     tuple(ctrl.sigmoid_identity_lines()), walk.line_ends())

    def _on_passes_changed(self) -> None:
        wanted = self._wanted()
        with self.editing():
            if wanted.overlaps(self._shown):
                self._update(self._shown, wanted)
            elif not (wanted.renumbers(self._shown) and self._renumber(self._shown, wanted)):
                self._rebuild(wanted)
        self._shown = wanted
        self.scroll_to_end()

    def _rebuild(self, rows: _Rows) -> None:
        self.clear_rows()
        self.insert_rows(0, [(_hidden_text(rows), False)] * bool(rows.first)
                         + self._lines(rows.first, rows.end, rows.current) + [(t, False) for t in rows.tail])

    def _renumber(self, old: _Rows, new: _Rows) -> bool:
        """The rows on show, each rewritten only if its text changed (a step whose lines a rerun kept, the
        same list, is not even looked at); False, nothing done, if a step now writes another count of lines
        (a tie came or went: the current step's rows may be others)."""
        if new.ends is not old.ends or len(new.tail) != len(old.tail):
            return False
        ends, top = new.ends, bool(new.first)
        for step in range(bisect_right(ends, new.first) - 1, bisect_right(ends, new.end - 1) if new.end else 0):
            lines, before = new.texts.of(step), old.texts.written_lines(step)
            for line in range(max(ends[step], new.first), min(ends[step + 1], new.end)) if lines is not before else ():
                text = lines[line - ends[step]]
                if before is None or before[line - ends[step]] != text:
                    self.set_row(line - new.first + top, text)
        tail_row = self.row_count() - len(new.tail)
        for row, (was, text) in enumerate(zip(old.tail, new.tail), tail_row):
            if was != text:
                self.set_row(row, text)
        return True

    def _update(self, old: _Rows, new: _Rows) -> None:
        """From the rows of ``old`` to those of ``new`` (the same lines, overlapping) by the difference only."""
        top = bool(old.first)  # the count row above the lines
        self.remove_rows(top + min(old.end, new.end) - old.first, self.row_count())  # the tail and lines past the end
        self.remove_rows(top, new.first - old.first)
        self.insert_rows(top, self._lines(new.first, min(old.first, new.end), new.current))
        self.insert_rows(self.row_count(), self._lines(max(old.end, new.first), new.end, new.current))
        self._update_count_row(top, new)
        self._restyle_steps(new, {old.current, new.current} - {-1})
        self.insert_rows(self.row_count(), [(text, False) for text in new.tail])

    def _update_count_row(self, present: bool, rows: _Rows) -> None:
        if present and rows.first:
            self.set_row(0, _hidden_text(rows))
        elif present:
            self.remove_rows(0, 1)
        elif rows.first:
            self.insert_rows(0, [(_hidden_text(rows), False)])

    def _restyle_steps(self, rows: _Rows, steps: set[int]) -> None:
        """Bold (or plain again) the rows of ``steps`` that are on show."""
        ends = rows.texts.walk.line_ends()
        for step in steps:
            for line in range(max(ends[step], rows.first), min(ends[step + 1], rows.end)):
                self.mark_row(line - rows.first + bool(rows.first), step == rows.current)

    def _lines(self, first: int, end: int, current: int) -> list[tuple[str, bool]]:
        if first >= end:
            return []
        ctrl = self.controller
        return [(line.text, line.step == current)
                for line in ctrl.walkthrough.lines_between(first, end, ctrl.names(), ctrl.digits)]


    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.scroll_to_end()  # a new width re-wraps the rows: keep the newest line in view

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.scroll_to_end()  # so does a new font (projector mode)


def _hidden_text(rows: _Rows) -> str:
    return f"… {rows.first} earlier lines not shown: the last {rows.end - rows.first} follow"


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
    """Pick the parameters, set η, take a step w ← w − η·∂f/∂w and watch f change (f: the output's
    name, "loss" in a loss preset)."""

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
        self.rule = QLabel()
        self.rule.setObjectName("gradientStepRule")
        layout.addWidget(self.rule)
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
        self.rule.setText(f"w ← w − η·∂{self.controller.output_name()}/∂w  for the ticked inputs:")

    def _make_checks(self, names: list[str]) -> None:
        # Added to a shown box, each box is shown later on its own and lays the whole tab out again
        # (a graph with 125 inputs stalled the window for seconds): shown with their box, they come at once.
        # The boxes are kept, hidden when not needed, and renamed for the next graph rather than made anew.
        visible = self.params_box.isVisibleTo(self)
        self.params_box.hide()
        self.param_checks = {}
        for index, name in enumerate(names):
            check = self._check(index)
            check.setText(name)
            check.setToolTip(f"Tick to let a gradient step change {name}")
            check.setVisible(True)  # shown with its box
            self.param_checks[name] = check
        for index in range(len(names), self._params_flow.count()):
            self._params_flow.itemAt(index).widget().hide()  # none of this graph's: out of sight, and takes no room
        self.params_box.setVisible(visible)

    def _check(self, index: int) -> QCheckBox:
        """The ``index``-th box, made the first time a graph has that many inputs."""
        if index == self._params_flow.count():
            check = QCheckBox()
            check.toggled.connect(self._on_param_toggled)
            self._params_flow.addWidget(check)
        return self._params_flow.itemAt(index).widget()

    def _on_param_toggled(self) -> None:
        self.controller.set_params([name for name, check in self.param_checks.items() if check.isChecked()])


def restyle(widget: QWidget, points: float) -> None:
    """Give a panel the theme's font size (children inherit it)."""
    font = QFont(widget.font())
    font.setPointSizeF(points)
    widget.setFont(font)
