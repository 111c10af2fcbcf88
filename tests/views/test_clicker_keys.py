"""The keys a presentation clicker sends act with the focus in a text field or spin box (issue 14).

Keys go to the FOCUSED widget, as a user's keyboard or clicker sends them.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

from gdgui.core.files.deck import course_deck_path
from gdgui.views.widgets.program_edit import ProgramEdit
from tests.views.helpers import focus_widget

# (tab, field, text typed, what the controller holds, what it holds once the text is applied)
DESCENT, BACKPROP = 0, 1
FIELDS = [
    (DESCENT, "lrSpin", "0.05", lambda gui: gui.descent.settings.lr, 0.05),
    (DESCENT, "startXSpin", "1.5", lambda gui: gui.descent.settings.start[0], 1.5),
    (DESCENT, "seedSpin", "7", lambda gui: gui.descent.settings.seed, 7),
    (DESCENT, "expressionEdit", "x^2 + y^2", lambda gui: gui.descent.settings.expression, "x^2 + y^2"),
    (BACKPROP, "graphExpressionEdit", "a * b + c", lambda gui: gui.graph.expression_text(), "a * b + c"),
    (BACKPROP, "graphSeedSpin", "12", lambda gui: gui.graph.seed, 12),
]
HOME = {DESCENT: "contourPlot", BACKPROP: "graphView"}
IDS = [name for _, name, *_ in FIELDS]


def _field(qtbot, gui, tab: int, name: str) -> QWidget:
    if tab == BACKPROP:
        gui.graph.load_preset("05-fork.json")
    return focus_widget(qtbot, gui, tab, name)


def _type(qtbot, widget, text: str) -> None:
    """Replace the field's text as a user does: select all, type."""
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def _text(widget) -> str:
    return widget.text() if isinstance(widget, (QLineEdit, ProgramEdit, QAbstractSpinBox)) else ""


def _key(qtbot, key) -> None:
    """One key to whatever has the focus now (a clicker does not know where it is)."""
    qtbot.keyClick(QApplication.focusWidget(), key)


def _home(gui, tab: int) -> QWidget:
    return gui.window.tabs.widget(tab).findChild(QWidget, HOME[tab])


@pytest.mark.parametrize("tab, name, typed, held, expected", FIELDS, ids=IDS)
def test_enter_applies_the_field_and_gives_the_keys_back(qtbot, gui, tab, name, typed, held, expected):
    field = _field(qtbot, gui, tab, name)
    _type(qtbot, field, typed)
    _key(qtbot, Qt.Key.Key_Return)
    assert held(gui) == expected
    assert _home(gui, tab).hasFocus()
    shown = _text(field)
    for key in (Qt.Key.Key_R, Qt.Key.Key_Space, Qt.Key.Key_B, Qt.Key.Key_Period):
        _key(qtbot, key)
    assert _text(field) == shown  # nothing typed into it
    assert not gui.window.blank_overlay.isVisible()  # B then "." blank and show again
    if tab == DESCENT:
        assert gui.descent.playing  # Space played
        gui.descent.pause()
        seed = gui.descent.settings.seed
        _key(qtbot, Qt.Key.Key_N)
        assert gui.descent.settings.seed == seed + 1 and "n" not in _text(field)


@pytest.mark.parametrize("tab, name, typed, held, expected", FIELDS, ids=IDS)
def test_keypad_enter_then_b_and_period_blank_and_show_again(qtbot, gui, tab, name, typed, held, expected):
    field = _field(qtbot, gui, tab, name)
    _type(qtbot, field, typed)
    _key(qtbot, Qt.Key.Key_Enter)  # the keypad's Enter too
    _key(qtbot, Qt.Key.Key_B)
    assert gui.window.blank_overlay.isVisible()
    _key(qtbot, Qt.Key.Key_Period)
    assert not gui.window.blank_overlay.isVisible()
    assert held(gui) == expected


@pytest.mark.parametrize("tab, name, typed, held, expected", FIELDS, ids=IDS)
def test_escape_reverts_the_field_and_gives_the_keys_back(qtbot, gui, tab, name, typed, held, expected):
    field = _field(qtbot, gui, tab, name)
    before, shown = held(gui), _text(field)
    _type(qtbot, field, typed)
    assert _text(field) != shown
    _key(qtbot, Qt.Key.Key_Escape)
    assert held(gui) == before and _text(field) == shown
    assert _home(gui, tab).hasFocus()
    assert not gui.window.isFullScreen() and not gui.theme.projector  # this Escape only left the field


