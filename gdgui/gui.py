"""Composition root: builds the QApplication, the controllers and the main window, and wires them.

Only this module constructs the object graph; every other class receives what it needs in
``__init__``. :mod:`gdgui.app` reads argv and calls :func:`run`.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# PySide6 first, so pyqtgraph (imported by the views) binds to it and not another Qt binding.
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QWidget

from gdgui import APP_NAME, __version__
from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.deck import DeckController
from gdgui.controllers.shell.preferences import Preferences
from gdgui.controllers.shell.session import SessionController
from gdgui.controllers.shell.theme import NORMAL, ThemeController
from gdgui.options.classroom import apply_startup
from gdgui.views.backprop.tab import BackpropTab
from gdgui.views.descent.tab import DescentTab
from gdgui.views.shell.crash_dialog import CrashReporter
from gdgui.views.shell.deck_banner import DeckBanner, DeckKeys
from gdgui.views.shell.edit_menu import EditMenu
from gdgui.views.shell.export_menu import ExportMenu
from gdgui.views.shell.field_keys import FieldKeys
from gdgui.views.shell.look import apply_look, style_sheet
from gdgui.views.shell.main_window import MainWindow
from gdgui.views.shell.screenshot import lay_out, save_screenshot
from gdgui.views.shell.scripts.script_exports import ScriptExports
from gdgui.views.shell.session_menu import SessionMenu

# Readable from the back of a classroom; projector mode enlarges it further.
MIN_FONT_POINT_SIZE = 11.0


def run(options: argparse.Namespace) -> int:
    """Build the window for the checked ``options`` (see :mod:`gdgui.app`) and run it, or take its screenshot."""
    startup = options.startup
    if startup.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # any size, no display, nothing flashes on screen
    app = _create_application()
    _install_crash_reporter(app)
    interactive = startup.screenshot is None
    gui = build_gui(graph=options.graph, descent_state=options.descent_state, remember=interactive,
                    warn=interactive)
    gc.freeze()  # what startup made lives as long as the window: no later collection looks at it again
    if not interactive:
        return _screenshot(gui, startup)
    gui.window.show()
    gui.window.activateWindow()  # take the keyboard (Space, arrows...) even where no window manager gives it
    apply_startup(gui, startup)
    return app.exec()


def _screenshot(gui: Gui, startup) -> int:
    lay_out(gui.window, startup.size)
    gui.graph.layouts.wait()  # a big --graph is laid out on a worker: the picture needs its positions
    error = apply_startup(gui, startup)
    if error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    try:
        width, height = save_screenshot(gui.window, startup.screenshot)
    except OSError as failure:
        print(f"{APP_NAME}: --screenshot: {failure}", file=sys.stderr)
        return 1
    print(f"{startup.screenshot}: {width}x{height}")
    if startup.size and (width, height) != startup.size:
        print(f"{APP_NAME}: the window cannot be smaller than {width}x{height}; "
              f"--size {startup.size[0]}x{startup.size[1]} was enlarged", file=sys.stderr)
    return 0


def _install_crash_reporter(app: QApplication) -> None:
    """Exceptions in slots: logged, shown, survived (see views/crash_dialog.py)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    reporter = CrashReporter(Path(folder) if folder else None, app)
    reporter.install()


def serial_painting() -> None:
    """Keep Qt's raster painting on the GUI thread. Qt hands a fill or an image copy of more than ~32,000
    pixels to a thread pool of its own and waits for it: on a 2-core laptop the hand-offs cost more than
    the fills (28–72 context switches a played frame; frames 1–2 ms slower, measured for issue 15).
    QT_NO_GUI_THREADPOOL, set to anything, switches the pool off; Qt reads it when the pool is first wanted."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def _create_application() -> QApplication:
    serial_painting()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    configure_appearance(app)
    return app


def configure_appearance(app: QApplication) -> None:
    """Apply gdgui's stylesheet and a readable base font to the application."""
    # The font is set here, not in the stylesheet, so projector mode can still enlarge it.
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), MIN_FONT_POINT_SIZE))
    app.setFont(font)
    app.setStyleSheet(style_sheet())


@dataclass(frozen=True)
class Gui:
    """The window and the controllers behind it (for start-up options, tests and benchmarks)."""

    window: Any
    theme: Any
    descent: Any
    graph: Any
    session: Any
    deck: Any
    preferences: Any


def build_main_window(graph: str | None = None, descent_state: dict | None = None) -> MainWindow:
    """The main window of ``build_gui`` (same arguments)."""
    return build_gui(graph, descent_state).window


