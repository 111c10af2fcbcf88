"""``--screenshot OUT.png``: lay the window out at a given size, render it, save a PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from gdgui.core.files.atomic_files import temporary_sibling

__all__ = ["lay_out", "save_screenshot", "SCREENSHOT_SIZE"]

SCREENSHOT_SIZE = (1600, 1000)  # what ../shared/tools/snap.sh uses
_BACKGROUND_WAIT_MS = 60_000    # basin maps and sweeps finish first, so the picture shows them
_BACKGROUND_ROUNDS = 3          # jobs started by the results of jobs
_SETTLE_ROUNDS = 5              # event-loop passes for layouts, deferred fits and redraws


def lay_out(window: QWidget, size: tuple[int, int] | None = None) -> None:
    """Show ``window`` at ``size`` (offscreen) before the content arrives, as a real window would be:
    views that scroll or zoom to fit their content then do so at the final size."""
    window.resize(QSize(*(size or SCREENSHOT_SIZE)))
    window.show()
    _settle()


def save_screenshot(window: QWidget, path: str | Path) -> tuple[int, int]:
    """Let background work and layouts settle, render ``window`` to ``path``; returns the image size."""
    _settle()
    pool = QThreadPool.globalInstance()
    for _ in range(_BACKGROUND_ROUNDS):  # a result may start another job (minima found: the basin map anew)
        pool.waitForDone(_BACKGROUND_WAIT_MS)
        _settle()
        if pool.activeThreadCount() == 0:
            break
    image = window.grab().toImage()
    with temporary_sibling(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write a PNG to {Path(path).resolve().parent}")
    return image.width(), image.height()


def _settle() -> None:
    for _ in range(_SETTLE_ROUNDS):
        QApplication.processEvents()
        QApplication.sendPostedEvents()
