"""The graph gets the room on a small projector: one row of buttons, panels at their least, F9 hides them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from gdgui.core.files.deck import course_deck_path
from gdgui.views.shell.screenshot import lay_out

PROJECTOR_720 = (1280, 720)


def _tab(gui):
    return gui.window.tabs.widget(1)


def _open_logistic_unit(gui, projector: bool, size=PROJECTOR_720):
    """The slides' logistic unit (15 nodes) on the Backprop tab, in a window of ``size``."""
    gui.theme.set_projector(projector)
    gui.window.tabs.setCurrentIndex(1)
    lay_out(gui.window, size)
    assert gui.graph.load_preset("02-logistic-regression.json")
    QApplication.processEvents()
    return _tab(gui)


def _graph_share(gui) -> float:
    """The graph view's visible height, as a share of the window's."""
    return _tab(gui).view.viewport().height() / gui.window.height()


def _tool_buttons(tab) -> list[QWidget]:
    """The visible buttons between the formula row and the graph."""
    top, bottom = tab.expression_edit.geometry().bottom(), tab.view.mapTo(tab, tab.view.rect().topLeft()).y()
    return [button for button in tab.findChildren(QAbstractButton)
            if button.isVisible() and top < button.mapTo(tab, button.rect().center()).y() < bottom]


def test_on_a_1280_by_720_projector_the_graph_gets_over_half_the_window_and_one_row_of_buttons(gui):
    tab = _open_logistic_unit(gui, projector=True)
    assert gui.window.size().toTuple() == PROJECTOR_720
    assert _graph_share(gui) >= 0.5, tab.view.viewport().size()  # 0.45 before: three rows and a 3 : 1 split
    spans = [(button.mapTo(tab, button.rect().topLeft()).y(), button.mapTo(tab, button.rect().bottomLeft()).y())
             for button in _tool_buttons(tab)]
    assert len(spans) >= 9 and max(top for top, _ in spans) < min(bottom for _, bottom in spans), spans  # one row
    assert tab.more_button.isVisible() and not tab.open_button.isVisible()


def _one_row(buttons) -> bool:
    spans = [(button.mapTo(button.window(), button.rect().topLeft()).y(),
              button.mapTo(button.window(), button.rect().bottomLeft()).y()) for button in buttons]
    return max(top for top, _ in spans) < min(bottom for _, bottom in spans)


@pytest.mark.parametrize("size", [PROJECTOR_720, (960, 700)])
def test_every_button_the_projector_row_hides_is_in_the_more_menu_with_its_text(gui, size):
    """At 1280×720 the spare buttons fold under "⋯"; in a narrower window Tidy, Fit, Undo and Start over
    follow, so the buttons keep one row (a second one took a fifth of the graph's height)."""
    tab = _open_logistic_unit(gui, projector=True, size=size)
    assert _one_row(_tool_buttons(tab))
    hidden = [button for button in tab.tool_rows.findChildren(QAbstractButton) if not button.isVisible()]
    tab.more_button.menu().aboutToShow.emit()  # as it opens: an entry for each hidden button, none for a shown one
    entries = [action.text() for action in tab.more_button.menu().actions() if action.isVisible()]
    assert sorted(button.text() for button in hidden) == sorted(entries), (hidden, entries)
    assert {"Add node", "Clear graph", "Redo", "Open…", "Save…", "PNG…", "SVG…"} <= set(entries)
    assert ({"Tidy", "Fit", "Undo", "Start over"} <= set(entries)) == (size != PROJECTOR_720)


def test_the_more_menu_clicks_its_button_and_is_enabled_as_it_is(gui):
    tab = _open_logistic_unit(gui, projector=True)
    menu = tab.more_button.menu()
    entry = {action.text(): action for action in menu.actions()}
    menu.aboutToShow.emit()
    assert not entry["Redo"].isEnabled()  # nothing undone yet, as the hidden Redo button says
    entry["Clear graph"].trigger()
    assert gui.graph.document.graph.nodes == {}
    gui.graph.undo_stack.undo()
    assert len(gui.graph.document.graph.nodes) == 15
    menu.aboutToShow.emit()
    assert entry["Redo"].isEnabled()
    assert entry["Add node"].menu() is tab.add_button.menu()


def test_on_a_laptop_every_button_shows_and_there_is_no_more_menu(gui):
    tab = _open_logistic_unit(gui, projector=False, size=(1024, 768))
    assert not tab.more_button.isVisible()
    for button in (tab.add_button, tab.clear_button, tab.redo_button, tab.open_button, tab.svg_button,
                   tab.tidy_button, tab.rewind_button):
        assert button.isVisible(), button.objectName()


