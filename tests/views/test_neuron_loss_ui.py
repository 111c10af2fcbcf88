"""Learning with a loss, as a student meets it: the data set inset on the Descent tab (clicks add
points, Ctrl+Z takes them back), Ctrl+G's one-sample graph with the status saying how the gradients
add up, and stepLossPlot gaining a point per gradient step on the Backprop tab."""

import re

import numpy as np
from pyqtgraph import PlotWidget
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from gdgui.core.descent.neuron.dataset import DEFAULT_DATASET
from tests.views.helpers import drawn_tick_labels, focus_widget

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _inset(gui) -> PlotWidget:
    return gui.window.tabs.widget(0).findChild(PlotWidget, "datasetInset")


def _click(qtbot, gui, x, y, button=Qt.MouseButton.LeftButton, modifiers=Qt.KeyboardModifier.NoModifier):
    inset = _inset(gui)
    qtbot.mouseClick(inset.viewport(), button, modifiers, inset.parent().view_to_widget(x, y))


def _shown_points(gui) -> dict[int, list[tuple[float, float]]]:
    scatters = gui.window.tabs.widget(0).sidebar.dataset_inset.points
    return {label: [tuple(map(float, p)) for p in zip(*s.getData())] for label, s in scatters.items()}


def test_the_inset_shows_with_the_neuron_loss_only_and_clicks_add_points(qtbot, gui):
    assert not _inset(gui).isVisibleTo(gui.window)
    gui.descent.set_function("neuron_loss")
    inset = _inset(gui)
    assert inset.isVisibleTo(gui.window)
    qtbot.waitUntil(lambda: inset.isVisible() and inset.height() > 100, timeout=2000)
    assert len(_shown_points(gui)[1]) == 4 and len(_shown_points(gui)[0]) == 4
    _click(qtbot, gui, -2.5, 2.5)
    _click(qtbot, gui, 2.5, -2.5, modifiers=SHIFT)
    _click(qtbot, gui, 0.0, 2.5, button=Qt.MouseButton.RightButton)
    added = gui.descent.settings.dataset[len(DEFAULT_DATASET):]
    assert [label for *_, label in added] == [1, 0, 0]
    for (x1, x2, _), want in zip(added, [(-2.5, 2.5), (2.5, -2.5), (0.0, 2.5)]):
        assert abs(x1 - want[0]) <= 0.1 and abs(x2 - want[1]) <= 0.1  # a click lands within a grid step
    shown = _shown_points(gui)
    assert (added[0][0], added[0][1]) in shown[1] and (added[2][0], added[2][1]) in shown[0]
    assert "Σ over 11 points" in gui.window.tabs.widget(0).findChild(QLabel, "formulaLabel").text()
    widget = focus_widget(qtbot, gui, 0, "contourPlot")
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)
    assert len(gui.descent.settings.dataset) == len(DEFAULT_DATASET) + 2
    reset = gui.window.tabs.widget(0).findChild(QPushButton, "datasetResetButton")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert gui.descent.settings.dataset is None and not reset.isEnabled()
    gui.descent.set_function("quadratic")
    assert not _inset(gui).isVisibleTo(gui.window)


def _vector(text: str) -> np.ndarray:
    return np.array([float(v.replace("−", "-")) for v in text.strip("()").split(", ")])


def test_ctrl_g_opens_one_samples_loss_graph_and_the_status_adds_up_the_gradients(qtbot, gui):
    gui.descent.set_function("neuron_loss")
    gui.descent.set_start(-1, 2)
    widget = focus_widget(qtbot, gui, 0, "contourPlot")
    qtbot.keyClick(widget, Qt.Key.Key_G, CTRL)
    assert gui.window.tabs.currentIndex() == 1
    values = gui.graph.document.values
    assert (values["w1"], values["w2"], values["x1"], values["x2"], values["t"]) == (-1, 2, 2, 1, 1)
    status = gui.window.statusBar().currentMessage()
    words = re.fullmatch(r"∇f on the map (\(.*?\)) = the sum of the 8 samples' graph gradients "
                         r"\(∂loss/∂w1, ∂loss/∂w2\) (\(.*?\)); this graph is sample 1: (\(.*?\))", status)
    assert words, status
    _, grad = gui.descent.objective.value_and_grad(np.array([[-1.0, 2.0]]))
    np.testing.assert_allclose(_vector(words[1]), grad[0], rtol=1e-3)
    gui.graph.run_backward()
    ids = gui.graph.graph.input_ids()
    np.testing.assert_allclose(_vector(words[3]), [gui.graph.graph.grads[ids[n]] for n in ("w1", "w2")], rtol=1e-3)
    table = gui.window.tabs.widget(1).findChild(QWidget, "graphInputsTable")
    assert table.isVisible()


