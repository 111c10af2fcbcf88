"""Fixtures of the Descent controller's tests."""

import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController


@pytest.fixture
def controller(qtbot):
    """A Descent controller with its defaults, paused and its worker jobs ended afterwards
    (a module that needs more sets it up in a fixture of its own of the same name)."""
    descent = DescentController()
    yield descent
    descent.pause()
    descent.minima_search.cancel()  # a search of a typed formula the test did not wait for
    QThreadPool.globalInstance().waitForDone(10_000)
