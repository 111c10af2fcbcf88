"""A typed formula of ``WORKER_NODES`` nodes or more (they go up to ``MAX_NODES``, 500: a formula is
at most 1,000 characters) is laid out on a worker: progress and Cancel show, the tab answers
meanwhile, and the graph arrives as the one undo step the typing makes.  Small formulas still
appear in the same call."""

import pytest
from PySide6.QtCore import Qt, QThreadPool

from gdgui.controllers.backprop.background_layout import WORKER_NODES

LONG_SUM = "+".join(["x*y"] * 200)  # 200 products and 199 sums of x and y: 401 nodes


@pytest.fixture
def tab(lone_backprop_tab):
    return lone_backprop_tab


def _type(qtbot, tab, text: str) -> None:
    tab.expression_edit.setText(text)
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_Return)


def _nodes(tab) -> set:
    return set(tab.controller.graph.nodes)


def test_a_big_typed_formula_is_laid_out_on_the_worker_while_the_tab_answers(qtbot, tab):
    fork, shares = _nodes(tab), []
    tab.controller.layouts.progressed.connect(shares.append)
    _type(qtbot, tab, LONG_SUM)
    assert tab.layout_progress.isVisible() and _nodes(tab) == fork  # the fork shows until the layout is in
    tab.rewind_button.click()  # the tab answers: the graph on show steps meanwhile
    tab.step_button.click()
    assert tab.controller.walkthrough.cursor == 1 and tab.caption.text().startswith("Step 1 of ")
    with qtbot.waitSignal(tab.controller.graph_changed, timeout=60_000):
        pass
    assert shares and all(0 <= share <= 1 for share in shares)  # progress reached the GUI thread first
    assert len(tab.controller.graph.nodes) == 401 >= WORKER_NODES
    assert tab.controller.walkthrough is not None
    assert all(node.pos is not None for node in tab.controller.graph.nodes.values())
    assert tab.controller.undo_stack.undoText() == "type expression"
    qtbot.waitUntil(lambda: not tab.scene.building, timeout=60_000)  # drawn in slices
    assert set(tab.scene.nodes) == _nodes(tab) and not tab.layout_progress.isVisible()
    tab.controller.undo_stack.undo()
    assert _nodes(tab) == fork


def test_cancelling_the_layout_of_a_typed_formula_keeps_the_graph_on_show(qtbot, tab):
    fork, messages = _nodes(tab), []
    tab.controller.message.connect(messages.append)
    _type(qtbot, tab, LONG_SUM)
    assert messages[-1] == "Laying out the formula (401 nodes)…"
    tab.layout_progress.cancel_button.click()
    assert not tab.layout_progress.isVisible()
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)  # a result still in flight is dropped, not applied
    assert _nodes(tab) == fork and messages[-1] == "Layout cancelled"
    assert tab.controller.undo_stack.undoText() != "type expression"


def test_a_mistake_in_a_big_formula_is_reported_at_once_and_lays_nothing_out(qtbot, tab):
    fork, messages = _nodes(tab), []
    tab.controller.message.connect(messages.append)
    _type(qtbot, tab, LONG_SUM + " +* 2")
    assert messages[-1].startswith("Column ") and not tab.controller.layouts.busy
    assert not tab.layout_progress.isVisible() and _nodes(tab) == fork


def test_a_small_typed_formula_appears_in_the_same_call(tab):
    assert tab.controller.set_expression("x * y + 1")
    assert tab.controller.expression_text() == "x * y + 1"
    assert not tab.controller.layouts.busy and not tab.layout_progress.isVisible()
