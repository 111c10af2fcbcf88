"""The whole app, built as app.py builds it, with settings in a throw-away file.

Building the app is what the view tests spend most of their time on, so the whole run shares one
window: ``gui`` hands every test that window put back into the state of a freshly built app (and
checks that it is, so a test that leaves something behind fails loudly instead of changing what the
next test sees, in its own module or another). ``fresh_gui`` builds a new app for the tests that
need a first start.
"""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from gdgui import gui as composition
from gdgui.controllers.backprop.controller import GraphController
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.shell.keys_sheet import KeysSheet
from tests.views.helpers import shown_backprop_tab

WINDOW_SIZE = (1400, 900)
_BACKGROUND_WAIT_MS = 30_000


def show_active(qtbot, widget):
    """Show ``widget`` exposed (its window drawn on the screen, so a grab or a paint is real) and as
    the active window, so the keys a test types reach it. (``waitExposed`` waits only as a ``with``.)"""
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


@pytest.fixture
def activate(qtbot):
    """``activate(widget)``: show_active for a test's own widget."""
    return lambda widget: show_active(qtbot, widget)


def _build(settings_path):
    """The app as app.py builds it, settings in ``settings_path``, no message boxes, not yet shown."""
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    parts = composition.build_gui(settings=settings, remember=False, warn=False)
    parts.window.resize(*WINDOW_SIZE)
    return parts, settings


def _quiesce(parts) -> None:
    """No playback, no deck, no background job still running (a minima search nobody waits for is
    cancelled, not finished)."""
    parts.descent.pause()
    parts.deck.close()
    parts.descent.minima_search.cancel()
    QThreadPool.globalInstance().waitForDone(_BACKGROUND_WAIT_MS)


@pytest.fixture
def lone_backprop_tab(qtbot):
    """A Backprop tab of its own (``helpers.shown_backprop_tab``); afterwards a layout still running on
    the worker is cancelled and waited for, so it cannot land in the next test."""
    tab = shown_backprop_tab(qtbot)
    yield tab
    tab.controller.cancel_layout()
    QThreadPool.globalInstance().waitForDone(_BACKGROUND_WAIT_MS)


@pytest.fixture
def fresh_gui(qtbot, tmp_path):
    """A newly built app of its own, shown and active; for tests of what a first start does."""
    parts, _ = _build(tmp_path / "settings.ini")
    qtbot.addWidget(parts.window)
    show_active(qtbot, parts.window)
    yield parts
    _quiesce(parts)


def observable_state(parts) -> dict:
    """What a user can see or will meet next, in both tabs and the window around them."""
    window, descent, graph = parts.window, parts.descent, parts.graph
    descent_tab, backprop_tab = window.tabs.widget(0), window.tabs.widget(1)
    keys_sheet = window.findChild(KeysSheet)
    focus = QApplication.focusWidget()
    return {
        "descent": descent.state_dict(), "step": (descent.frame.step, descent.frame.latest),
        "playing": descent.playing, "selected": descent.selected_optimizer, "log colours": descent.map_data.log,
        "basins": descent.analysis.basins_shown, "equal axes": descent_tab.contour_view.aspect_button.isChecked(),
        "graph": graph.state_dict(), "cursor": graph.walkthrough.cursor if graph.walkthrough else None,
        "undo": (graph.undo_stack.count(), graph.undo_stack.index()), "digits": graph.digits,
        "descent undo": (descent.undo_stack.count(), descent.undo_stack.index()),
        "projector": parts.theme.projector, "projector action": window.projector_action.isChecked(),
        "deck banner": window.banner.isVisible(),
        "tab": window.tabs.currentIndex(), "size": (window.width(), window.height()),
        "full screen": window.isFullScreen(), "blank": window.blank_overlay.isVisible(),
        "pointer ring": window.cursor_ring.isVisible(),
        "practice": (graph.practice.active, descent.practice.active),
        "keys sheet": keys_sheet is not None and keys_sheet.isVisible(),
        "side panels": (window.side_panels_action.isChecked(), descent_tab.sidebar.isVisible(),
                        descent_tab.side_tabs.isVisible(), backprop_tab.side_panels_shown()),
        "session": parts.session.path, "recent": parts.preferences.recent_files(),
        "recent menu": window.recent_menu.isEnabled(), "status bar": window.statusBar().currentMessage(),
        "focus": type(focus).__name__ + "#" + (focus.objectName() if focus is not None else ""),
    }


def reset_app(qtbot, parts, settings) -> None:
    """Put a shared app back as a fresh build leaves it, through what the controllers and actions offer."""
    window = parts.window
    _quiesce(parts)
    sheet = window.findChild(KeysSheet)
    if sheet is not None:
        sheet.close()
    if window.full_screen_action.isChecked() or window.isFullScreen():
        window.full_screen_action.setChecked(False)
        window.showNormal()
        qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    window.blank_action.setChecked(False)
    window.highlight_action.setChecked(False)
    parts.theme.set_projector(False)
    # The Descent tab: default settings, a new run at step 0, no basin map or sweep.
    parts.descent.practice.set_active(False)
    parts.descent.set_basins_shown(False)
    parts.descent.analysis.clear_sweep()
    parts.descent.apply_state(DescentSettings().to_dict())
    parts.descent.select_optimizer(DescentSettings().optimizers[0])
    parts.descent.reset()
    parts.descent.undo_stack.clear()
    # The Backprop tab: an empty graph and nothing to undo.
    parts.graph.set_digits(GraphController().digits)
    parts.graph.apply_state(GraphController().state_dict())
    parts.graph.undo_stack.clear()
    # The session and the remembered files.
    parts.session.path = None
    for path in parts.preferences.recent_files():
        parts.preferences.forget_recent(path)
    settings.clear()
    # The window: first tab, its size, the width shared out afresh, keys on the map.
    window.tabs.setCurrentIndex(0)
    window.resize(*WINDOW_SIZE)
    window.tabs.widget(0).set_side_panels_shown(True)
    window.tabs.widget(1).set_side_panels_shown(True)
    window.side_panels_action.setChecked(True)
    window.statusBar().clearMessage()
    window.tabs.widget(0).contour_view.plot_widget.setFocus()


@pytest.fixture(scope="session")
def shared_app(qapp, tmp_path_factory):
    """The run's app, built when a test first asks for it. Built without qtbot (function-scoped);
    closed and deleted at the run's end."""
    parts, settings = _build(tmp_path_factory.mktemp("settings") / "settings.ini")
    holder = {"parts": parts, "settings": settings, "baseline": None}
    yield holder
    _quiesce(parts)
    parts.window.close()
    parts.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def gui(qtbot, shared_app):
    """The run's app as freshly built, shown and active (keys reach it): quadratic γ = 0.1 from
    (-4, 3.5), the Descent tab, no message boxes. Fails if it cannot be put back as it was built."""
    parts = shared_app["parts"]
    if shared_app["baseline"] is None:
        show_active(qtbot, parts.window)
        shared_app["baseline"] = observable_state(parts)
    else:
        reset_app(qtbot, parts, shared_app["settings"])
        show_active(qtbot, parts.window)
        QCoreApplication.processEvents()
        assert observable_state(parts) == shared_app["baseline"], "the shared app did not reset"
    yield parts
    _quiesce(parts)
