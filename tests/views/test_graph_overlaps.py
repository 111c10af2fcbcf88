"""Every formula of the corpus, typed into the Backprop tab with both passes shown, at the laptop
theme and in projector mode: no text plate on another, none on a gate or on a wire it does not
belong to, no wire under a gate it does not enter, and no "undefined" or "∞" where f and its
gradient are finite.  Everything is read from the scene, in scene coordinates, as a user sees it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPathStroker

from tests.graph_corpus import FORMULAS, VALUES

UNREADABLE = ("undefined", "∞", "nan", "inf")
_SEEN: dict[str, list[str]] = {}  # formula → the texts the laptop pass saw, so the text checks need not type it again


@pytest.fixture
def tab(gui):
    gui.window.tabs.setCurrentIndex(1)
    yield gui.window.tabs.widget(1)
    gui.window.tabs.setCurrentIndex(0)


def typed(tab, qtbot, formula: str, values: dict | None = None) -> None:
    """``formula`` typed into the field and entered, its inputs set to ``values`` (``VALUES``), both passes shown."""
    values = values or VALUES
    tab.expression_edit.setText(formula)
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_Return)
    controller = tab.controller
    for name in controller.graph.input_names():
        if controller.document.values[name] != values[name]:
            assert controller.set_input_value(name, str(values[name])), name
    controller.run_backward()
    assert controller.walkthrough is not None, formula


def plates(scene) -> list:
    """(text, scene rectangle, owner) of every text plate a user can see."""
    found = []
    for wire in [*scene.wires.values(), scene.output_wire]:
        found += [(label.text(), label.sceneBoundingRect(), wire) for label in wire.labels()
                  if wire.isVisible() and label.isVisible() and label.text()]
    for node in scene.nodes.values():
        found += [(part.text(), part.sceneBoundingRect(), node) for part in (node.caption, node.badge)
                  if part.isVisible() and part.text()]
    return found


def _stroke(wire):
    stroker = QPainterPathStroker()
    stroker.setWidth(wire.pen().widthF())
    return wire.mapToScene(stroker.createStroke(wire.path()))


def _ends(wire, scene) -> set:
    if wire.key is None:
        return {scene.controller.walkthrough.output}
    return {wire.key.src, wire.key.dst}


def _meets(path, path_box, rect) -> bool:
    return path_box.intersects(rect) and path.intersects(rect)


def overlaps(scene) -> list[str]:
    """What a user would see covered, one line per pair."""
    shown, problems = plates(scene), []
    bodies = {node_id: node.mapToScene(node.shape()) for node_id, node in scene.nodes.items()}
    wires = [w for w in [*scene.wires.values(), scene.output_wire] if w.isVisible()]
    strokes = {id(w): _stroke(w) for w in wires}
    boxes = {key: path.boundingRect() for key, path in [*bodies.items(), *strokes.items()]}
    for i, (text, rect, owner) in enumerate(shown):
        problems += [f"{text!r} on {other!r}" for other, other_rect, _ in shown[i + 1:] if rect.intersects(other_rect)]
        problems += [f"{text!r} on gate {scene.nodes[n].label()!r}" for n in bodies if boxes[n].intersects(rect)]
        problems += [f"{text!r} on the wire {_wire_name(scene, w)}" for w in wires
                     if w is not owner and _meets(strokes[id(w)], boxes[id(w)], rect)]
    for wire in wires:
        stroke, ends = strokes[id(wire)], _ends(wire, scene)
        problems += [f"wire {_wire_name(scene, wire)} under gate {scene.nodes[n].label()!r}"
                     for n, body in bodies.items()
                     if n not in ends and boxes[n].intersects(boxes[id(wire)]) and stroke.intersects(body)]
    return problems


def _wire_name(scene, wire) -> str:
    names = scene.controller.names()
    if wire.key is None:
        return f"{names[scene.controller.walkthrough.output]}→"
    return f"{names[wire.key.src]}→{names[wire.key.dst]}"


@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
def test_no_text_plate_covers_another_a_gate_or_a_foreign_wire(tab, qtbot, projector):
    tab.theme.set_projector(projector)
    problems = {}
    for formula in FORMULAS:
        typed(tab, qtbot, formula)
        if not projector:
            _SEEN[formula] = [text for text, _, _ in plates(tab.scene)]
        if found := overlaps(tab.scene):
            problems[formula] = found
    assert not problems, "\n".join(f"{f}: {p}" for f, found in problems.items() for p in found)


def _unreadable(tab, qtbot, formula: str) -> list[str]:
    if formula not in _SEEN:
        typed(tab, qtbot, formula)
        _SEEN[formula] = [text for text, _, _ in plates(tab.scene)]
    return [text for text in _SEEN[formula] if any(word in text for word in UNREADABLE)]


def test_no_label_reads_undefined_or_infinite_where_f_and_its_gradient_are_finite(tab, qtbot):
    unreadable = {f: found for f in FORMULAS if (found := _unreadable(tab, qtbot, f))}
    assert not unreadable, unreadable


def _uncovered(scene, label) -> bool:
    """Nothing drawn over the plate: no gate under it, no item above it."""
    rect = label.sceneBoundingRect()
    return (not any(node.mapToScene(node.shape()).intersects(rect) for node in scene.nodes.values())
            and [item for item in scene.items(rect) if item.zValue() > label.zValue()] == [])


@pytest.mark.parametrize("values, value, grad", [
    ({"x": 1.0, "y": 1.0}, "1", "−0.7081"),       # the issue's: ∂f/∂y = −sin x · sin y = −sin²1
    ({"x": 1.5, "y": -0.75}, "−0.75", "0.6799"),  # the corpus's: −sin 1.5 · sin(−0.75)
])
def test_a_minus_sign_is_never_under_a_gate(tab, qtbot, values, value, grad):
    typed(tab, qtbot, "sin(x)*cos(y) + x^3", values)
    y = tab.controller.graph.input_ids()["y"]
    (wire,) = [w for e, w in tab.scene.wires.items() if e.src == y]
    assert (wire.value_label.text(), wire.grad_label.text()) == (value, grad)
    assert _uncovered(tab.scene, wire.value_label) and _uncovered(tab.scene, wire.grad_label)