def test_step_loss_plot_gets_a_point_per_gradient_step(qtbot, gui):
    gui.window.tabs.setCurrentIndex(1)
    tab = gui.window.tabs.widget(1)
    plot = tab.findChild(PlotWidget, "stepLossPlot")
    gui.graph.set_expression("w*x")
    assert not plot.isVisible()  # a graph without a named output keeps its room until a step
    gui.graph.set_expression("x1 = 2; w1 = -3; n = x1*w1\no = n.tanh()")
    assert not plot.isVisible()  # nor does a program's named output that is not a loss
    assert tab.findChild(QWidget, "graphInputsTable").horizontalHeaderItem(2).text() == "∂o/∂input"
    gui.graph.load_preset("07-neuron-squared-error.json")
    assert plot.isVisible() and plot.getPlotItem().listDataItems()[0].getData()[0] is None  # no step yet
    header = tab.findChild(QWidget, "graphInputsTable").horizontalHeaderItem(2)
    assert header.text() == "∂loss/∂input"  # the gradients the table shows are the loss's
    rule = tab.findChild(QLabel, "gradientStepRule")
    assert rule.text().startswith("w ← w − η·∂loss/∂w")
    button = tab.findChild(QPushButton, "gradientStepButton")
    outputs = [gui.graph.graph.values[gui.graph.graph.output()]]
    for steps in range(1, 4):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        outputs.append(gui.graph.graph.values[gui.graph.graph.output()])
        xs, ys = plot.getPlotItem().listDataItems()[0].getData()
        assert list(xs) == list(range(steps + 1))
        np.testing.assert_allclose(ys, outputs, rtol=1e-12)
    assert outputs == sorted(outputs, reverse=True)
    assert plot.getAxis("left").labelText == "loss"
    assert gui.window.statusBar().currentMessage().startswith("Gradient step with η = 0.5: loss went from ")
    view = tab.findChild(QWidget, "graphView")
    assert not plot.geometry().intersects(view.geometry())


def _drawn_rects(axis) -> list[tuple[str, QRectF]]:
    return [(text, rect) for rect, text in drawn_tick_labels(axis)]


def test_step_loss_chart_is_a_narrow_strip_with_whole_steps_that_never_touch(qtbot, gui):
    """It read "0.20.40.6" on an empty chart half the window wide; the graph had the other half."""
    gui.window.tabs.setCurrentIndex(1)
    tab = gui.window.tabs.widget(1)
    plot = tab.findChild(PlotWidget, "stepLossPlot")
    gui.graph.load_preset("07-neuron-squared-error.json")
    qtbot.waitUntil(lambda: plot.isVisible() and plot.width() > 0, timeout=2000)
    view = tab.findChild(QWidget, "graphView")
    assert plot.width() < view.width() / 2
    button = tab.findChild(QPushButton, "gradientStepButton")
    for steps in (0, 1, 14):
        for _ in range(steps):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        drawn = _drawn_rects(plot.getAxis("bottom"))
        assert {"0", "10"} <= {text for text, _ in drawn} if steps < 9 else "0" in {t for t, _ in drawn}
        assert all(re.fullmatch(r"\d+", text) for text, _ in drawn), drawn
        rects = [rect for _, rect in drawn]
        assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:]), drawn


def test_the_inset_grows_with_the_projector_theme(qtbot, gui):
    """Its ticks stayed at pyqtgraph's 9 pt and its points at 12 px when the rest of the room grew."""
    gui.descent.set_function("neuron_loss")
    inset = _inset(gui)
    sizes = []
    for projector in (False, True):
        gui.theme.set_projector(projector)
        axis = inset.getAxis("bottom")
        sizes.append((axis.style["tickFont"].pointSize(), inset.height(),
                      gui.window.tabs.widget(0).sidebar.dataset_inset.points[1].opts["size"]))
    gui.theme.set_projector(False)
    assert sizes[0][0] == gui.theme.sizes.font_pt
    assert all(big > small for small, big in zip(*sizes)), sizes
