"""A swarm too big for the recording budget runs fewer steps: the max-steps field shows the steps the run
uses, says why in its tooltip and the status bar, and the steps asked for come back with fewer particles."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.settings import RECORD_BUDGET
from gdgui.views.descent.tab import DescentTab


@pytest.fixture
def tab(qtbot):
    widget = DescentTab(DescentController(), ThemeController())
    qtbot.addWidget(widget)
    return widget


def _spin(tab, name) -> QSpinBox:
    return tab.findChild(QSpinBox, name)


def test_the_field_shows_the_steps_a_big_swarm_runs_and_the_asked_for_steps_come_back(tab):
    controller, messages = tab._controller, []
    controller.message.connect(messages.append)
    max_steps, particles = _spin(tab, "maxStepsSpin"), _spin(tab, "particlesSpin")
    max_steps.setValue(10_000)
    particles.setValue(2_000)  # 2,000 × 10,000 rows is over the budget: 2,500 steps each fit
    assert RECORD_BUDGET // 2_000 == 2_500 < 10_000
    assert max_steps.value() == controller.record.run.max_steps == 2_500
    assert "Lowered to 2,500 (you asked for 10,000)" in max_steps.toolTip() and "2,000 particles" in max_steps.toolTip()
    assert messages[-1] == "Max steps lowered to 2,500 for 2,000 particles, to bound memory."
    controller.step(3_000)
    assert controller.frame.latest <= max_steps.value()  # no particle ran past what the field says
    particles.setValue(10)
    assert max_steps.value() == controller.record.run.max_steps == 10_000  # what was asked for, kept
    assert "Lowered" not in max_steps.toolTip()


def test_steps_typed_while_lowered_are_the_new_wish_and_never_run_past_the_budget(tab, qtbot):
    controller = tab._controller
    max_steps, particles = _spin(tab, "maxStepsSpin"), _spin(tab, "particlesSpin")
    particles.setValue(2_000)
    max_steps.setFocus()
    max_steps.selectAll()
    qtbot.keyClicks(max_steps, "600")
    qtbot.keyClick(max_steps, Qt.Key.Key_Return)
    assert max_steps.value() == controller.record.run.max_steps == 600  # under the budget: used as typed
    max_steps.selectAll()
    qtbot.keyClicks(max_steps, "9000")
    qtbot.keyClick(max_steps, Qt.Key.Key_Return)
    assert max_steps.value() == controller.record.run.max_steps == 2_500 and "9,000" in max_steps.toolTip()
    particles.setValue(1)
    assert max_steps.value() == controller.record.run.max_steps == 9_000
