"""One path from each input widget to the model, and back without an echo.

A widget changed in code (setValue, setCurrentIndex, setChecked, setText + its apply signal)
must drive the model exactly as a user's change does; a model change (apply_state, a session
opened, undo) must show in the widgets without the widgets sending a second change back.
"""

import collections

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QPushButton, QSlider, QTabBar

from gdgui.core.autodiff.graph_document import random_values
from gdgui.core.descent.functions import catalog
from gdgui.core.descent.runs import random_starts
from gdgui.views.widgets.program_edit import ProgramEdit

# DESIGN.md, "GUI contract": the object names tests rely on, each unique in the window.
CONTRACT_NAMES = (
    "functionCombo", "expressionEdit", "optimizerList", "lrSpin", "startXSpin", "startYSpin", "particlesSpin",
    "speedSpin", "maxStepsSpin", "tolSpin", "playButton", "stepButton", "stepBackButton", "resetButton",
    "randomStartButton", "showGraphButton", "contourPlot", "lossPlot", "statusLabel", "stepLabel", "basinLegend",
    "graphView", "graphExpressionEdit", "graphBuildButton", "graphPresetCombo", "forwardButton", "backwardButton",
    "graphStepButton", "graphStepBackButton", "fitButton", "chainRulePanel", "gradientStepButton",
    "graphInputsTable", "graphRandomizeButton", "graphSeedSpin",
    "mainTabs", "deckSlideNumber", "deckCaption",
)
# Listed in the contract for widgets still to come: at most one each.
CONTRACT_NAMES_TO_COME = ("practiceButton", "predictionEdit", "practiceScoreLabel",
                          "stepLossPlot")


def _name_counts(window) -> collections.Counter:
    """How often each objectName the app set occurs (not Qt's own: "qt_…", a tab bar's scroll arrows)."""
    objects = [o for o in window.findChildren(QObject) if not isinstance(o.parent(), QTabBar)]
    return collections.Counter(o.objectName() for o in objects
                               if o.objectName() and not o.objectName().startswith("qt_"))


def _named(gui, cls, name: str):
    widget = gui.window.findChild(cls, name)
    assert widget is not None, name
    return widget


def _descent_tab(gui):
    return gui.window.tabs.widget(0)


def _backprop_tab(gui):
    return gui.window.tabs.widget(1)


def _spy(signal) -> list:
    emitted = []
    signal.connect(lambda *args: emitted.append(args))
    return emitted


def _objective(function_id: str):
    return next(objective for objective in catalog() if objective.id == function_id)


def _first_gd_step(descent) -> tuple[np.ndarray, np.ndarray]:
    """Step once; the first particle's rows (x, y, f, ∂f/∂x, ∂f/∂y) at steps 0 and 1."""
    descent.step()
    history = descent.record.run.history
    return history[0, 0], history[1, 0]


# ----- names ---------------------------------------------------------------------------------------

def test_no_object_name_is_used_twice_in_the_window(gui):
    twice = {name: count for name, count in _name_counts(gui.window).items() if count > 1}
    assert twice == {}


def test_every_contract_name_names_exactly_one_object(gui):
    counts = _name_counts(gui.window)
    assert {name: counts[name] for name in CONTRACT_NAMES if counts[name] != 1} == {}
    assert all(counts[name] <= 1 for name in CONTRACT_NAMES_TO_COME)


# ----- Descent: widget → model -------------------------------------------------------------------------

def test_the_function_chosen_in_code_is_the_function_the_next_step_descends(gui):
    combo = _named(gui, QComboBox, "functionCombo")
    gui.descent.set_lr(0.01)
    combo.setCurrentIndex(combo.findData("himmelblau"))
    assert gui.descent.settings.function == "himmelblau"
    assert gui.descent.map_data.objective.id == "himmelblau"
    before, after = _first_gd_step(gui.descent)
    f, grad = _objective("himmelblau").value_and_grad(before[None, :2])
    assert before[2] == pytest.approx(f[0])
    np.testing.assert_allclose(after[:2], before[:2] - 0.01 * grad[0])


