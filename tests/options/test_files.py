"""Files named on the command line (FILE.gdgui, --graph FILE, --deck FILE) are checked before any
window: a hostile one exits 2 with one line "gdgui: Not opened: <file>: <reason>", never a traceback.

The whole corpus goes through ``app.main(argv)`` in this process (a refusal returns before Qt is
imported); a handful of real processes check the same through main.py and --screenshot.
"""

from pathlib import Path

import pytest
from PIL import Image

from gdgui import app
from gdgui.options.files import checked_deck_slides, checked_graph
from tests.hostile_files import CORPUS, FORMULAS, deck, write_case, write_json

MAIN_SCRIPT = str(Path(__file__).resolve().parents[2] / "main.py")


def _argv(kind: str, path: Path) -> list[str]:
    return {"session": [str(path)], "graph": ["--graph", str(path)], "deck": ["--deck", str(path)]}[kind]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_hostile_file_on_the_command_line_exits_2_with_one_line(tmp_path, capsys, name):
    kind, path = write_case(tmp_path, name)
    assert app.main([*_argv(kind, path), "--screenshot", str(tmp_path / "out.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gdgui: Not opened: {path.name}") and err.count("\n") == 1, err
    assert "Traceback" not in err and not (tmp_path / "out.png").exists()


@pytest.mark.parametrize("argv, expected", [
    (["--graph", "no-such-graph.json"], "gdgui: --graph: there is no graph file or preset called 'no-such-graph.json'"),
    (["--graph", "neuron.py"], "gdgui: --graph: there is no graph file or preset called 'neuron.py'"),
    (["--graph", "fork"], "gdgui: --graph: 'fork' is no graph file or preset, nor a formula or program (a formula"),
    (["--graph", "x*("], "gdgui: --graph: 'x*(' is no graph file or preset, nor a formula or program (column 3: "),
    (["--graph", "../graphs/05-fork.json"], "gdgui: --graph: there is no graph file or preset"),
    (["--deck", "missing.json"], "gdgui: Not opened: cannot read missing.json"),
    (["missing.gdgui"], "gdgui: Not opened: cannot read missing.gdgui"),
])
def test_a_missing_file_or_preset_exits_2_with_one_line(tmp_path, capsys, monkeypatch, argv, expected):
    monkeypatch.chdir(tmp_path)
    assert app.main([*argv, "--screenshot", "out.png"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected) and err.count("\n") == 1, err


def test_slide_counts_in_the_deck_given(tmp_path, capsys):
    path = write_json(tmp_path / "three.json", deck({"caption": "two"}, {"caption": "three"}))
    assert checked_deck_slides(str(path)) == 3
    assert app.main(["--deck", str(path), "--slide", "4", "--screenshot", "x.png"]) == 2
    assert "--slide: 4 is outside the allowed range 1 … 3" in capsys.readouterr().err


def test_presets_and_graph_files_pass_the_check(tmp_path):
    assert checked_graph("05-fork") == "05-fork" and checked_graph("05-fork.json") == "05-fork.json"


def test_a_formula_typed_after_graph_passes_the_check_as_the_help_says():
    """The help says "or a formula or program typed here"; a formula was refused as a missing preset."""
    formula = "(x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)"
    assert checked_graph(formula) == formula and checked_graph("x*y") == "x*y"


# ----- a handful of real processes (each costs about 1.5 s) ---------------------------------------

@pytest.mark.parametrize("name", ["session optimizers nested list", "graph input named lambda",
                                  "deck slide domain too wide"])
def test_main_py_refuses_a_hostile_file_before_any_window(run_python, tmp_path, name):
    kind, path = write_case(tmp_path, name)
    result = run_python(MAIN_SCRIPT, *_argv(kind, path), "--screenshot", "out.png")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"gdgui: Not opened: {path.name}: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and not (tmp_path / "out.png").exists()


def test_main_py_deck_slide_screenshot_renders_the_slide(run_python, tmp_path):
    path = write_json(tmp_path / "lecture.json", deck({"caption": "Adam on Rosenbrock",
                                                       "descent": {"function": "rosenbrock"}}))
    result = run_python(MAIN_SCRIPT, "--deck", str(path), "--slide", "2", "--screenshot", "out.png")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    with Image.open(tmp_path / "out.png") as image:
        assert image.format == "PNG"


def test_main_py_opens_a_session_whose_formula_divides_by_zero(run_python, tmp_path):
    _, path = write_case(tmp_path, "session x/0", FORMULAS)
    result = run_python(MAIN_SCRIPT, str(path), "--steps", "5", "--screenshot", "out.png")
    assert "Traceback" not in result.stderr and result.returncode in (0, 2), result.stderr
    assert result.returncode == 0 or result.stderr.startswith(f"gdgui: Not opened: {path.name}: ")


def test_graph_takes_a_program_file_or_a_programs_text(tmp_path, capsys):
    from tests.micrograd_programs import NEURON

    path = tmp_path / "neuron.py"
    path.write_text(NEURON, encoding="utf-8")
    assert checked_graph(str(path)) == str(path) and checked_graph("a = 2.0; b = a * a") == "a = 2.0; b = a * a"
    (tmp_path / "bad.py").write_text("a = 2\nb = a.data\n", encoding="utf-8")
    assert app.main(["--graph", str(tmp_path / "bad.py"), "--screenshot", str(tmp_path / "out.png")]) == 2
    err = capsys.readouterr().err
    assert "line 2, column 5: attribute access" in err and err.count("\n") == 1 and "Traceback" not in err
    assert app.main(["--graph", "a = 2; b = a ! 1", "--screenshot", str(tmp_path / "out.png")]) == 2
    assert "line 1, column 14" in capsys.readouterr().err and not (tmp_path / "out.png").exists()
