"""The application shell: title, tabs, menus and shortcuts, the About text, and main.py."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from gdgui.views.shell.main_window import MainWindow, about_text

MAIN_SCRIPT = Path(__file__).resolve().parents[2] / "main.py"


@pytest.fixture
def window(qtbot):
    main_window = MainWindow(descent_tab=QWidget(), backprop_tab=QWidget(), version="9.8.7")
    qtbot.addWidget(main_window)
    return main_window


@pytest.fixture
def shown_window(activate, window):
    return activate(window)


def test_title_and_tab_names(window):
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert window.windowTitle() == "gdgui — gradient descent & backpropagation"
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Descent", "Backprop"]
    assert window.centralWidget().layout().indexOf(tabs) >= 0


def test_tab_widgets_passed_in_are_the_tabs(qtbot):
    descent, backprop = QWidget(), QWidget()
    main_window = MainWindow(descent_tab=descent, backprop_tab=backprop, version="1")
    qtbot.addWidget(main_window)
    assert (main_window.tabs.widget(0), main_window.tabs.widget(1)) == (descent, backprop)


def test_ctrl_1_and_ctrl_2_switch_tabs(qtbot, shown_window):
    qtbot.keyClick(shown_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert shown_window.tabs.currentIndex() == 1
    qtbot.keyClick(shown_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert shown_window.tabs.currentIndex() == 0


def test_ctrl_q_closes_the_window(qtbot, shown_window):
    qtbot.keyClick(shown_window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not shown_window.isVisible(), timeout=2000)


def _menu_texts(menu) -> list[str]:
    return [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]


def test_menus_hold_sessions_exports_look_and_help(window):
    assert _menu_texts(window.menuBar()) == ["File", "View", "Help"]
    assert _menu_texts(window.file_menu) == ["New session", "Open session…", "Save session", "Save session as…",
                                             "Open recent", "Open lesson deck…", "Export", "Quit"]
    assert window.new_session_action.shortcut() == QKeySequence("Ctrl+N")
    assert _menu_texts(window.view_menu) == ["Descent tab", "Backprop tab", "Projector mode", "Full screen",
                                             "Side panels", "Blank the screen", "Pointer highlight",
                                             "Leave full screen, then projector mode"]
    assert _menu_texts(window.help_menu) == ["Keys", "Course deck", "About gdgui"]
    assert QKeySequence("Ctrl+Q") in window.quit_action.shortcuts()
    assert window.projector_action.shortcut() == QKeySequence("F5")
    assert window.full_screen_action.shortcut() == QKeySequence("F11")
    assert window.blank_action.shortcut() == QKeySequence("B")


def test_about_shows_version_licence_and_keys(window, monkeypatch):
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(title=title, text=text))
    window.about_action.trigger()
    assert shown["text"] == about_text("9.8.7")
    assert "9.8.7" in shown["text"] and "MIT" in shown["text"]
    assert "Ctrl+1" in shown["text"] and "F5" in shown["text"]


def test_main_py_help_prints_usage_without_qt(run_python):
    code = (
        "import json, runpy, sys\n"
        "sys.argv = [sys.argv[1], '--help']\n"
        "try:\n"
        "    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    print(json.dumps([exit.code, [m for m in sys.modules if m.startswith('PySide6')]]))\n"
    )
    result = run_python(str(MAIN_SCRIPT), code=code)
    assert result.returncode == 0, result.stderr
    assert "usage: gdgui" in result.stdout
    assert json.loads(result.stdout.splitlines()[-1]) == [0, []]


def test_unknown_sub_command_exits_2(run_python):
    result = run_python(str(MAIN_SCRIPT), "no-such-command")
    assert result.returncode == 2
    assert "unknown sub-command 'no-such-command'" in result.stderr


def test_sub_command_through_app_main_loads_no_qt(run_python):
    code = (
        "import sys\n"
        "from gdgui import app\n"
        "status = app.main(['list'])\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))]\n"
        "print('QT-MODULES', loaded, file=sys.stderr)\n"
        "sys.exit(status if not loaded else 99)\n"
    )
    result = run_python(code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "`list` printed nothing"
