"""What gdgui remembers between runs (QSettings): recent sessions, the last folder, the look.

Values read back from the settings store are checked: a hand-edited or foreign entry falls
back to the default instead of breaking start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

__all__ = ["Preferences", "MAX_RECENT"]

MAX_RECENT = 8
_RECENT, _FOLDER, _PROJECTOR, _GEOMETRY = "session/recent", "session/folder", "view/projector", "view/geometry"


class Preferences(QObject):
    """A typed view of a QSettings store.

    Signals:
        recent_changed(list): the recent session paths, newest first.
    """

    recent_changed = Signal(list)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings

    def recent_files(self) -> list[str]:
        value = self._settings.value(_RECENT, [])
        paths = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [path for path in paths if isinstance(path, str)][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent list (and make its folder the last folder)."""
        path = str(Path(path).resolve())
        paths = [path] + [p for p in self.recent_files() if p != path]
        self._store_recent(paths[:MAX_RECENT])
        self.set_last_folder(str(Path(path).parent))

    def forget_recent(self, path: str) -> None:
        """Drop a path that can no longer be opened."""
        self._store_recent([p for p in self.recent_files() if p != path])

    def _store_recent(self, paths: list[str]) -> None:
        self._settings.setValue(_RECENT, paths)
        self.recent_changed.emit(paths)

    def last_folder(self) -> str:
        folder = self._settings.value(_FOLDER, "")
        return folder if isinstance(folder, str) and Path(folder).is_dir() else str(Path.home())

    def set_last_folder(self, folder: str) -> None:
        self._settings.setValue(_FOLDER, str(folder))

    def projector(self) -> bool:
        return str(self._settings.value(_PROJECTOR, "false")).lower() == "true"

    def set_projector(self, on: bool) -> None:
        self._settings.setValue(_PROJECTOR, "true" if on else "false")

    def geometry(self) -> QByteArray | None:
        value = self._settings.value(_GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue(_GEOMETRY, geometry)

    def sync(self) -> None:
        """Write to disk now (QSettings otherwise writes later, or at exit)."""
        self._settings.sync()
