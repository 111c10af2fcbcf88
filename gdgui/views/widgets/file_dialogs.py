"""File dialogs that start in the last folder used and add the expected suffix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

__all__ = ["ask_save_path", "ask_open_path"]


def ask_save_path(parent: QWidget, title: str, preferences, name: str, file_filter: str, suffix: str) -> str | None:
    """A path to write, ending in ``suffix``; None if the user cancelled."""
    start = str(Path(preferences.last_folder()) / name)
    path, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if not path:
        return None
    if not path.lower().endswith(suffix):
        path += suffix
    preferences.set_last_folder(str(Path(path).parent))
    return path


def ask_open_path(parent: QWidget, title: str, preferences, file_filter: str) -> str | None:
    """An existing file to read; None if the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, preferences.last_folder(), file_filter)
    if not path:
        return None
    preferences.set_last_folder(str(Path(path).parent))
    return path
