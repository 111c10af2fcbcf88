"""Practice mode as a user drives it, through object names (issue 17): Backprop and Descent tabs.

Keys go to the focused widget, clicks to the widget under them. What is judged right is checked
against gradients worked by hand for (x + y)·z at (−2, 5, −4) (cs231n's example), and the Descent
step against plain GD's step worked by hand on x² + 2y² (∇f = (2x, 4y)).
"""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTabWidget, QWidget

from tests.views.helpers import focus_widget

DESCENT, BACKPROP = 0, 1
# ∂f/∂q = z = −4, ∂f/∂z = q = 3, ∂f/∂x = ∂f/∂y = z = −4: by hand
BY_HAND = {"q": -4.0, "z": 3.0, "x": -4.0, "y": -4.0}


def _child(gui, cls, name):
    widget = gui.window.findChild(cls, name)
    assert widget is not None, name
    return widget


def _key(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def _cs231n(gui):
    gui.window.tabs.setCurrentIndex(BACKPROP)
    assert gui.graph.set_expression("(x + y) * z")
    gui.graph.set_values("values", {"x": -2.0, "y": 5.0, "z": -4.0})
    tab = gui.window.tabs.widget(BACKPROP)
    tab.view.setFocus()
    return tab


def _grad_texts(tab) -> dict:
    names = tab.controller.names()
    return {names[edge.src]: wire.grad_label.text() for edge, wire in tab.scene.wires.items()}


def _predict(qtbot, gui, text: str) -> None:
    """Type into the prediction field as a user does, then Enter."""
    edit = _child(gui, QLineEdit, "predictionEdit")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=1000)
    qtbot.keyClicks(edit, text)
    _key(qtbot, Qt.Key.Key_Return)


