"""The graph's inputs as a table reads them, and the fast way their values change.

Mixed into ``GraphController``.  A value edit (a typed value, Randomize, a gradient step) leaves
the graph's structure and positions alone, so it skips the document round trip of other edits:
a ``ValuesCommand`` sets the values, reruns both passes on the graph's compiled tape and emits
``passes_changed`` only.  ``values_version`` counts these reruns, so a view can tell new numbers
from a step of the walkthrough, and ``renumbered_since`` says which nodes and wires they changed, so
a view rewrites only what reads differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdgui.controllers.backprop.commands import ValuesCommand
from gdgui.core.autodiff import graph_edits
from gdgui.core.autodiff.expr import to_text
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import StartValues, random_values, start_values
from gdgui.core.autodiff.passes import BACKWARD
from gdgui.core.autodiff.program import parse_program
from gdgui.core.autodiff.renumbering import Renumbered
from gdgui.core.files.graph_files import load_document
from gdgui.core.numbers import TYPED_DIGITS, exact, short
from gdgui.resources import resource_path

# What the status bar calls values handed over by the Descent tab's "Show as graph".
DESCENT_WORDS = "from the Descent tab's point"
PROGRAM_WORDS = "from the program"  # values a typed program gives (a = 2.0)
PRESET_CHARS = 1_000  # a formula longer than this is none of the presets
RENUMBERINGS_KEPT = 16  # what the last value edits changed, for views a few edits behind


@dataclass(frozen=True)
class InputRow:
    """One input as the inputs table shows it."""
    name: str
    value_text: str   # rounded like the wires
    exact_text: str   # every digit, for editing
    grad_text: str    # "" until the backward pass has brought the whole gradient back to it
    param: bool       # a gradient step updates it


class InputsMixin:
    """Input values of a ``GraphController``: set, randomized, read, and chosen for a new formula."""

    values_version = 0  # bumped whenever the passes were run again
    seed = 0            # the seed the values on show were drawn with (0: typed, opened or stepped to)
    _last_seed = 0      # the seed Randomize drew with last: without a seed it draws the next one
    _preset_formulas: dict[str, tuple[str, dict[str, float]]] | None = None
    _arrived: tuple = (None, set())  # ((walkthrough, cursor, revealed wires), the inputs whose gradient arrived)
    _renumberings: dict[int, Renumbered] = {}  # values_version → what the value edit that made it changed

    def renumbered_since(self, version: int) -> Renumbered | None:
        """The nodes and wires whose numbers the value edits after ``values_version`` ``version`` changed
        (none since: nothing), or None if another change came between (a new document: look at all)."""
        found = [self._renumberings.get(v) for v in range(version + 1, self.values_version + 1)]
        if None in found:
            return None
        return Renumbered(frozenset().union(*(r.nodes for r in found)), frozenset().union(*(r.edges for r in found)))

    # ----- reading --------------------------------------------------------------------------------
    def input_rows(self) -> list[InputRow]:
        """Every input in the graph's order: name, value, gradient once it has arrived, parameter."""
        doc, walk = self._doc, self._walk
        arrived = self._grads_arrived() if walk is not None else set()
        return [InputRow(name, self.format(doc.values[name]), exact(doc.values[name]),
                         self.format(self.graph.grads[node_id]) if node_id in arrived else "",
                         name in doc.params)
                for name, node_id in self.graph.input_ids().items()]

    def _grads_arrived(self) -> set[str]:
        """Inputs whose every user the backward pass has visited (after the seed step): looked for again
        only when the walkthrough or its cursor or revealed wires changed (new values change none of them)."""
        walk = self._walk
        key = (walk, walk.cursor, walk.practice)
        if self._arrived[0] != key:
            self._arrived = (key, self._inputs_reached())
        return self._arrived[1]

    def _inputs_reached(self) -> set[str]:
        walk = self._walk
        if walk.practice is not None:  # practice mode: the inputs whose every wire the student revealed
            return {node_id for node_id in self.graph.input_ids().values()
                    if walk.outgoing[node_id] and all(edge in walk.practice for edge in walk.outgoing[node_id])}
        visited = {step.node_id for step in walk.steps[:walk.cursor] if step.phase == BACKWARD}
        if not visited and not walk.output_grad_shown():
            return set()
        return {node_id for node_id in self.graph.input_ids().values()
                if all(edge.dst in visited for edge in walk.outgoing[node_id])}

    # ----- value edits ----------------------------------------------------------------------------
    def set_input_value(self, name: str, text) -> bool:
        """The value typed for input ``name``; a bad one is refused with a message."""
        if name not in self._doc.values:
            self.message.emit(f"there is no input called {name!r}")
            return False
        try:
            value = graph_edits.parse_value(text, name)
        except GraphError as error:
            self.message.emit(str(error))
            return False
        return self.set_values(f"set {name}", {name: value})

    def edit_input(self, node_id: str, text: str) -> bool:
        """Rename and/or set an input from ``name = value`` typed on its box."""
        name = self.graph.nodes[node_id].name
        try:
            value = graph_edits.typed_value(name, text)
        except GraphError as error:
            self.message.emit(str(error))
            return False
        if value is None:  # a new name: the names, the formula and the chain-rule lines change
            return self.edit("edit input", lambda d: graph_edits.edit_input(d, node_id, text))
        return self.set_values("edit input", {name: value})

    def randomize_inputs(self, seed: int | None = None) -> bool:
        """Every input to a value drawn with ``seed`` (the next seed if None), as one undo step."""
        names = self.graph.input_names()
        if not names:
            self.message.emit("No inputs to randomize: type a formula or pick a preset")
            return False
        if seed is not None and seed < 0:
            self.message.emit(f"The seed must be a whole number ≥ 0, not {seed}")
            return False
        self._last_seed = seed = self._last_seed + 1 if seed is None else int(seed)
        values = random_values(names, seed)
        self.set_values(f"randomize (seed {seed})", values, seed)
        said = ", ".join(f"{name} = {short(value, TYPED_DIGITS)}" for name, value in values.items())
        self.message.emit(f"Random inputs, seed {seed}: {said}")
        return True

    def set_values(self, description: str, values: dict[str, float], seed: int = 0) -> bool:
        """New values for some inputs (drawn with ``seed``, or not: 0) as one undo step that keeps the
        graph as it is; nothing to do if they are the values on show already."""
        before = {name: self._doc.values[name] for name in values}
        if (before, self.seed) != (values, seed):
            self.undo_stack.push(ValuesCommand(self._adopt_values, description, (before, self.seed),
                                               (dict(values), seed)))
        return True

    def _adopt_values(self, state: tuple[dict[str, float], int]) -> None:
        """Both passes again on the same graph (its compiled tape) and the same walkthrough: its plan
        and cursor depend on the structure alone, and it reads every number from the graph."""
        values, self.seed = state
        self._doc.values.update(values)
        self.values_version += 1
        if self._walk is None:  # the passes could not run: they still cannot, but say why afresh
            self._walk, self.pass_error = self._passes(self._doc)
        else:
            self._renumberings = {v: r for v, r in self._renumberings.items()
                                  if v > self.values_version - RENUMBERINGS_KEPT}
            self._renumberings[self.values_version] = self._walk.rerun(self._doc.values)
        self.passes_changed.emit()

    # ----- a new formula's start values -----------------------------------------------------------
    def _start_values(self, text: str, given: dict[str, float], given_words: str) -> StartValues:
        """What ``text``'s inputs start at: ``given``, else its preset's values, else the last graph's, else 1.
        A program's values count as given ("from the program"). Raises what parsing ``text`` raises."""
        program = parse_program(text)
        if program.values and not given:
            given, given_words = program.values, PROGRAM_WORDS
        preset = self._preset_of(to_text(program.graph, PRESET_CHARS))
        return start_values(program.graph.input_names(), given, preset, self._doc.values, given_words)

    def _preset_of(self, formula: str | None) -> tuple[str, dict[str, float]] | None:
        """(title, values) of the preset whose formula reads ``formula`` (canonical text), if any."""
        if self._preset_formulas is None:
            documents = [load_document(path) for path in sorted(resource_path("graphs").glob("*.json"))]
            self._preset_formulas = {to_text(doc.graph): (doc.title, dict(doc.values)) for doc in documents}
        return self._preset_formulas.get(formula)
