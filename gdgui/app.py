"""Composition root: parse the arguments, then run a sub-command or build and show the GUI.

Nothing at module level imports Qt: `gdgui list/graph/descend` come through `main`
and must never load Qt. Only this module constructs the object graph.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from gdgui import __version__
from gdgui.resources import read_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from gdgui.views.main_window import MainWindow

APP_NAME = "gdgui"
# Readable from the back of a classroom; projector mode enlarges it further.
MIN_FONT_POINT_SIZE = 11.0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python main.py`, `python -m gdgui` and the `gdgui` command."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and not args[0].startswith("-"):
        return _run_subcommand(args)
    _gui_parser().parse_args(args)
    return _run_gui()


def _run_subcommand(args: list[str]) -> int:
    from gdgui import cli  # Qt-free by design, so sub-commands never load Qt

    if args[0] not in cli.SUBCOMMANDS:
        _gui_parser().error(f"unknown sub-command {args[0]!r} (choose from {', '.join(cli.SUBCOMMANDS)})")
    return cli.main(args)


def _gui_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=APP_NAME,
        description="Open the gdgui window: gradient descent and backpropagation, step by step.",
        epilog="Without a window: gdgui list | graph | descend (each has --help).",
    )


def _run_gui() -> int:
    # PySide6 first, so pyqtgraph (imported by the views) binds to it and not another Qt binding.
    import PySide6.QtWidgets  # noqa: F401

    app = _create_application()
    window = build_main_window()
    window.show()
    return app.exec()


def _create_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    configure_appearance(app)
    return app


def configure_appearance(app: QApplication) -> None:
    """Apply gdgui's stylesheet and a readable base font to the application."""
    # The font is set here, not in the stylesheet, so projector mode can still enlarge it.
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), MIN_FONT_POINT_SIZE))
    app.setFont(font)
    app.setStyleSheet(read_text("styles", "app.qss"))


def build_main_window() -> MainWindow:
    """Construct the window with its tabs (later issues pass the real tab widgets here)."""
    from PySide6.QtWidgets import QWidget

    from gdgui.views.main_window import MainWindow

    return MainWindow(descent_tab=QWidget(), backprop_tab=QWidget(), version=__version__)
