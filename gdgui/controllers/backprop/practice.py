"""Practice mode on the Backprop tab: predict a wire's gradient, then reveal it.

The gradients are hidden (the values stay); the student picks a wire (or an input, whose
gradient is the sum over its wires) and types what its gradient is. The app reveals the true
value, says whether the prediction was right (``is_right``: within 1 % or 0.01) or how far
off, and gives the chain-rule line that produces it. The score counts the predictions of the
graph on show; a new graph or new values start it over. The walkthrough shows the revealed
wires only (``Walkthrough.practice``), so the scene, the chain-rule panel and the inputs table
hide the rest by themselves.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.graph import Edge
from gdgui.core.autodiff.passes import BACKWARD
from gdgui.core.numbers import number, number_as_shown

RELATIVE, ABSOLUTE = 0.01, 0.01  # a prediction is right within 1 % of the true gradient, or within 0.01


def is_right(guess: float, truth: float) -> bool:
    """The one judgement rule: within 1 % of ``truth`` or within 0.01 of it (∞ only for ∞ itself,
    undefined only for undefined)."""
    if not math.isfinite(truth):
        return guess == truth or (math.isnan(guess) and math.isnan(truth))
    return abs(guess - truth) <= max(RELATIVE * abs(truth), ABSOLUTE)


class Practice(QObject):
    """Predict-then-reveal state of a ``GraphController`` (``controller.practice``).

    Signals:
        changed(): practice turned on or off, the wire picked, a prediction judged, or a start over.

    A target is a wire (``Edge``) or, for an input picked in the table whose value branches,
    the input's node id: its gradient is the sum over its wires.
    """

    changed = Signal()

    def __init__(self, controller):
        super().__init__(controller)
        self._ctrl = controller
        self.active = False
        self.target: Edge | str | None = None
        self.predictions: dict = {}  # target → right (bool)
        self.verdict = ""            # what the last prediction was told
        self.line = ""               # the chain-rule line behind the last revealed gradient
        self._revealed: frozenset = frozenset()
        self._seen: tuple = ()  # (structure, values) the score counts for
        controller.passes_changed.connect(self._on_passes_changed)

    # ----- turning on and off -------------------------------------------------------------------
    def toggle(self) -> None:
        self.reveal_all() if self.active else self.start()

    def start(self) -> bool:
        if self._ctrl.walkthrough is None:
            self._ctrl.message.emit(f"Practice needs a graph whose passes run: {self._ctrl.pass_error}")
            return False
        self.active = True
        self._start_over("Practice: pick a wire (or an input in the table), type its gradient, press Enter")
        return True

    def start_over(self) -> None:
        """Score back to 0 of 0, every gradient hidden again."""
        if self.active:
            self._start_over("Practice starts over: every gradient is hidden again")

    def reveal_all(self) -> None:
        """Every gradient shown: practice ends (its score stays in the message)."""
        if not self.active:
            return
        self.active = False
        self._ctrl.set_practice(None)
        self._ctrl.message.emit(f"Practice over: {self.score_text()}; every gradient is shown")
        self.changed.emit()

    def _start_over(self, words: str) -> None:
        self.predictions, self.verdict, self.line = {}, "", ""
        self._seen = self._numbers()
        self._show(frozenset())
        self.target = self.suggestion()
        self._ctrl.message.emit(words)
        self.changed.emit()

    def _numbers(self) -> tuple:
        """What the predictions are about: the gates, the wires and the inputs' values (a moved node
        changes none of them); as text, so a value compares equal to itself."""
        graph = self._ctrl.graph
        return (frozenset((*((n.id, n.kind, n.op, repr(n.exponent)) for n in graph.nodes.values()), *graph.edges())),
                repr(sorted(self._ctrl.document.values.items())))

    def _on_passes_changed(self) -> None:
        """After an edit, an undo or new values (never inside ``graph_changed``: the scene has not caught up).
        Another graph or other numbers start practice over; a moved node keeps what was revealed."""
        if not self.active:
            return
        walk = self._ctrl.walkthrough
        if walk is None:
            self.active = False
            self._ctrl.message.emit(f"Practice ended: {self._ctrl.pass_error}")
            self.changed.emit()
        elif self._seen != self._numbers():
            self._start_over("A new graph or new values: practice starts over")
        elif walk.practice is None:  # the same graph in a new walkthrough (a node moved)
            self._show(self._revealed)

    def _show(self, revealed) -> None:
        self._revealed = frozenset(revealed)
        self._ctrl.set_practice(self._revealed)

    # ----- picking and predicting ---------------------------------------------------------------
    def targets(self) -> list[Edge]:
        """Every wire with a gradient to predict, in backward order (the order the suggestion follows)."""
        walk = self._ctrl.walkthrough
        if walk is None:
            return []
        graph = walk.graph
        return [edge for step in walk.steps if step.phase == BACKWARD for edge in walk.incoming[step.node_id]
                if graph.nodes[edge.src].kind != "const"]

    def suggestion(self) -> Edge | None:
        """The next wire in backward order not revealed yet."""
        return next((edge for edge in self.targets() if not self.revealed(edge)), None)

    def revealed(self, target) -> bool:
        wires = self._ctrl.walkthrough.outgoing[target] if isinstance(target, str) else [target]
        return all(wire in self._revealed for wire in wires)

    def select_wire(self, edge: Edge) -> bool:
        if not self.active or edge not in self.targets():
            return False
        self.target = edge
        self.changed.emit()
        return True

    def select_input(self, name: str) -> bool:
        """An input picked in the table: its one wire, or, where its value branches, its whole gradient."""
        walk = self._ctrl.walkthrough
        node_id = self._ctrl.graph.input_ids().get(name)
        if not self.active or walk is None or node_id is None or not walk.outgoing[node_id]:
            return False
        wires = walk.outgoing[node_id]
        self.target = wires[0] if len(wires) == 1 else node_id
        self.changed.emit()
        return True

    def predict(self, text) -> bool:
        """Judge ``text`` as the gradient of the picked wire; reveal the truth. False: nothing judged."""
        if not self.active or self.target is None:
            return False
        if self.revealed(self.target):
            self._ctrl.message.emit(f"{self.target_name(self.target)} is shown already: pick another wire")
            return False
        try:
            guess = number_as_shown(text, "prediction") if isinstance(text, str) else number(text, "prediction")
        except ValueError as error:
            self._ctrl.message.emit(str(error))
            return False
        target, truth = self.target, self.truth(self.target)
        right = is_right(guess, truth)
        self.predictions[target] = right
        name, fmt = self.target_name(target), self._ctrl.format
        off = f", off by {fmt(abs(guess - truth))}" if math.isfinite(guess - truth) else ""
        self.verdict = (f"Right: {name} = {fmt(truth)} (you said {fmt(guess)})" if right else
                        f"Not quite: {name} = {fmt(truth)}; you said {fmt(guess)}{off}")
        self.line = self.chain_line(target)
        self._reveal(target)
        self.target = self.suggestion()
        self._ctrl.message.emit(f"{self.verdict}. {self.score_text()}")
        self.changed.emit()
        return True

    def _reveal(self, target) -> None:
        walk = self._ctrl.walkthrough
        wires = walk.outgoing[target] if isinstance(target, str) else [target]
        self._show(self._revealed | set(wires))

    # ----- reading ----------------------------------------------------------------------------------
    def truth(self, target) -> float:
        graph = self._ctrl.graph
        return float(graph.grads[target] if isinstance(target, str) else graph.edge_records[target].grad)

    def target_name(self, target) -> str:
        """``∂f/∂x``, with the gate a branching value's wire goes into: ``∂f/∂x (via q)``."""
        walk, names = self._ctrl.walkthrough, self._ctrl.names()
        out = names[walk.output]
        if isinstance(target, str):
            return f"∂{out}/∂{names[target]}"
        via = f" (via {names[target.dst]})" if len(walk.outgoing[target.src]) > 1 else ""
        return f"∂{out}/∂{names[target.src]}{via}"

    def chain_line(self, target) -> str:
        walk, names, digits = self._ctrl.walkthrough, self._ctrl.names(), self._ctrl.digits
        graph = walk.graph
        if isinstance(target, str):
            parts = [graph.edge_records[e].grad for e in walk.outgoing[target]]
            return graph_text.sum_line(graph, target, parts, names, digits, output=walk.output)
        return graph_text.edge_line(graph, target, names, digits, via=len(walk.outgoing[target.src]) > 1,
                                    output=walk.output)

    def right_count(self) -> int:
        return sum(self.predictions.values())

    def score_text(self) -> str:
        """``4 of 6 right`` (predictions made so far on this graph)."""
        return f"{self.right_count()} of {len(self.predictions)} right"

    def left_count(self) -> int:
        """Wires whose gradient is still hidden."""
        return sum(not self.revealed(edge) for edge in self.targets())
