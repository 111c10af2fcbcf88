"""The Descent settings' undo stack (controllers/descent/undo.py): what is one step, what merges, what undo adopts."""


from gdgui.core.descent.settings import DescentSettings


def _texts(stack) -> list[str]:
    return [stack.text(i) for i in range(stack.count())]


def test_a_new_controller_has_nothing_to_undo(controller):
    assert controller.undo_stack.count() == 0


def test_undo_adopts_the_settings_before_and_tells_the_views(controller):
    seen = []
    controller.settings_changed.connect(seen.append)
    controller.set_function("himmelblau")
    controller.undo_stack.undo()
    assert controller.settings == DescentSettings() and seen[-1] == DescentSettings()
    assert controller.map_data.objective.formula == DescentSettings().objective().formula
    controller.undo_stack.redo()
    assert controller.settings.function == "himmelblau" and controller.frame.step == 0


def test_a_refused_value_is_no_step(controller):
    controller.set_lr(100.0)  # above MAX_LR
    controller.set_expression("x +* y")
    assert controller.undo_stack.count() == 0


def test_one_hyper_parameter_merges_with_itself_but_not_with_another(controller):
    controller.set_optimizer_checked("adam", True)
    for value in (0.8, 0.7):
        controller.set_hyperparameter("adam", "beta1", value)
    controller.set_hyperparameter("adam", "beta2", 0.9)
    assert _texts(controller.undo_stack) == ["optimizers", "hyper-parameter", "hyper-parameter"]
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.settings.hyperparameters("adam") == {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}


def test_choices_never_merge(controller):
    controller.set_function("himmelblau")
    controller.set_function("rosenbrock")
    controller.set_optimizer_checked("adam", True)
    controller.set_optimizer_checked("momentum", True)
    assert _texts(controller.undo_stack) == ["function", "function", "optimizers", "optimizers"]


def test_a_session_is_one_step(controller):
    controller.apply_state({"function": "ackley", "lr": 0.02, "optimizers": ["gd", "adam"]})
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert controller.settings == DescentSettings()


def test_a_step_of_the_run_ends_a_merge_and_undo_does_too(controller):
    controller.set_lr(0.2)
    controller.step()
    controller.set_lr(0.3)
    controller.undo_stack.undo()
    controller.set_lr(0.4)  # after an undo: a step of its own, not merged into 0.1 → 0.2
    assert _texts(controller.undo_stack) == ["γ", "γ"]
    controller.undo_stack.undo()
    assert controller.settings.lr == 0.2