@pytest.mark.parametrize("tab, name, typed, held, expected", FIELDS, ids=IDS)
def test_window_keys_act_with_the_focus_in_a_field(qtbot, gui, tab, name, typed, held, expected):
    field = _field(qtbot, gui, tab, name)
    _type(qtbot, field, typed)
    _key(qtbot, Qt.Key.Key_F5)
    assert gui.theme.projector
    _key(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(gui.window.isFullScreen, timeout=2000)
    _key(qtbot, Qt.Key.Key_F1)
    sheet = gui.window.findChild(QWidget, "keysSheet")
    assert sheet.isVisible()
    sheet.close()
    gui.window.activateWindow()
    qtbot.waitUntil(gui.window.isActiveWindow, timeout=2000)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    _key(qtbot, Qt.Key.Key_Escape)  # first the field
    assert _home(gui, tab).hasFocus() and gui.window.isFullScreen()
    _key(qtbot, Qt.Key.Key_Escape)  # then full screen
    qtbot.waitUntil(lambda: not gui.window.isFullScreen(), timeout=2000)
    assert gui.theme.projector
    _key(qtbot, Qt.Key.Key_Escape)  # then projector mode
    assert not gui.theme.projector


@pytest.mark.parametrize("tab, name, typed, held, expected", FIELDS, ids=IDS)
def test_page_keys_step_with_the_focus_in_a_field(qtbot, gui, tab, name, typed, held, expected):
    field = _field(qtbot, gui, tab, name)
    if tab == BACKPROP:
        gui.graph.rewind()
    _type(qtbot, field, typed)  # and not applied
    position = (lambda: gui.descent.frame.step) if tab == DESCENT else (lambda: gui.graph.walkthrough.cursor)
    _key(qtbot, Qt.Key.Key_PageDown)
    _key(qtbot, Qt.Key.Key_PageDown)
    _key(qtbot, Qt.Key.Key_PageUp)
    assert position() == 1
    assert field.hasFocus() and _text(field).endswith(typed)  # still there to finish, or
    _key(qtbot, Qt.Key.Key_Escape)  # to leave (a spin box leaving the focus otherwise applies its text)


# A field, the slide that sets it, and what the slide's value looks like in it.
SLIDE_FIELDS = [
    (DESCENT, "expressionEdit", "x^3 + y^3", 6, lambda gui: gui.descent.map_data.objective.formula),
    (DESCENT, "expressionEdit", "x^3 + y^3", 0, lambda gui: gui.descent.map_data.objective.formula),  # same f
    (DESCENT, "lrSpin", "0.7", 6, lambda gui: gui.descent.settings.lr),
    (DESCENT, "startXSpin", "2.25", 3, lambda gui: gui.descent.settings.start[0]),
    (DESCENT, "seedSpin", "99", 5, lambda gui: gui.descent.settings.seed),
    (BACKPROP, "graphExpressionEdit", "p * q", 9, lambda gui: gui.graph.expression_text()),  # fork, as on show
    (BACKPROP, "graphSeedSpin", "5", 9, lambda gui: gui.graph.seed),
]


@pytest.mark.parametrize("tab, name, typed, slide, held", SLIDE_FIELDS, ids=[f"{f[1]}-slide{f[3] + 1}" for f in SLIDE_FIELDS])
def test_a_slide_turned_from_a_field_shows_the_slides_value_and_enter_keeps_it(qtbot, gui, tab, name, typed,
                                                                                slide, held):
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(slide)
    field = _field(qtbot, gui, tab, name)
    _type(qtbot, field, typed)
    _key(qtbot, Qt.Key.Key_PageDown)
    assert gui.deck.index == slide + 1
    field = gui.window.tabs.widget(tab).findChild(QWidget, name)
    slide_value = held(gui)
    if isinstance(field, QAbstractSpinBox):
        assert field.value() == slide_value and typed not in _text(field)
    else:
        assert _text(field) == slide_value
    if field.hasFocus():
        _key(qtbot, Qt.Key.Key_Return)
    assert held(gui) == slide_value
    assert gui.deck.index == slide + 1


def test_a_slide_turned_from_the_formula_field_keeps_the_slides_function(qtbot, gui):
    """The issue's case: Himmelblau's slide, Page Down to Ackley from the formula field, Enter."""
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(6)
    field = _field(qtbot, gui, DESCENT, "expressionEdit")
    _key(qtbot, Qt.Key.Key_PageDown)
    assert gui.descent.settings.function == "ackley"
    assert field.text() == gui.descent.map_data.objective.formula
    _key(qtbot, Qt.Key.Key_Return)
    assert gui.descent.settings.function == "ackley" and gui.descent.settings.expression is None


@pytest.mark.parametrize("start", ["contourPlot", "lrSpin"])
def test_full_screen_then_escape_leaves_it_and_a_second_escape_leaves_projector_mode(qtbot, gui, start):
    _field(qtbot, gui, DESCENT, start)
    _key(qtbot, Qt.Key.Key_F5)
    _key(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(gui.window.isFullScreen, timeout=2000)
    if start != "contourPlot":
        _key(qtbot, Qt.Key.Key_Escape)  # leaves the field
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not gui.window.isFullScreen(), timeout=2000)
    assert gui.theme.projector and not gui.window.full_screen_action.isChecked()
    _key(qtbot, Qt.Key.Key_Escape)
    assert not gui.theme.projector and not gui.window.projector_action.isChecked()


NOT_FIELDS = [(DESCENT, "contourPlot"), (DESCENT, "optimizerList"), (DESCENT, "functionCombo"),
              (BACKPROP, "graphView"), (BACKPROP, "graphPresetCombo"), (BACKPROP, "graphInputsTable")]


@pytest.mark.parametrize("tab, name", NOT_FIELDS)
def test_f5_then_escape_returns_to_the_state_before_f5(qtbot, gui, tab, name):
    """One clicker button sends F5, then Escape: twice round, the window is as it was, the focus too."""
    widget = _field(qtbot, gui, tab, name)
    for _ in range(2):
        _key(qtbot, Qt.Key.Key_F5)
        assert gui.theme.projector
        _key(qtbot, Qt.Key.Key_Escape)
        assert not gui.theme.projector and not gui.window.isFullScreen()
    assert widget.hasFocus()


@pytest.mark.parametrize("tab, name", [(DESCENT, "contourPlot"), (DESCENT, "optimizerList"),
                                       (BACKPROP, "graphView"), (BACKPROP, "graphPresetCombo")])
def test_period_blanks_like_b(qtbot, gui, tab, name):
    _field(qtbot, gui, tab, name)
    _key(qtbot, Qt.Key.Key_Period)
    assert gui.window.blank_overlay.isVisible() and gui.window.blank_action.isChecked()
    _key(qtbot, Qt.Key.Key_Period)
    assert not gui.window.blank_overlay.isVisible()
    _key(qtbot, Qt.Key.Key_B)
    _key(qtbot, Qt.Key.Key_Period)
    assert not gui.window.blank_overlay.isVisible()


@pytest.mark.parametrize("projector", [False, True])
def test_space_clears_no_field_that_tab_lands_in_through_the_sidebar(qtbot, gui, projector):
    """Tab from the function list to the end of the sidebar; at each stop Space twice (a clicker's
    play, then pause) leaves every setting, and every field's text, as it was."""
    gui.theme.set_projector(projector)
    sidebar = gui.window.tabs.widget(DESCENT).sidebar
    widget = _field(qtbot, gui, DESCENT, "functionCombo")
    stops = []
    while sidebar.isAncestorOf(widget) and len(stops) < 60:
        stops.append(widget.objectName() or type(widget).__name__)
        settings, text = gui.descent.state_dict(), _text(widget)
        _key(qtbot, Qt.Key.Key_Space)
        _key(qtbot, Qt.Key.Key_Space)
        assert gui.descent.state_dict() == settings, stops[-1]
        assert _text(widget).strip() == text.strip(), stops[-1]
        assert not gui.descent.playing and QApplication.focusWidget() is widget, stops[-1]
        _key(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    for name in ("expressionEdit", "lrSpin", "startXSpin", "seedSpin", "particlesSpin", "tolSpin"):
        assert name in stops  # every field is reached by Tab
    formula = _field(qtbot, gui, DESCENT, "expressionEdit")
    _key(qtbot, Qt.Key.Key_Escape)  # the spaces typed there go
    assert formula.text() == gui.descent.map_data.objective.formula


@pytest.mark.parametrize("tab, name, bad", [(DESCENT, "expressionEdit", "x^2 + (y"),
                                            (BACKPROP, "graphExpressionEdit", "a * (b")])
def test_a_refused_formula_keeps_the_focus_and_escape_puts_the_formula_back(qtbot, gui, tab, name, bad):
    field = _field(qtbot, gui, tab, name)
    shown = gui.descent.map_data.objective.formula if tab == DESCENT else gui.graph.expression_text()
    _type(qtbot, field, bad)
    _key(qtbot, Qt.Key.Key_Return)
    assert field.hasFocus() and field.text() == bad  # to be mended, not lost
    if tab == DESCENT:
        assert "not closed" in gui.window.findChild(QWidget, "expressionError").text()
    else:
        assert "not closed" in gui.window.statusBar().currentMessage() and field.styleSheet()
    _key(qtbot, Qt.Key.Key_Escape)
    assert field.text() == shown and _home(gui, tab).hasFocus()
    if tab == DESCENT:
        assert gui.window.findChild(QWidget, "expressionError").text() == ""
    else:
        assert field.styleSheet() == ""  # no red border round the formula put back


def test_space_in_a_backprop_number_box_types_nothing(qtbot, gui):
    field = _field(qtbot, gui, BACKPROP, "digitsSpin")
    shown = field.text()
    _key(qtbot, Qt.Key.Key_Space)
    assert field.text() == shown


def test_escape_in_a_nodes_editor_closes_it_and_nothing_else(qtbot, gui):
    _field(qtbot, gui, BACKPROP, "graphView")
    gui.theme.set_projector(True)
    tab = gui.window.tabs.widget(BACKPROP)
    node = tab.scene.nodes[gui.graph.graph.input_ids()["a"]]
    editor = tab.view.edit_in_place(node)
    qtbot.waitUntil(editor.hasFocus, timeout=1000)
    _type(qtbot, editor, "a = 9")
    _key(qtbot, Qt.Key.Key_Escape)
    assert not editor.isVisible() and gui.graph.document.values["a"] != 9
    assert gui.theme.projector and tab.view.hasFocus()
