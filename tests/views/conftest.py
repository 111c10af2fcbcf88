"""The whole app, built as app.py builds it, with settings in a throw-away file."""

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from gdgui import gui as composition


def show_active(qtbot, widget):
    """Show ``widget`` as the active window, so the keys a test types reach it."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


@pytest.fixture
def activate(qtbot):
    """``activate(widget)``: show_active for a test's own widget."""
    return lambda widget: show_active(qtbot, widget)


@pytest.fixture
def gui(qtbot, tmp_path):
    """The app shown and active (keys reach it), quadratic γ = 0.1 from (-4, 3.5); no message boxes."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    parts = composition.build_gui(settings=settings, remember=False, warn=False)
    window = parts.window
    qtbot.addWidget(window)
    window.resize(1400, 900)
    show_active(qtbot, window)
    yield parts
    parts.descent.pause()
    parts.deck.close()
    QThreadPool.globalInstance().waitForDone(30_000)
