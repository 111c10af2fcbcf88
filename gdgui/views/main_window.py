"""The top-level window: the Descent and Backprop tabs under File, View and Help menus."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

WINDOW_TITLE = "gdgui — gradient descent & backpropagation"
DEFAULT_SIZE = QSize(1400, 900)
# Leave room for panels and docks of the desktop on small screens.
_MAX_SCREEN_FRACTION = 0.92

# The keys of DESIGN.md "Keys", shown in Help ▸ About.
KEYS = (
    ("Space", "play / pause"),
    ("Right, Page Down", "one step forward"),
    ("Page Up", "one step back"),
    ("R", "reset"),
    ("N", "new random start"),
    ("Ctrl+G", "show the current point as a graph"),
    ("Ctrl+1 / Ctrl+2", "Descent / Backprop tab"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo in the graph"),
    ("Ctrl+S / Ctrl+O", "save / open a session"),
    ("F5", "projector mode"),
    ("F11", "full screen"),
    ("B", "blank the screen"),
)


def about_text(version: str) -> str:
    """The rich text of Help ▸ About: name, version, licence, purpose and keys."""
    rows = "".join(f"<tr><td><b>{key}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for key, what in KEYS)
    return (
        f"<h3>gdgui {version}</h3>"
        "<p>See gradient descent walk downhill on a contour map, and backpropagation "
        "flow through a computation graph, both from one autodiff engine.</p>"
        "<p>Licence: MIT</p>"
        f"<p><b>Keys</b></p><table>{rows}</table>"
    )


class MainWindow(QMainWindow):
    """The main window; app.py builds the tab widgets and passes them in."""

    def __init__(
        self,
        descent_tab: QWidget,
        backprop_tab: QWidget,
        version: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._version = version
        self._setup_ui(descent_tab, backprop_tab)
        self._connect_signals()

    def _setup_ui(self, descent_tab: QWidget, backprop_tab: QWidget) -> None:
        self.setWindowTitle(WINDOW_TITLE)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(descent_tab, "Descent")
        self.tabs.addTab(backprop_tab, "Backprop")
        self.setCentralWidget(self.tabs)
        self._create_actions()
        self._create_menus()
        self.resize(self._default_size())

    def _create_actions(self) -> None:
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcuts(_quit_shortcuts())
        self.descent_tab_action = QAction("&Descent tab", self, shortcut=QKeySequence("Ctrl+1"))
        self.backprop_tab_action = QAction("&Backprop tab", self, shortcut=QKeySequence("Ctrl+2"))
        self.about_action = QAction("&About gdgui", self)

    def _create_menus(self) -> None:
        # Kept as attributes: PySide6 may drop the wrapper QAction.menu() returns.
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("&View")
        self.view_menu.addActions([self.descent_tab_action, self.backprop_tab_action])
        self.help_menu = self.menuBar().addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.quit_action.triggered.connect(self.close)
        self.descent_tab_action.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        self.backprop_tab_action.triggered.connect(lambda: self.tabs.setCurrentIndex(1))
        self.about_action.triggered.connect(self._on_about)

    def _on_about(self) -> None:
        QMessageBox.about(self, "About gdgui", about_text(self._version))

    def _default_size(self) -> QSize:
        available = self.screen().availableGeometry().size() * _MAX_SCREEN_FRACTION
        return DEFAULT_SIZE.boundedTo(available)


def _quit_shortcuts() -> list[QKeySequence]:
    # QKeySequence.Quit is empty on Windows and on some platform themes: keep Ctrl+Q everywhere.
    shortcuts = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    ctrl_q = QKeySequence("Ctrl+Q")
    return shortcuts if ctrl_q in shortcuts else [*shortcuts, ctrl_q]