def test_custom_then_a_typed_formula_applied_in_code_runs_the_formula(gui):
    combo = _named(gui, QComboBox, "functionCombo")
    edit = _named(gui, QLineEdit, "expressionEdit")
    combo.setCurrentIndex(combo.findData("himmelblau"))
    combo.setCurrentIndex(combo.count() - 1)  # "Custom…": the field holds the function in use
    assert gui.descent.map_data.objective.id == "himmelblau"
    assert edit.text() == gui.descent.map_data.objective.formula
    edit.setText("x^2 + 3*y^2")
    edit.returnPressed.emit()
    assert gui.descent.settings.expression == "x^2 + 3*y^2"
    before, after = _first_gd_step(gui.descent)
    x, y = before[:2]
    assert before[2] == pytest.approx(x**2 + 3 * y**2)
    np.testing.assert_allclose(after[:2], (x - gui.descent.settings.lr * 2 * x, y - gui.descent.settings.lr * 6 * y))


def test_spin_boxes_set_in_code_drive_the_settings_and_the_run(gui):
    descent = gui.descent
    descent.apply_state({"particles": 1, "optimizers": ["gd"], "function": "quadratic", "domain": None})

    def run():
        return descent.record.run

    # (object name, value, the setting it sets, what the run uses): start before particles, as a
    # swarm draws its own starts.
    rows = (
        ("lrSpin", 0.05, lambda s: s.lr, lambda: run().optimizers[0].lr),
        ("startXSpin", 1.5, lambda s: s.start[0], lambda: run().starts[0, 0]),
        ("startYSpin", -2.25, lambda s: s.start[1], lambda: run().starts[0, 1]),
        ("tolSpin", 1e-3, lambda s: s.tol, lambda: run().tol),
        ("maxStepsSpin", 77, lambda s: s.max_steps, lambda: run().max_steps),
        ("domainXMinSpin", -3.0, lambda s: s.resolved_domain()[0], lambda: descent.map_data.domain[0]),
        ("domainYMaxSpin", 4.0, lambda s: s.resolved_domain()[3], lambda: descent.map_data.domain[3]),
        ("particlesSpin", 20, lambda s: s.particles, lambda: len(run().starts)),
        ("seedSpin", 7, lambda s: s.seed, lambda: run().starts[3, 0]),
        ("speedSpin", 33, lambda s: s.speed, lambda: descent.settings.speed),
    )
    for name, value, setting, used in rows:
        _named(gui, QAbstractSpinBox, name).setValue(value)
        assert setting(descent.settings) == pytest.approx(value), name
        expected = random_starts(descent.settings.resolved_domain(), 20, 7)[3, 0] if name == "seedSpin" else value
        assert used() == pytest.approx(expected), name


