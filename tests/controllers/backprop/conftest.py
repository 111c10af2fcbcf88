"""Fixtures of the Backprop controller's tests."""

import pytest

from gdgui.controllers.backprop.controller import GraphController


@pytest.fixture
def controller(qtbot):
    """A graph controller with its defaults whose status messages are kept in ``messages``
    (a module that needs more sets it up in a fixture of its own of the same name)."""
    graph_controller = GraphController()
    graph_controller.messages = []
    graph_controller.message.connect(graph_controller.messages.append)
    return graph_controller
