"""The Descent tab's left column: six collapsible sections in a scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.core.descent.neuron.dataset import FUNCTION_ID as NEURON_LOSS
from gdgui.views.descent.function_panel import FunctionPanel
from gdgui.views.descent.neuron.dataset_inset import DatasetInset
from gdgui.views.descent.optimizer_panel import OptimizerPanel
from gdgui.views.descent.practice_view import PracticePanel
from gdgui.views.descent.run_panels import LearningRatePanel, RunPanel, StartPanel
from gdgui.views.widgets.collapsible_group import CollapsibleGroup

__all__ = ["DescentSidebar"]


class DescentSidebar(QScrollArea):
    """Function, Optimizers, Learning rate, Start, Run and Practice; each section folds away."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("descentSidebar")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fit_width: never needed
        content = QWidget(self)
        layout = QVBoxLayout(content)
        self.function_panel = FunctionPanel(controller, content)
        self.optimizer_panel = OptimizerPanel(controller, content)
        self.lr_panel = LearningRatePanel(controller, content)
        self.start_panel = StartPanel(controller, content)
        self.run_panel = RunPanel(controller, content)
        self.practice_panel = PracticePanel(controller, content)
        sections = (
            ("Function", self.function_panel, "Which f(x, y) to minimize, and over which square."),
            ("Optimizers", self.optimizer_panel, "Which update rules walk downhill; tick several to race."),
            ("Learning rate γ", self.lr_panel, "The step size, and the largest one plain GD survives here."),
            ("Start", self.start_panel, "Where the walk begins: a point, or a swarm of random points."),
            ("Run", self.run_panel, "Speed and the limits of a run (play, step and scrub under the map)."),
            ("Practice", self.practice_panel, "Guess where the next step lands, and whether γ converges."),
        )
        self.dataset_inset = DatasetInset(controller, content)
        sections = (*sections[:1], ("Data set", self.dataset_inset, "The points the neuron learns from; "
                                    "click to add one."), *sections[1:])
        self.groups = [CollapsibleGroup(title, panel, tip, content) for title, panel, tip in sections]
        self._dataset_group = self.groups[1]  # shown with the neuron-loss function only
        controller.map_changed.connect(self._on_map_changed)
        self._on_map_changed(controller.map_data)
        for group in self.groups:
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(content)

    def _on_map_changed(self, data) -> None:
        self._dataset_group.setVisible(data.objective.id == NEURON_LOSS)

    def fit_width(self) -> None:
        """Never narrower than its sections need (fonts change with the theme), so nothing in it is
        clipped; how much wider it gets is the tab's choice (``preferred_width``)."""
        self.widget().adjustSize()
        self.setMinimumWidth(self.widget().minimumSizeHint().width() + self._scroll_bar_width())

    def preferred_width(self) -> int:
        """Wide enough that the formula and notes wrap little."""
        return self.widget().sizeHint().width() + self._scroll_bar_width()

    def _scroll_bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()