def test_gamma_set_on_the_slider_in_code_is_the_step_size_of_the_next_step(gui):
    slider = _named(gui, QSlider, "lrSlider")
    slider.setValue(slider.maximum() // 2)  # 10^-2 on a slider from 10^-5 to 10
    lr = gui.descent.settings.lr
    assert lr == pytest.approx(10 ** -2, rel=0.01)
    assert _named(gui, QAbstractSpinBox, "lrSpin").value() == lr
    before, after = _first_gd_step(gui.descent)
    np.testing.assert_allclose(after[:2], before[:2] - lr * before[3:5])


def test_optimizers_ticked_and_selected_in_code_race_with_their_own_settings(gui):
    listing = _named(gui, QListWidget, "optimizerList")
    rows = {listing.item(r).data(Qt.ItemDataRole.UserRole): r for r in range(listing.count())}
    listing.item(rows["momentum"]).setCheckState(Qt.CheckState.Checked)
    assert "momentum" in gui.descent.settings.optimizers
    assert "momentum" in [o.name for o in gui.descent.record.run.optimizers]
    listing.setCurrentRow(rows["momentum"])
    assert gui.descent.selected_optimizer == "momentum"
    _named(gui, QAbstractSpinBox, "momentumSpin").setValue(0.5)
    assert gui.descent.settings.hyperparameters("momentum")["momentum"] == 0.5
    in_run = next(o for o in gui.descent.record.run.optimizers if o.name == "momentum")
    assert in_run.momentum == 0.5
    listing.item(rows["momentum"]).setCheckState(Qt.CheckState.Unchecked)
    assert "momentum" not in gui.descent.settings.optimizers


def test_an_optimizer_not_ticked_can_be_selected_and_edited(gui):
    listing = _named(gui, QListWidget, "optimizerList")
    adam = next(r for r in range(listing.count()) if listing.item(r).data(Qt.ItemDataRole.UserRole) == "adam")
    gui.descent.apply_state({"optimizers": ["gd"]})
    listing.setCurrentRow(adam)  # a click on the name, not on the tick box
    assert gui.descent.selected_optimizer == "adam" and gui.descent.settings.optimizers == ("gd",)
    _named(gui, QAbstractSpinBox, "beta1Spin").setValue(0.8)
    assert gui.descent.settings.hyperparameters("adam")["beta1"] == 0.8
    assert listing.currentRow() == adam  # the list keeps showing whose settings the form edits
    gui.descent.step()
    assert gui.descent.frame.step == 1


def test_the_timeline_and_the_loss_marker_moved_in_code_show_that_step(gui):
    tab = _descent_tab(gui)
    gui.descent.step(5)
    _named(gui, QSlider, "timelineSlider").setValue(2)
    assert gui.descent.frame.step == 2
    marker = tab.loss_view.loss_marker
    marker.setValue(4)
    marker.sigPositionChangeFinished.emit(marker)  # a drag ends with this
    assert gui.descent.frame.step == 4


def test_map_toggles_set_in_code_drive_the_map_and_the_basin_map(gui):
    contour = _descent_tab(gui).contour_view
    built_log = gui.descent.map_data.log
    contour.log_button.setChecked(not built_log)
    assert contour.log_button.isChecked() == gui.descent.map_data.log == (not built_log)
    contour.log_button.setChecked(built_log)  # the shared app goes back as it was built
    assert gui.descent.map_data.log == built_log
    contour.basin_button.setChecked(True)
    assert gui.descent.analysis.basins_shown
    contour.basin_button.setChecked(False)
    assert not gui.descent.analysis.basins_shown


# ----- Descent: model → widgets, without an echo -------------------------------------------------------

STATE = {"function": "himmelblau", "domain": [-4.0, 4.0, -3.0, 5.0], "optimizers": ["gd", "adam"],
         "lr": 0.02, "start": [1.25, -0.5], "seed": 3, "particles": 1, "speed": 12, "max_steps": 345,
         "tol": 1e-4}


def _assert_descent_widgets_show(gui, state: dict) -> None:
    combo = _named(gui, QComboBox, "functionCombo")
    assert combo.currentData() == state["function"]
    spins = {"lrSpin": state["lr"], "startXSpin": state["start"][0], "startYSpin": state["start"][1],
             "seedSpin": state["seed"], "particlesSpin": state["particles"], "speedSpin": state["speed"],
             "maxStepsSpin": state["max_steps"], "tolSpin": state["tol"],
             "domainXMinSpin": state["domain"][0], "domainXMaxSpin": state["domain"][1],
             "domainYMinSpin": state["domain"][2], "domainYMaxSpin": state["domain"][3]}
    assert {name: _named(gui, QAbstractSpinBox, name).value() for name in spins} == pytest.approx(spins)
    listing = _named(gui, QListWidget, "optimizerList")
    ticked = [listing.item(r).data(Qt.ItemDataRole.UserRole) for r in range(listing.count())
              if listing.item(r).checkState() == Qt.CheckState.Checked]
    assert ticked == state["optimizers"]


def test_apply_state_shows_in_every_descent_widget_with_a_single_change(gui):
    changes = _spy(gui.descent.settings_changed)
    gui.descent.apply_state(STATE)
    assert len(changes) == 1
    _assert_descent_widgets_show(gui, STATE)


def test_an_opened_session_shows_in_the_widgets_with_a_single_change(gui, tmp_path):
    gui.descent.apply_state(STATE)
    path = tmp_path / "lesson.gdgui"
    assert gui.session.save(path)
    gui.descent.apply_state({"function": "quadratic", "domain": None, "lr": 0.3, "particles": 5})
    changes = _spy(gui.descent.settings_changed)
    assert gui.session.open(path)
    assert len(changes) == 1
    _assert_descent_widgets_show(gui, STATE)


def test_a_setter_given_the_models_own_value_changes_nothing(gui):
    descent = gui.descent
    changes, frames = _spy(descent.settings_changed), _spy(descent.frame_changed)
    descent.set_lr(descent.settings.lr)
    descent.set_start(*descent.settings.start)
    descent.set_function(descent.settings.function)
    descent.set_hyperparameter("momentum", "momentum", descent.settings.hyperparameters("momentum")["momentum"])
    descent.apply_state(descent.state_dict())
    assert changes == [] and frames == []


# ----- Backprop -----------------------------------------------------------------------------------------

def test_backprop_inputs_set_in_code_drive_the_graph(gui):
    tab, graph = _backprop_tab(gui), gui.graph
    presets = _named(gui, QComboBox, "graphPresetCombo")
    presets.setCurrentIndex(presets.findData("05-fork.json"))
    assert set(graph.graph.input_names()) == {"a", "b"}
    assert presets.currentIndex() == -1  # "Presets" again: choosing the fork once more reloads it
    edit = _named(gui, ProgramEdit, "graphExpressionEdit")
    edit.setText("w * x + b")
    edit.returnPressed.emit()
    assert graph.expression_text().replace(" ", "") == "w*x+b"
    _named(gui, QAbstractSpinBox, "digitsSpin").setValue(6)
    assert graph.digits == 6
    _named(gui, QAbstractSpinBox, "learningRateSpin").setValue(0.5)
    assert graph.document.learning_rate == 0.5
    tab.step_panel.param_checks["w"].setChecked(True)
    assert graph.document.params == ["w"]
    w, grad = graph.document.values["w"], graph.graph.grads[graph.graph.input_ids()["w"]]
    _named(gui, QPushButton, "gradientStepButton").click()
    assert graph.document.values["w"] == pytest.approx(w - 0.5 * grad)


def test_the_seed_and_randomize_set_in_code_drive_the_graphs_inputs(gui):
    graph = gui.graph
    graph.load_preset("03-cs231n-simple.json")
    seed = _named(gui, QAbstractSpinBox, "graphSeedSpin")
    seed.setValue(5)
    drawn = dict(graph.document.values)
    assert drawn == random_values(["x", "y", "z"], 5) and graph.seed == 5
    _named(gui, QPushButton, "graphRandomizeButton").click()
    assert seed.value() == 6 and graph.document.values == random_values(["x", "y", "z"], 6)
    edits = graph.undo_stack.count()
    graph.undo_stack.undo()
    assert graph.document.values == drawn and seed.value() == 5
    assert graph.undo_stack.count() == edits  # no widget echoed an edit


def test_undo_shows_in_the_backprop_widgets_without_a_new_edit(gui):
    tab, graph = _backprop_tab(gui), gui.graph
    graph.set_expression("w * x + b")
    rate = _named(gui, QAbstractSpinBox, "learningRateSpin")
    rate.setValue(0.25)
    tab.step_panel.param_checks["x"].setChecked(True)
    edits = graph.undo_stack.count()
    graph.undo_stack.undo()
    graph.undo_stack.undo()
    assert not tab.step_panel.param_checks["x"].isChecked()
    assert rate.value() == graph.document.learning_rate and rate.value() != 0.25
    assert graph.undo_stack.count() == edits and graph.undo_stack.canRedo()  # no widget pushed an edit


# ----- shell ----------------------------------------------------------------------------------------------

def test_the_tab_and_projector_mode_set_in_code_reach_the_session_and_the_theme(gui):
    tabs = gui.window.tabs
    tabs.setCurrentIndex(1)
    assert gui.session.snapshot().tab == "backprop"
    gui.window.projector_action.setChecked(True)
    assert gui.theme.projector
    looks = _spy(gui.theme.changed)
    gui.theme.set_projector(False)
    assert not gui.window.projector_action.isChecked() and len(looks) == 1

