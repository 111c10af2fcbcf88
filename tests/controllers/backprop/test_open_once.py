"""Opening a graph file reads it into a document once and plans its passes once; the state it
leaves is the one its own plain data gives back (undo and redo restore it exactly)."""

from gdgui.controllers.backprop import controller as controller_module
from gdgui.core.autodiff import passes
from gdgui.core.autodiff.graph_document import document_from_dict, document_to_dict
from gdgui.resources import resource_path


def _counting(monkeypatch, module, name) -> list:
    calls, original = [], getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kw: (calls.append(1), original(*args, **kw))[1])
    return calls


def test_opening_a_file_does_not_read_its_document_back_from_plain_data(qapp, monkeypatch):
    rebuilt = _counting(monkeypatch, controller_module, "document_from_dict")
    planned = _counting(monkeypatch, passes, "plan")
    controller = controller_module.GraphController()
    assert controller.open_file(resource_path("graphs", "05-fork.json"))
    assert rebuilt == []
    assert len(planned) == 1
    assert controller.walkthrough.cursor == len(controller.walkthrough.steps)


def test_the_opened_document_is_the_one_its_data_describes(qapp):
    controller = controller_module.GraphController()
    controller.open_file(resource_path("graphs", "05-fork.json"))
    opened, names = controller.state_dict(), dict(controller.names())
    assert document_to_dict(document_from_dict(opened)) == opened
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    assert controller.state_dict() == opened
    assert controller.names() == names