def build_gui(graph: str | None = None, descent_state: dict | None = None, *, settings=None,
              remember: bool = True, warn: bool = True) -> Gui:
    """Construct the window with its tabs, menus and classroom tools.

    ``graph``: a graph file or a preset's file name to open on the Backprop tab.
    ``descent_state``: Descent-tab settings to start with (already validated by ``main``).
    ``settings``: the QSettings store (default: the user's); ``remember``: restore and save the
    window's geometry and look there; ``warn``: refused files also show a message box.
    """
    theme = ThemeController()
    _connect_look(theme)  # before the tabs connect theirs: the app-wide look is the base they adjust
    descent_controller = DescentController()
    if descent_state:
        descent_controller.apply_state(descent_state)
        descent_controller.undo_stack.clear()  # the settings it opens with are no step to undo
    graph_controller = GraphController(laptop=NORMAL)  # layouts measured at the laptop theme's sizes
    descent_tab = DescentTab(descent_controller, theme)
    backprop_tab = BackpropTab(graph_controller, theme)
    window = MainWindow(descent_tab=descent_tab, backprop_tab=backprop_tab, version=__version__)
    descent_tab.panels_folded.connect(window.show_folded_panels)  # a narrow window folded a panel away
    _connect_descent(window, descent_controller, graph_controller, backprop_tab)
    if graph is not None:
        graph_controller.open_graph_argument(graph)
        window.tabs.setCurrentWidget(backprop_tab)
    parts = _build_classroom(window, theme, descent_controller, graph_controller, backprop_tab, settings, warn)
    if remember:
        _remember(window, theme, parts.preferences)
    return parts


def _connect_descent(window, descent_controller, graph_controller, backprop_tab) -> None:
    """Descent's messages go to the status bar; "Show as graph" opens f in the Backprop tab."""
    descent_controller.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def show_as_graph(formula: str, values: dict) -> None:
        graph_controller.show_expression(formula, values)
        window.tabs.setCurrentWidget(backprop_tab)

    descent_controller.graph_requested.connect(show_as_graph)

    def show_sample_graph(document: dict) -> None:  # the neuron-loss map's Ctrl+G: one sample's loss
        graph_controller.apply_state(document, solved=False)
        window.tabs.setCurrentWidget(backprop_tab)

    descent_controller.sample_graph_requested.connect(show_sample_graph)


def _build_classroom(window, theme, descent, graph, backprop_tab, settings, warn: bool) -> Gui:
    """Sessions, the deck, exports, projector mode and the keys that go with them."""
    preferences = Preferences(settings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                                    APP_NAME, APP_NAME), window)
    session = SessionController(descent, graph, theme, window)
    deck = DeckController(session, window)
    SessionMenu(window, session, deck, preferences, warn=warn)
    ExportMenu(window, _plots(window), backprop_tab.scene, descent, preferences)
    ScriptExports(window, graph, descent, preferences)
    EditMenu(window, [descent.undo_stack, graph.undo_stack])  # in the order of the tabs
    window.add_banner(DeckBanner(deck, theme))
    deck.opened_changed.connect(window.set_banner_visible)
    DeckKeys(deck, window)
    descent_tab = window.tabs.widget(0)
    fields = FieldKeys(window, {descent_tab: descent_tab.contour_view.plot_widget, backprop_tab: backprop_tab.view})
    deck.slide_changed.connect(fields.revert_focused)
    session.opened.connect(fields.revert_focused)
    window.tabs.currentChanged.connect(session.set_current_tab)
    session.set_current_tab(window.tabs.currentIndex())
    _connect_projector(window, theme)
    return Gui(window, theme, descent, graph, session, deck, preferences)


def _plots(window) -> list:
    """The exportable plots, by their object names (docs/ARCHITECTURE.md); the first one is recorded as GIF."""
    names = (("Contour map", "contourPlot"), ("Loss plot", "lossPlot"), ("Gradient-norm plot", "gradNormPlot"),
             ("Learning-rate sweep", "lrPlot"))
    found = [(title, window.findChild(QWidget, name)) for title, name in names]
    return [(title, plot) for title, plot in found if plot is not None]


def _connect_look(theme) -> None:
    apply_look(QApplication.instance(), theme)
    theme.changed.connect(lambda: apply_look(QApplication.instance(), theme))


def _connect_projector(window, theme) -> None:
    window.projector_action.toggled.connect(theme.set_projector)
    theme.changed.connect(lambda: window.projector_action.setChecked(theme.projector))


def _remember(window, theme, preferences) -> None:
    """Restore the last geometry and look; store them when the window closes."""
    geometry = preferences.geometry()
    if geometry is not None:
        window.restoreGeometry(geometry)
    theme.set_projector(preferences.projector())

    def store() -> None:
        preferences.set_geometry(window.saveGeometry())
        preferences.set_projector(theme.projector)
        preferences.sync()

    window.closing.connect(store)