def test_f9_on_the_backprop_tab_gives_the_graph_the_whole_tab_also_from_the_formula_field(qtbot, gui):
    tab = _open_logistic_unit(gui, projector=True)
    share = _graph_share(gui)
    tab.expression_edit.setFocus()
    qtbot.waitUntil(tab.expression_edit.hasFocus, timeout=1000)
    text = tab.expression_edit.text()
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_F9)
    QApplication.processEvents()
    assert not tab.inputs.isVisible() and not tab.chain_panel.isVisible() and not tab.learning_tabs.isVisible()
    assert not gui.window.side_panels_action.isChecked()
    assert tab.view.width() > gui.window.width() - 40
    assert _graph_share(gui) >= 0.65, tab.view.viewport().size()
    assert tab.expression_edit.hasFocus() and tab.expression_edit.text() == text  # F9 typed nothing
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_F9)
    QApplication.processEvents()
    assert tab.inputs.isVisible() and tab.chain_panel.isVisible() and tab.learning_tabs.isVisible()
    assert abs(_graph_share(gui) - share) < 0.02


def test_f9_acts_on_the_tab_on_show_and_its_tick_follows_the_tab(qtbot, gui):
    tab = _open_logistic_unit(gui, projector=False, size=(1400, 900))
    descent = gui.window.tabs.widget(0)
    action = gui.window.side_panels_action
    action.trigger()
    assert not tab.side_panels_shown() and descent.side_panels_shown()
    gui.window.tabs.setCurrentIndex(0)
    assert action.isChecked() and descent.sidebar.isVisible()  # the Descent tab's panels are out
    gui.window.tabs.setCurrentIndex(1)
    assert not action.isChecked() and not tab.inputs.isVisible()
    action.trigger()
    assert tab.side_panels_shown() and tab.inputs.isVisible()


def _current_gate_on_screen(tab) -> bool:
    """The gate of the walkthrough's current step lies whole in the graph view, clear of the legend."""
    step = tab.view.controller.walkthrough.current()
    gate = tab.view.mapFromScene(tab.view.scene().nodes[step.node_id].sceneBoundingRect()).boundingRect()
    legend = tab.view.legend.geometry().translated(-tab.view.viewport().pos())  # the view's child, over the viewport
    return tab.view.viewport().rect().contains(gate) and not legend.intersects(gate)


def test_each_step_s_gate_is_scrolled_into_view_on_a_small_projector(gui):
    """At 1024×768 on a projector the logistic unit scrolls (text never under 24 px), and a step's gate
    was off screen: the class watched w0, w1, x1 while the step happened at f, far right."""
    tab = _open_logistic_unit(gui, projector=True, size=(1024, 768))
    assert tab.view.horizontalScrollBar().maximum() > 0  # the graph does not fit: the view must follow
    walk_length, off_screen = len(gui.graph.walkthrough.steps), []
    gui.graph.rewind()
    for _ in range(walk_length):
        gui.graph.step_forward()
        QApplication.processEvents()
        off_screen += [] if _current_gate_on_screen(tab) else [gui.graph.walkthrough.cursor]
    for _ in range(walk_length - 2):  # back to the first gate (the seed, at cursor 0, has no gate)
        gui.graph.step_back()
        QApplication.processEvents()
        off_screen += [] if _current_gate_on_screen(tab) else [-gui.graph.walkthrough.cursor]
    assert off_screen == []


def _written_numbers(tab) -> list:
    """The value and gradient labels the current step wrote (the output's when its gate is f)."""
    view, walk = tab.view, tab.view.controller.walkthrough
    wires = [view.scene().wires[edge] for edge in walk.current_edges()]
    if walk.current().node_id == view.controller.graph.output():
        wires.append(view.scene().output_wire)
    return [label for wire in wires for label in wire.labels() if label.isVisible() and label.text()]


def _whole_and_clear(tab, item) -> bool:
    shown = tab.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    legend = tab.view.legend.geometry().translated(-tab.view.viewport().pos())
    return tab.view.viewport().rect().contains(shown) and not legend.intersects(shown)


def test_on_the_slide_at_1024_by_768_each_forward_step_shows_the_value_it_writes(gui):
    """The logistic unit's slide opens at "forward through f" on a 1024×768 projector, whose graph view is
    about 210 px tall: the view centred the gate and cut its output's 0.7311 at the edge, though gate and
    number fit together above the legend."""
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(9)  # the logistic unit, opened mid-walk
    gui.theme.set_projector(True)
    lay_out(gui.window, (960, 700))  # a window manager's title bar takes ~30 px of the screen
    QApplication.processEvents()
    tab, walk, hidden = _tab(gui), gui.graph.walkthrough, []
    assert tab.view.viewport().height() < 300 and tab.view.horizontalScrollBar().maximum() > 0  # cramped
    gui.graph.rewind()
    while walk.cursor < len(walk.steps) and walk.steps[walk.cursor].phase == "forward":
        gui.graph.step_forward()
        QApplication.processEvents()
        hidden += [(walk.cursor, label.text()) for label in _written_numbers(tab) if not _whole_and_clear(tab, label)]
    assert walk.cursor > 5 and hidden == []
