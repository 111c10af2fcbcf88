"""The house rules of docs/ARCHITECTURE.md: layers, rooms, no cycles, small folders.

The import-linter contracts live in pyproject.toml; these tests run them, and check what
import-linter cannot: module-level cycles, Qt submodules, what gets loaded at run time.
"""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

import gdgui

PACKAGE_DIR = Path(gdgui.__file__).resolve().parent
QT_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2")

LOADED_QT_MODULES = """
import importlib, json, pkgutil, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if name == "gdgui.core":
        for info in pkgutil.walk_packages(sys.modules[name].__path__, "gdgui.core."):
            importlib.import_module(info.name)
print(json.dumps(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))
""".format(prefixes=QT_PREFIXES)


def _qt_modules_loaded_by(run_python, *modules: str) -> list[str]:
    result = run_python(*modules, code=LOADED_QT_MODULES)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_core_and_cli_load_no_qt(run_python):
    assert _qt_modules_loaded_by(run_python, "gdgui.core", "gdgui.cli.commands", "gdgui.options.classroom",
                                 "gdgui.options.descent") == []


def test_importing_the_app_module_loads_no_qt(run_python):
    assert _qt_modules_loaded_by(run_python, "gdgui.app") == []


def _imported_modules(source_file: Path) -> set[str]:
    tree = ast.parse(source_file.read_text(encoding="utf-8"), filename=str(source_file))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _offending_imports(folder: str, is_forbidden) -> dict[str, list[str]]:
    sources = sorted((PACKAGE_DIR / folder).rglob("*.py"))
    assert sources, f"no sources found under gdgui/{folder}"
    offences = {}
    for source in sources:
        bad = sorted(name for name in _imported_modules(source) if is_forbidden(name))
        if bad:
            offences[str(source.relative_to(PACKAGE_DIR))] = bad
    return offences


def test_controllers_import_no_widgets_and_no_pyqtgraph():
    def forbidden(name):
        return "QtWidgets" in name.split(".") or name.split(".")[0] == "pyqtgraph"

    assert _offending_imports("controllers", forbidden) == {}


def test_core_sources_import_no_qt():
    assert _offending_imports("core", lambda name: name.startswith(QT_PREFIXES)) == {}


def _beyond_numpy_and_stdlib(name: str) -> bool:
    top = name.split(".")[0]
    return top not in sys.stdlib_module_names and top not in ("numpy", "gdgui", "__future__")


# The one exception, and where it may live: Graphviz's layout (a wheel with no Qt) in the layout engine.
LAYOUT_ENGINE = "core/autodiff/layout/dot_layout.py"


def test_core_sources_import_only_numpy_and_the_standard_library():
    """docs/ARCHITECTURE.md: core is NumPy + standard library only (contourpy, for one, lives in controllers),
    but for pygraphviz in the one module that runs Graphviz's dot."""
    offending = _offending_imports("core", _beyond_numpy_and_stdlib)
    engine = [name for name in offending.pop(LAYOUT_ENGINE, []) if name.split(".")[0] != "pygraphviz"]
    assert offending == {} and engine == []


def test_the_import_checker_sees_widget_imports(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text("from PySide6 import QtWidgets\nimport pyqtgraph as pg\nimport contourpy\n", encoding="utf-8")
    assert {"PySide6.QtWidgets", "pyqtgraph"} <= _imported_modules(source)
    assert {name for name in _imported_modules(source) if _beyond_numpy_and_stdlib(name)} >= {"contourpy"}


# ----- import-linter contracts (pyproject.toml) -------------------------------------------------

REPO_ROOT = PACKAGE_DIR.parent
MAX_MODULES_PER_FOLDER = 15


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    script = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", script, "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(pythonpath), "PATH": "", "LANG": "C.UTF-8"}, timeout=120)


def test_every_import_linter_contract_is_kept():
    result = _lint_imports(REPO_ROOT, REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_view_importing_the_cli_breaks_a_contract(tmp_path):
    """The contracts can fail: a copy of the package with one wrong-way import is refused."""
    shutil.copytree(PACKAGE_DIR, tmp_path / "gdgui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "gdgui" / "views" / "shell" / "wrong_way.py").write_text("from gdgui.cli import commands\n")
    result = _lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Views import no CLI module BROKEN" in " ".join(result.stdout.split())


# ----- cycles and folder sizes --------------------------------------------------------------------

def _cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected components of more than one module (iterative Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_module_of_gdgui_is_in_an_import_cycle():
    """Imports inside functions count: grimp reads every import statement of a module."""
    assert _cycles(grimp.build_graph("gdgui", cache_dir=None)) == []


def test_the_cycle_finder_finds_a_cycle_made_by_an_import_inside_a_function(tmp_path, monkeypatch):
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loopy import b\n")
    (package / "b.py").write_text("def later():\n    from loopy import a\n")
    (package / "c.py").write_text("from loopy import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles(grimp.build_graph("loopy", cache_dir=None)) == [{"loopy.a", "loopy.b"}]


def test_no_folder_of_gdgui_holds_more_than_15_modules():
    sizes = {str(folder.relative_to(PACKAGE_DIR.parent)): len(list(folder.glob("*.py")))
             for folder in [PACKAGE_DIR, *PACKAGE_DIR.rglob("*")] if folder.is_dir() and folder.name != "__pycache__"}
    assert {folder: n for folder, n in sizes.items() if n > MAX_MODULES_PER_FOLDER} == {}
    assert sizes["gdgui/core/autodiff"] > 3  # the glob sees the modules


# pygraphviz loaded before PySide6.QtGui makes QApplication crash under a real X display (seen with
# pygraphviz 2.0.4 and PySide6 6.10): everything before the window must leave Graphviz unloaded, and
# the composition root must load Qt's GUI module first.
GRAPHVIZ_AFTER_QT = """
import sys
from gdgui import app
from gdgui.options.arguments import protect_dash_values
from gdgui.options.classroom import startup_from
from gdgui.options.descent import descent_state
parser = app._gui_parser()
args = ["--graph", "05-fork", "--expr", "x^2 + 2*y^2", "--tab", "backprop"]
options = parser.parse_args(protect_dash_values(args, parser))
descent_state(options), startup_from(options)
before_window = "pygraphviz" in sys.modules
import gdgui.gui
loaded = list(sys.modules)
print(before_window, loaded.index("PySide6.QtGui") < loaded.index("pygraphviz"))
"""


def test_graphviz_is_loaded_only_after_qts_gui_module(run_python):
    result = run_python(code=GRAPHVIZ_AFTER_QT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
