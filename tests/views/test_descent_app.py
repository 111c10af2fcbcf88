"""The Descent tab inside the app: command-line options, status bar, and "Show as graph"."""

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from gdgui import __version__, app
from gdgui import gui as composition
from gdgui.views.descent.tab import DescentTab

MAIN_SCRIPT = Path(__file__).resolve().parents[2] / "main.py"


COMMAND_LINE_STATE = {"function": "himmelblau", "optimizers": ["gd", "momentum"], "lr": 0.01, "start": [-1, 2]}


@pytest.fixture(scope="module")
def _built_window(qapp):
    """One window built with the command-line state, and its Descent state as built."""
    main_window = composition.build_main_window(descent_state=COMMAND_LINE_STATE)
    yield main_window, _descent(main_window)._controller.state_dict()
    QThreadPool.globalInstance().waitForDone(10_000)
    main_window.close()
    main_window.deleteLater()


@pytest.fixture
def window(_built_window):
    """The module's window, put back as built: the command-line state at step 0, on the Descent tab."""
    main_window, built_state = _built_window
    controller = _descent(main_window)._controller
    controller.apply_state(built_state)
    controller.reset()
    main_window.tabs.setCurrentIndex(0)
    main_window.statusBar().clearMessage()
    assert controller.state_dict() == built_state and controller.frame.step == 0
    yield main_window
    QThreadPool.globalInstance().waitForDone(10_000)


def _descent(window) -> DescentTab:
    tab = window.tabs.widget(0)
    assert isinstance(tab, DescentTab)
    return tab


def test_command_line_state_reaches_the_descent_tab(window):
    controller = _descent(window)._controller
    state = controller.state_dict()
    assert state["function"] == "himmelblau" and state["optimizers"] == ["gd", "momentum"]
    assert state["lr"] == 0.01 and state["start"] == [-1.0, 2.0]


def test_build_main_window_uses_the_package_version(window, monkeypatch):
    # (the module's window is build_main_window's: no window of its own to build)
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(text=text))
    window.about_action.trigger()
    assert f"gdgui {__version__}" in shown["text"]


def test_messages_reach_the_status_bar(window):
    _descent(window)._controller.set_lr(0.02)
    assert "γ = 0.02" in window.statusBar().currentMessage()


def test_show_as_graph_opens_the_backprop_tab_at_the_current_point(window):
    controller = _descent(window)._controller
    controller.step()
    x, y = controller.frame.selected_point
    controller.request_graph()
    assert window.tabs.currentIndex() == 1
    graph = window.tabs.widget(1).controller.graph
    ids = graph.input_ids()
    assert (float(graph.values[ids["x"]]), float(graph.values[ids["y"]])) == (x, y)


@pytest.mark.parametrize("args, message", [
    (["--lr", "abc"], "gdgui: --lr: 'abc' is not a number"),
    (["--lr", "0"], "gdgui: --lr: 0 is outside the allowed range"),
    (["--start", "1;2"], "gdgui: --start: expected X,Y"),
    (["--function", "nope"], "gdgui: --function: unknown function 'nope'"),
    (["--expr", "x^2 + * y"], "gdgui: --expr: this is not a valid formula here"),
    (["--optimizer", "gd", "--optimizer", "sgd"], "gdgui: --optimizer: unknown optimizer 'sgd'"),
    (["--function", "easom", "--expr", "x"], "gdgui: --function and --expr: give one or the other"),
])
def test_bad_gui_options_exit_2_with_one_line_before_any_window(args, message, capsys, monkeypatch):
    monkeypatch.setattr(composition, "run", lambda options: pytest.fail("a window was opened"))
    assert app.main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_gui_options_accept_negative_starts_and_races(monkeypatch):
    seen = {}
    monkeypatch.setattr(composition, "run", lambda options: seen.update(options.descent_state) or 0)
    assert app.main(["--function", "himmelblau", "--optimizer", "gd,momentum", "--optimizer", "adam",
                     "--lr", "0.01", "--start", "-1,-2.5"]) == 0
    assert seen == {"function": "himmelblau", "optimizers": ["gd", "momentum", "adam"], "lr": 0.01,
                    "start": [-1.0, -2.5]}
    assert app.main(["--expr", "-x^2 + y^2", "--start", "-3,-3"]) == 0
    assert seen["expression"] == "-x^2 + y^2" and seen["function"] is None


def test_bad_options_load_no_qt(run_python):
    code = ("import sys\nfrom gdgui import app\nstatus = app.main(['--lr', 'x'])\n"
            "sys.exit(status if not [m for m in sys.modules if m.startswith('PySide6')] else 99)\n")
    result = run_python(code=code)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1


def test_the_app_keeps_qt_painting_on_its_own_thread(run_python, tmp_path):
    """Qt's raster thread pool is off in the app (``gui.serial_painting``): on 2 cores its hand-offs
    cost more than the fills they split. Checked in a real start (a screenshot) in a fresh process."""
    code = ("import os, sys\nos.environ.pop('QT_NO_GUI_THREADPOOL', None)\nfrom gdgui import app\n"
            "status = app.main(['--screenshot', 'shot.png'])\n"
            "print(status, os.environ.get('QT_NO_GUI_THREADPOOL'))\n")
    result = run_python(code=code)
    assert result.stdout.splitlines()[-1] == "0 1", result.stderr  # after the screenshot's own line
    assert (tmp_path / "shot.png").stat().st_size > 0
