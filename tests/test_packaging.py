"""A wheel holds the packages pyproject.toml names and no others: every package of gdgui/ must be named.
Sixteen were not (the layout engines, program parsing, codegen, the map's items, …): an editable install
ran, and a wheel of the same source failed at its first import."""

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11 and newer

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_names_every_package_of_gdgui_and_only_those():
    named = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "gdgui").rglob("__init__.py")}
    assert sorted(found - named) == []
    assert named - found == {"gdgui._resources"}  # resources/, installed under that name (package-dir)
