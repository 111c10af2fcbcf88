"""ProgressRow: its bar is never too narrow for its words, in a laptop's font or a projector's."""

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gdgui.views.widgets.progress_row import ProgressRow


@pytest.mark.parametrize("font_pt", [11, 18])
def test_the_bar_is_wide_enough_for_its_words_beside_a_greedy_neighbour(qtbot, font_pt):
    panel = QWidget()
    qtbot.addWidget(panel)
    panel.setStyleSheet(f"* {{ font-size: {font_pt}pt; }}")
    row = QHBoxLayout(panel)
    row.addWidget(QLabel("a legend that takes every spare pixel", panel), 1)  # as the basin legend does
    progress = ProgressRow("basin map", "cancel", "Stop.", panel)
    row.addWidget(progress)
    panel.resize(700, 60)
    panel.show()
    progress.set_busy(True)
    progress.set_share(1.0)
    row.activate()
    words = progress.bar.fontMetrics().horizontalAdvance("basin map 100%")
    assert progress.bar.text() == "basin map 100%"
    assert progress.bar.width() > words
