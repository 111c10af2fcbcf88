"""The Backprop tab's practice row: which gradient to predict, the prediction, the score and the verdict.

It mirrors ``controller.practice`` (``controllers/backprop/practice.py``) and is shown only while
practice is on. A wire clicked in the graph, or an input clicked in the inputs table, becomes the
one to predict, and the prediction field takes the keys; Enter judges it (and, like every field,
gives the keys back to the graph). The wire to predict is shown selected in the graph.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gdgui.core.autodiff.graph import Edge

__all__ = ["PracticeBar", "practice_button"]


def practice_button(practice) -> QPushButton:
    """The Practice toggle (``practiceButton``), checked while practice is on."""
    button = QPushButton("Practice")
    button.setObjectName("practiceButton")
    button.setCheckable(True)
    button.setToolTip("Predict each gradient before it is shown (P); Reveal all ends practice")
    button.clicked.connect(lambda checked: practice.start() if checked else practice.reveal_all())
    practice.changed.connect(lambda: _set_checked(button, practice.active))
    return button


def _set_checked(button: QPushButton, on: bool) -> None:
    with QSignalBlocker(button):
        button.setChecked(on)


class PracticeBar(QWidget):
    """``Predict ∂f/∂q:`` [predictionEdit] score (``practiceScoreLabel``), Start over, Reveal all; and
    ``verdict`` (``practiceVerdictLabel``: the last verdict and its chain-rule line), which the tab
    places where the chain-rule lines are, so the graph keeps its height."""

    def __init__(self, practice, scene, inputs_table, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("practiceBar")
        self.practice, self.scene, self.inputs_table = practice, scene, inputs_table
        self._setup_ui()
        practice.changed.connect(self._on_changed)
        scene.selectionChanged.connect(self._on_selection_changed)
        inputs_table.cellClicked.connect(self._on_input_clicked)
        self.edit.returnPressed.connect(self._on_returned)
        self.start_over_button.clicked.connect(practice.start_over)
        self.reveal_button.clicked.connect(practice.reveal_all)
        self._was_active = practice.active  # the first prediction takes the keys when practice starts
        self._on_changed()

    def _setup_ui(self) -> None:
        self.ask = QLabel()
        self.ask.setObjectName("practiceTargetLabel")
        self.edit = QLineEdit()
        self.edit.setObjectName("predictionEdit")
        self.edit.setPlaceholderText("your gradient, then Enter")
        self.edit.setToolTip("Type the gradient you expect on the picked wire, then Enter: right within 1 % or 0.01")
        self.score = QLabel()
        self.score.setObjectName("practiceScoreLabel")
        self.start_over_button = QPushButton("Start over")
        self.start_over_button.setObjectName("practiceStartOverButton")
        self.start_over_button.setToolTip("Hide every gradient again; the score back to 0 of 0")
        self.reveal_button = QPushButton("Reveal all")
        self.reveal_button.setObjectName("practiceRevealAllButton")
        self.reveal_button.setToolTip("Show every gradient: practice ends")
        self.verdict = QLabel()
        self.verdict.setObjectName("practiceVerdictLabel")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)  # names come from graph files
        self.verdict.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.ask, self.edit, self.score, self.start_over_button, self.reveal_button):
            row.addWidget(widget, widget is self.edit)

    # ----- model → widgets ---------------------------------------------------------------------
    def _on_changed(self) -> None:
        practice = self.practice
        self.setVisible(practice.active)
        self.verdict.setVisible(practice.active)
        started, self._was_active = practice.active and not self._was_active, practice.active
        if not practice.active:
            return
        if started:
            self.edit.setFocus()  # the class types its first prediction straight away
        target = practice.target
        self.ask.setText(f"Predict {practice.target_name(target)}:" if target is not None else "Every gradient shown")
        self.edit.setEnabled(target is not None)
        self.score.setText(f"{practice.score_text()} · {practice.left_count()} to go")
        self.verdict.setText("\n".join(t for t in (practice.verdict, practice.line) if t)
                             or "Click a wire, or an input in the table; the next one in backward order is picked")
        self._select(target)

    def _select(self, target) -> None:
        """The wire (or the branching input) to predict, shown selected in the graph."""
        item = (self.scene.wires.get(target) if isinstance(target, Edge) else
                self.scene.nodes.get(target) if target is not None else None)
        if item is not None and not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)

    # ----- user → model ------------------------------------------------------------------------
    def _on_selection_changed(self) -> None:
        if not self.practice.active or not shiboken6.isValid(self.scene):  # a scene being deleted clears its selection
            return
        wires = [item for item in self.scene.selectedItems() if getattr(item, "key", None) is not None]
        if len(wires) == 1 and wires[0].key != self.practice.target and self.practice.select_wire(wires[0].key):
            self.edit.setFocus()

    def _on_input_clicked(self, row: int, _column: int) -> None:
        name = self.inputs_table.item(row, 0)
        if name is not None and self.practice.select_input(name.text()):
            self.edit.setFocus()

    def _on_returned(self) -> None:
        if self.practice.predict(self.edit.text()):
            self.edit.setText("")  # no undo history: Escape has nothing to put back
            self.edit.setModified(False)
