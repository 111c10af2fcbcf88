"""Layering rules of DESIGN.md: core and cli load no Qt; controllers use no widgets or pyqtgraph."""

import ast
import json
import sys
from pathlib import Path

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
    assert _qt_modules_loaded_by(run_python, "gdgui.core", "gdgui.cli") == []


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


def test_core_sources_import_only_numpy_and_the_standard_library():
    """DESIGN.md: core is NumPy + standard library only (contourpy, for one, lives in controllers)."""
    assert _offending_imports("core", _beyond_numpy_and_stdlib) == {}


def test_the_import_checker_sees_widget_imports(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text("from PySide6 import QtWidgets\nimport pyqtgraph as pg\nimport contourpy\n", encoding="utf-8")
    assert {"PySide6.QtWidgets", "pyqtgraph"} <= _imported_modules(source)
    assert {name for name in _imported_modules(source) if _beyond_numpy_and_stdlib(name)} >= {"contourpy"}
