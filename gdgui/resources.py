"""Locate the files under resources/ (presets, decks, stylesheets, the function catalog).

No Qt here: the headless sub-commands read resources too. JSON resources are read by
``gdgui.core.json_files.read_json``, like every other JSON file.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# A wheel installs resources/ as gdgui/_resources/ (see pyproject.toml); a source
# checkout or an editable install keeps it beside the package, at the repository root.
_CANDIDATE_ROOTS = (_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources")


def resource_root() -> Path:
    """The absolute folder that holds the resources, whatever the working directory."""
    for root in _CANDIDATE_ROOTS:
        if root.is_dir():
            return root
    searched = ", ".join(str(root) for root in _CANDIDATE_ROOTS)
    raise FileNotFoundError(f"gdgui resources folder not found (looked in {searched})")


def resource_path(*parts: str) -> Path:
    """Absolute path of a resource, e.g. ``resource_path("styles", "app.qss")``.

    Raises FileNotFoundError naming the path when the resource does not exist.
    """
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"gdgui resource not found: {path}")
    return path


def read_text(*parts: str) -> str:
    """The UTF-8 text of a resource file."""
    return resource_path(*parts).read_text(encoding="utf-8")

