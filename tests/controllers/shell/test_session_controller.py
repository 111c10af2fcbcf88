"""Sessions through the real tab controllers: save → open restores every field; bad files change nothing."""

import json

import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.session import SessionController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.files.session import FORMAT_NAME

CHANGED_DESCENT = {"function": None, "expression": "x^2 + 3*y^2", "domain": [-3.0, 3.0, -2.0, 2.0],
                   "optimizers": ["momentum", "adam"], "hyper": {"momentum": {"momentum": 0.8}, "adam": {"beta2": 0.99}},
                   "lr": 0.05, "start": [1.5, -1.0], "seed": 42, "particles": 1, "speed": 250,
                   "max_steps": 1234, "tol": 1e-5, "dataset": [[0.5, -1.0, 1], [1.0, 2.0, 0]]}


@pytest.fixture
def parts(qtbot):
    descent, graph, theme = DescentController(), GraphController(), ThemeController()
    session = SessionController(descent, graph, theme)
    yield session, descent, graph, theme
    descent.pause()
    QThreadPool.globalInstance().waitForDone(10_000)


def _customize(session, descent, graph, theme) -> None:
    descent.apply_state(CHANGED_DESCENT)
    graph.load_preset("05-fork.json")
    graph.set_input_value("a", "-3.5")
    theme.set_projector(True)
    session.set_current_tab(1)


def _state(session, descent, graph, theme) -> tuple:
    return descent.state_dict(), graph.state_dict(), theme.projector, session.snapshot().tab


def test_save_then_open_restores_every_field(parts, tmp_path):
    session, descent, graph, theme = parts
    _customize(*parts)
    saved_state = _state(*parts)
    path = tmp_path / "lesson.gdgui"
    assert session.save(path)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == FORMAT_NAME

    fresh = SessionController(DescentController(), GraphController(), ThemeController())
    requested = []
    fresh.tab_requested.connect(requested.append)
    assert fresh.open(path)
    assert _state(fresh, fresh._descent, fresh._graph, fresh._theme) == saved_state
    assert saved_state[0] == CHANGED_DESCENT and saved_state[2] is True and saved_state[3] == "backprop"
    assert requested == ["backprop"] and fresh.path == str(path)


def _bad_variants(good: dict) -> dict:
    def variant(change):
        data = json.loads(json.dumps(good))
        change(data)
        return json.dumps(data)

    return {
        "truncated": json.dumps(good)[: len(json.dumps(good)) // 2],
        "other version": variant(lambda d: d.update(version=99)),
        "γ out of range": variant(lambda d: d["descent"].update(lr=50)),
        "negative particles": variant(lambda d: d["descent"].update(particles=-4)),
        "unknown optimizer": variant(lambda d: d["descent"].update(optimizers=["sgd9000"])),
        "missing setting": variant(lambda d: d["descent"].pop("tol")),
        "unknown setting": variant(lambda d: d["descent"].update(colour="red")),
        "bad formula": variant(lambda d: d["descent"].update(expression="x^^2")),
        "start not a pair": variant(lambda d: d["descent"].update(start=[1])),
        "graph cycle": variant(lambda d: d["graph"]["nodes"][0].update(kind="op", op="neg", args=["n0"])),
        "bad tab": variant(lambda d: d["view"].update(tab="both")),
    }


def test_each_bad_file_is_refused_with_a_message_and_nothing_changes(parts, tmp_path):
    session, descent, graph, theme = parts
    _customize(*parts)
    good = tmp_path / "good.gdgui"
    session.save(good)
    descent.step(5)
    before, step_before, undo_before = _state(*parts), descent.frame.step, graph.undo_stack.count()
    messages = []
    session.failed.connect(messages.append)
    variants = _bad_variants(json.loads(good.read_text(encoding="utf-8")))
    for name, text in variants.items():
        path = tmp_path / f"{name}.gdgui"
        path.write_text(text, encoding="utf-8")
        assert not session.open(path), name
        assert messages[-1].startswith("Not opened:"), name
        assert _state(*parts) == before, name
        assert descent.frame.step == step_before and graph.undo_stack.count() == undo_before, name
    assert len(messages) == len(variants)
    assert session.path == str(good)


@pytest.mark.parametrize("message_part, change", [
    ("lr", lambda d: d["descent"].update(lr=50)),
    ("'tol' is missing", lambda d: d["descent"].pop("tol")),
    ("sgd9000", lambda d: d["descent"].update(optimizers=["sgd9000"])),
])
def test_refusals_name_the_field(parts, tmp_path, message_part, change):
    session = parts[0]
    good = tmp_path / "good.gdgui"
    session.save(good)
    data = json.loads(good.read_text(encoding="utf-8"))
    change(data)
    good.write_text(json.dumps(data), encoding="utf-8")
    messages = []
    session.failed.connect(messages.append)
    session.open(good)
    assert message_part in messages[-1] and "descent" in messages[-1]


def test_a_failed_save_reports_and_keeps_the_path(parts, tmp_path):
    session = parts[0]
    messages = []
    session.failed.connect(messages.append)
    assert not session.save(tmp_path / "no-such-folder" / "x.gdgui")
    assert messages and messages[0].startswith("Not saved:") and session.path is None
