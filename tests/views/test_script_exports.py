"""File ▸ Export ▸ Graph as Python and Run as NumPy script: the menu writes scripts that run and
print what the app computes."""

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from gdgui.views.shell.scripts.script_exports import GRAPH_SCRIPT_ACTIONS, ScriptExports


def _answer_save_dialog(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


def _run(path, *args) -> str:
    return subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def test_the_export_menu_offers_the_graph_as_python_and_the_run_as_numpy(gui):
    texts = [a.text() for a in gui.window.export_menu.actions() if not a.isSeparator()]
    assert {"Run as NumPy script…", "Graph as Python"} <= set(texts)
    exports = gui.window.findChild(ScriptExports)
    assert [a.text() for a in exports.graph_menu.actions()] == [text for text, _ in GRAPH_SCRIPT_ACTIONS.values()]


@pytest.mark.parametrize("preset", ["04-sigmoid-neuron.json", "05-fork.json"])
def test_the_micrograd_action_writes_a_script_that_prints_the_tab_s_gradients(gui, monkeypatch, tmp_path, preset):
    gui.graph.load_preset(preset)
    _answer_save_dialog(monkeypatch, tmp_path / "graph")  # the suffix is added
    gui.window.findChild(ScriptExports).graph_actions["micrograd"].trigger()
    path = tmp_path / "graph.py"
    assert gui.window.statusBar().currentMessage() == f"Exported {path}"
    printed = {name: float(grad) for name, grad in (line.split() for line in _run(path).splitlines())}
    graph = gui.graph.graph
    expected = {name: float(graph.grads[node_id]) for name, node_id in graph.input_ids().items()}
    assert printed == pytest.approx(expected, rel=1e-9, abs=1e-12)
    names = gui.graph.names()
    assert all(f"\n{names[n]} = " in path.read_text(encoding="utf-8")
               for n, node in graph.nodes.items() if node.kind == "op")  # the names the tab shows
    gui.graph.undo_stack.clear()


def test_an_unfinished_graph_is_not_written_and_the_status_bar_says_why(gui, monkeypatch, tmp_path):
    if gui.graph.graph.nodes:
        gui.graph.clear_graph()
    _answer_save_dialog(monkeypatch, tmp_path / "empty.py")
    gui.window.findChild(ScriptExports).graph_actions["pytorch"].trigger()
    assert gui.window.statusBar().currentMessage().startswith("The graph cannot be written as code yet:")
    assert not (tmp_path / "empty.py").exists()
    gui.graph.undo_stack.clear()


def test_the_pytorch_and_program_actions_write_python(gui, monkeypatch, tmp_path):
    gui.graph.load_preset("03-cs231n-simple.json")
    for fmt in ("pytorch", "program"):
        _answer_save_dialog(monkeypatch, tmp_path / f"{fmt}.py")
        gui.window.findChild(ScriptExports).graph_actions[fmt].trigger()
        compile((tmp_path / f"{fmt}.py").read_text(encoding="utf-8"), f"{fmt}.py", "exec")
    gui.graph.undo_stack.clear()


def test_the_run_as_numpy_script_retraces_the_tab_s_run(gui, monkeypatch, tmp_path):
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["momentum", "adam"], "lr": 0.01,
                             "start": [-1, 2]})
    gui.descent.step(40)
    _answer_save_dialog(monkeypatch, tmp_path / "run.py")
    gui.window.findChild(ScriptExports).run_action.trigger()
    run = gui.descent.record.run
    for line in _run(tmp_path / "run.py", "--trajectory").splitlines():
        particle, _, step, x, y = line.split()
        np.testing.assert_allclose([float(x), float(y)], run.trajectory(int(particle))[int(step), :2],
                                   rtol=1e-12, atol=1e-12)
    assert gui.window.statusBar().currentMessage() == f"Exported {tmp_path / 'run.py'}"