def test_predict_right_predict_wrong_score_start_over_and_reveal_all(qtbot, gui):
    tab = _cs231n(gui)
    button = _child(gui, QPushButton, "practiceButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked() and _child(gui, QWidget, "practiceBar").isVisible()
    assert set(_grad_texts(tab).values()) == {""}  # gradients hidden …
    assert {w.value_label.text() for w in tab.scene.wires.values()} == {"−2", "5", "3", "−4"}  # … values stay
    assert _child(gui, QLabel, "practiceTargetLabel").text() == "Predict ∂f/∂q:"
    _predict(qtbot, gui, "-4.03")  # within 1 % of −4
    assert _child(gui, QLabel, "practiceVerdictLabel").text() == (
        "Right: ∂f/∂q = −4 (you said −4.03)\n∂f/∂q = ∂f/∂f · z = 1 × (−4) = −4")
    assert _grad_texts(tab)["q"] == "−4" and _grad_texts(tab)["z"] == ""
    assert tab.view.hasFocus()  # Enter gave the keys back to the graph, as every field does
    _predict(qtbot, gui, "2.5")  # ∂f/∂z = 3
    assert _child(gui, QLabel, "practiceVerdictLabel").text().startswith("Not quite: ∂f/∂z = 3; you said 2.5, off by 0.5")
    assert _child(gui, QLabel, "practiceScoreLabel").text() == "1 of 2 right · 2 to go"
    assert gui.window.statusBar().currentMessage() == "Not quite: ∂f/∂z = 3; you said 2.5, off by 0.5. 1 of 2 right"
    qtbot.mouseClick(_child(gui, QPushButton, "practiceStartOverButton"), Qt.MouseButton.LeftButton)
    assert _child(gui, QLabel, "practiceScoreLabel").text() == "0 of 0 right · 4 to go"
    assert set(_grad_texts(tab).values()) == {""}
    _predict(qtbot, gui, "-4")
    qtbot.mouseClick(_child(gui, QPushButton, "practiceRevealAllButton"), Qt.MouseButton.LeftButton)
    assert not button.isChecked() and not _child(gui, QWidget, "practiceBar").isVisible()
    assert {name: float(text.replace("−", "-")) for name, text in _grad_texts(tab).items()} == BY_HAND
    assert gui.window.statusBar().currentMessage() == "Practice over: 1 of 1 right; every gradient is shown"


def test_a_wire_clicked_or_an_input_picked_in_the_table_is_the_one_to_predict(qtbot, gui):
    tab = _cs231n(gui)
    qtbot.mouseClick(_child(gui, QPushButton, "practiceButton"), Qt.MouseButton.LeftButton)
    (x_wire,) = [w for e, w in tab.scene.wires.items() if tab.controller.names()[e.src] == "x"]
    spot = tab.view.mapFromScene(x_wire.path().pointAtPercent(0.3))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert _child(gui, QLabel, "practiceTargetLabel").text() == "Predict ∂f/∂x:"
    assert _child(gui, QLineEdit, "predictionEdit").hasFocus() and x_wire.isSelected()
    _predict(qtbot, gui, "-4")
    assert _grad_texts(tab)["x"] == "−4"
    table = tab.inputs.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "z")
    cell = table.visualItemRect(table.item(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert _child(gui, QLabel, "practiceTargetLabel").text() == "Predict ∂f/∂z:"
    _predict(qtbot, gui, "3")
    assert table.item(row, 2).text() == "3"  # the table shows a gradient once it is revealed
    assert _child(gui, QLabel, "practiceScoreLabel").text() == "2 of 2 right · 2 to go"


def test_key_p_toggles_practice_on_the_graph_and_is_a_letter_in_a_field(qtbot, gui):
    _cs231n(gui)
    practice = gui.graph.practice
    _key(qtbot, Qt.Key.Key_P)  # the focus on the graph
    assert practice.active
    assert _child(gui, QLineEdit, "predictionEdit").hasFocus()  # the first prediction takes the keys
    _key(qtbot, Qt.Key.Key_P)
    assert practice.active and _child(gui, QLineEdit, "predictionEdit").text() == "p"  # a letter in the field
    _key(qtbot, Qt.Key.Key_Escape)  # the field's text put back; the keys back to the graph
    assert gui.window.tabs.widget(BACKPROP).view.hasFocus()
    _key(qtbot, Qt.Key.Key_P)
    assert not practice.active
    field = focus_widget(qtbot, gui, BACKPROP, "graphExpressionEdit")
    field.end(False)
    _key(qtbot, Qt.Key.Key_P)
    assert not practice.active and field.text().endswith("p")
    _key(qtbot, Qt.Key.Key_Escape)
    assert field.text() == "(x + y) * z"


def test_the_pass_keys_wait_while_practising(qtbot, gui):
    _cs231n(gui)
    _key(qtbot, Qt.Key.Key_P)
    cursor = gui.graph.walkthrough.cursor
    gui.window.tabs.widget(BACKPROP).view.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_End, Qt.Key.Key_PageDown):
        _key(qtbot, key)
    assert gui.graph.walkthrough.cursor == cursor and set(_grad_texts(gui.window.tabs.widget(BACKPROP)).values()) == {""}
    steppers = ("rewindButton", "graphStepBackButton", "graphStepButton", "forwardButton", "backwardButton")
    assert not any(_child(gui, QPushButton, name).isEnabled() for name in steppers)
    # Nor does the gradient check tell the answers, or a gradient step change the values under them.
    learning = gui.window.findChild(QTabWidget, "learningTabs")
    assert not learning.isEnabled() and not _child(gui, QPushButton, "gradientStepButton").isEnabled()
    gui.graph.practice.reveal_all()
    assert learning.isEnabled()


@pytest.mark.parametrize("projector", [False, True])
def test_practice_row_reads_whole_on_a_laptop_and_a_projector(qtbot, gui, projector):
    gui.theme.set_projector(projector)
    gui.window.resize(1280, 720)
    _cs231n(gui)
    _key(qtbot, Qt.Key.Key_P)
    _predict(qtbot, gui, "-4")
    QApplication.processEvents()
    bar = _child(gui, QWidget, "practiceBar")
    parts = [_child(gui, QWidget, name) for name in ("practiceTargetLabel", "predictionEdit", "practiceScoreLabel",
                                                     "practiceStartOverButton", "practiceRevealAllButton")]
    rects = [part.geometry() for part in parts]
    assert all(bar.rect().contains(rect) for rect in rects)
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    for label in parts[0], parts[2]:
        assert label.width() >= label.sizeHint().width()  # its words whole, not cut
    gui.graph.practice.reveal_all()


# ----- Descent ------------------------------------------------------------------------------------------
def _click_map(qtbot, gui, x: float, y: float) -> None:
    view = gui.window.tabs.widget(DESCENT).contour_view
    pixel = view.plot_widget.mapFromScene(view.view_box.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pixel)


def test_descent_guess_of_the_landing_revealed_by_step(qtbot, gui):
    qtbot.mouseClick(_child(gui, QPushButton, "descentPracticeButton"), Qt.MouseButton.LeftButton)
    start = gui.descent.settings.start
    _click_map(qtbot, gui, -3.0, 2.0)
    assert gui.descent.settings.start == start  # in practice a click guesses; it does not move the start
    guess = gui.descent.practice.guess
    assert guess == pytest.approx((-3.0, 2.0), abs=0.05)
    qtbot.mouseClick(_child(gui, QPushButton, "stepButton"), Qt.MouseButton.LeftButton)
    landing = (-4 - 0.1 * 2 * -4, 3.5 - 0.1 * 4 * 3.5)  # plain GD's step by hand: (−3.2, 2.1)
    distance = ((guess[0] - landing[0]) ** 2 + (guess[1] - landing[1]) ** 2) ** 0.5
    text = _child(gui, QLabel, "descentPracticeLabel").text()
    assert text.startswith("Step 1 landed at (−3.2, 2.1): your guess was ")
    assert float(text.split("was ")[1].split(" away")[0]) == pytest.approx(distance, rel=1e-3)
    layer = gui.window.tabs.widget(DESCENT).contour_view.practice
    xs, ys = layer.step.getData()
    assert (xs[0], ys[0], xs[1], ys[1]) == pytest.approx((-4.0, 3.5, *landing))  # −γ·∇f from the point it left
    assert layer.distance.isVisible() and layer.distance.toPlainText() == text.split("was ")[1].rstrip(".")


def test_descent_will_gamma_converge_before_play(qtbot, gui):
    qtbot.mouseClick(_child(gui, QPushButton, "descentPracticeButton"), Qt.MouseButton.LeftButton)
    play = _child(gui, QPushButton, "playButton")
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert not gui.descent.playing
    assert gui.window.statusBar().currentMessage() == "Practice: first answer — will γ = 0.1 converge? (Yes / No)"
    qtbot.mouseClick(_child(gui, QPushButton, "convergeYesButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert gui.descent.playing
    gui.descent.pause()
    said = "You were right: you said γ converges; γ = 0.1 is below 2/λmax = 0.5, so plain GD converges"
    assert gui.window.statusBar().currentMessage() == said
    assert said in _child(gui, QLabel, "descentPracticeLabel").text()


def test_on_a_projector_practice_is_under_the_more_button(qtbot, gui):
    gui.theme.set_projector(True)
    _cs231n(gui)
    tab = gui.window.tabs.widget(BACKPROP)
    assert not tab.practice_button.isVisible() and tab.more_button.isVisible()
    entry = {action.text(): action for action in tab.more_button.menu().actions()}["Practice"]
    tab.more_button.menu().aboutToShow.emit()
    assert entry.isEnabled()
    entry.trigger()
    assert gui.graph.practice.active and _child(gui, QWidget, "practiceBar").isVisible()
    entry.trigger()  # again: every gradient revealed, practice over
    assert not gui.graph.practice.active


def test_key_p_toggles_descent_practice_on_the_map_and_is_a_letter_in_a_field(qtbot, gui):
    button = _child(gui, QPushButton, "descentPracticeButton")
    focus_widget(qtbot, gui, DESCENT, "contourPlot")
    _key(qtbot, Qt.Key.Key_P)
    assert gui.descent.practice.active and button.isChecked()
    _key(qtbot, Qt.Key.Key_P)
    assert not gui.descent.practice.active and not button.isChecked()
    field = focus_widget(qtbot, gui, DESCENT, "expressionEdit")
    before = field.text()
    _key(qtbot, Qt.Key.Key_P)
    assert not gui.descent.practice.active and field.text() != before
    _key(qtbot, Qt.Key.Key_Escape)
    assert field.text() == before
