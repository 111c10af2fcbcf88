"""The top-level window: the Descent and Backprop tabs under File, View and Help menus.

Its actions carry the window-wide keys (F5, F11, F9, B or ".", H, Escape, Ctrl+N, Ctrl+S, Ctrl+O,
Ctrl+1/2, F1); the tabs own their run and graph keys. Collaborators (session and export menus, the deck banner)
are built by app.py and attach themselves to the actions and menus made here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from gdgui.views.shell.blank_overlay import BlankOverlay
from gdgui.views.shell.cursor_ring import CursorRing
from gdgui.views.shell.keys_sheet import KEYS, KeysSheet, keys_html
from gdgui.views.widgets.elided_lines import ElidedStatusBar

__all__ = ["MainWindow", "WINDOW_TITLE", "KEYS", "about_text", "TAB_NAMES", "MAX_SCREEN_FRACTION"]

WINDOW_TITLE = "gdgui — gradient descent & backpropagation"
DEFAULT_SIZE = QSize(1400, 900)
# Leave room for panels and docks of the desktop on small screens.
MAX_SCREEN_FRACTION = 0.92
TAB_NAMES = ("descent", "backprop")
MESSAGE_MS = 10_000


def about_text(version: str) -> str:
    """The rich text of Help ▸ About: name, version, licence, purpose and keys."""
    return (
        f"<h3>gdgui {version}</h3>"
        "<p>See gradient descent walk downhill on a contour map, and backpropagation "
        "flow through a computation graph, both from one autodiff engine.</p>"
        "<p>Licence: MIT</p>"
        f"<p><b>Keys</b></p>{keys_html()}"
    )


class MainWindow(QMainWindow):
    """The main window; app.py builds the tab widgets and passes them in.

    Signals:
        closing(): the window is closing (its geometry can still be read).
    """

    closing = Signal()

    def __init__(self, descent_tab: QWidget, backprop_tab: QWidget, version: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._version = version
        self._keys_sheet: KeysSheet | None = None
        self._folded_words = ""  # the Descent tab's last words on its folded panels
        self._setup_ui(descent_tab, backprop_tab)
        self._connect_signals()

    def _setup_ui(self, descent_tab: QWidget, backprop_tab: QWidget) -> None:
        self.setWindowTitle(WINDOW_TITLE)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(descent_tab, "Descent")
        self.tabs.addTab(backprop_tab, "Backprop")
        # A focused tab bar would hold the keys outside both tabs; Ctrl+1 / Ctrl+2 switch instead.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.setStatusBar(ElidedStatusBar(self))  # a long message cut at a space, never inside a number
        self.banner: QWidget | None = None
        self.blank_overlay = BlankOverlay(self)
        self.cursor_ring = CursorRing(self)
        self._create_actions()
        self._create_menus()
        self.resize(self._default_size())

    def _create_actions(self) -> None:
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcuts(_quit_shortcuts())
        self.new_session_action = QAction("&New session", self, shortcut=QKeySequence("Ctrl+N"))
        self.open_session_action = QAction("&Open session…", self, shortcut=QKeySequence("Ctrl+O"))
        self.save_session_action = QAction("&Save session", self, shortcut=QKeySequence("Ctrl+S"))
        self.save_session_as_action = QAction("Save session &as…", self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.open_deck_action = QAction("Open lesson &deck…", self)
        self.descent_tab_action = QAction("&Descent tab", self, shortcut=QKeySequence("Ctrl+1"))
        self.backprop_tab_action = QAction("&Backprop tab", self, shortcut=QKeySequence("Ctrl+2"))
        self.projector_action = QAction("&Projector mode", self, shortcut=QKeySequence("F5"), checkable=True)
        self.full_screen_action = QAction("&Full screen", self, shortcut=QKeySequence("F11"), checkable=True)
        self.side_panels_action = QAction("&Side panels", self, shortcut=QKeySequence("F9"), checkable=True, checked=True,
                                          toolTip="Hide this tab's panels: the map or the graph takes the whole tab")
        self.blank_action = QAction("&Blank the screen", self, checkable=True)
        self.blank_action.setShortcuts([QKeySequence("B"), QKeySequence(".")])  # clickers send either
        self.highlight_action = QAction("Pointer &highlight", self, shortcut=QKeySequence("H"), checkable=True,
                                        toolTip="A ring around the mouse pointer, so the back row sees it")
        self.leave_action = QAction("&Leave full screen, then projector mode", self, shortcut=QKeySequence("Escape"))
        self.keys_action = QAction("&Keys", self, shortcut=QKeySequence("F1"))
        self.course_deck_action = QAction("&Course deck", self)
        self.about_action = QAction("&About gdgui", self)

    def _create_menus(self) -> None:
        # Kept as attributes: PySide6 may drop the wrapper QAction.menu() returns.
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.addActions([self.new_session_action, self.open_session_action, self.save_session_action,
                                   self.save_session_as_action])
        self.recent_menu = self.file_menu.addMenu("Open &recent")
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.open_deck_action)
        self.export_menu = self.file_menu.addMenu("&Export")
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("&View")
        self.view_menu.addActions([self.descent_tab_action, self.backprop_tab_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.projector_action, self.full_screen_action, self.side_panels_action,
                                   self.blank_action, self.highlight_action, self.leave_action])
        self.help_menu = self.menuBar().addMenu("&Help")
        self.help_menu.addActions([self.keys_action, self.course_deck_action, self.about_action])

    def _connect_signals(self) -> None:
        self.quit_action.triggered.connect(self.close)
        self.descent_tab_action.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        self.backprop_tab_action.triggered.connect(lambda: self.tabs.setCurrentIndex(1))
        self.full_screen_action.toggled.connect(self._on_full_screen_toggled)
        self.side_panels_action.toggled.connect(self._on_side_panels_toggled)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.blank_action.toggled.connect(self.blank_overlay.set_blank)
        self.blank_overlay.dismissed.connect(lambda: self.blank_action.setChecked(False))
        self.keys_action.triggered.connect(self.show_keys)
        self.leave_action.triggered.connect(self._on_leave)
        self.highlight_action.toggled.connect(self.cursor_ring.set_shown)
        self.about_action.triggered.connect(self._on_about)

    # ----- what collaborators call ------------------------------------------------------------------

    def add_banner(self, banner: QWidget) -> None:
        """Put ``banner`` (the deck's caption) above the tabs, hidden until shown."""
        self.banner = banner
        self._central_layout.insertWidget(0, banner)
        banner.hide()

    def set_banner_visible(self, visible: bool) -> None:
        self.banner.setVisible(visible)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TAB_NAMES.index(name))

    def shown_tab(self) -> str:
        """The name (``TAB_NAMES``) of the tab on show."""
        return TAB_NAMES[self.tabs.currentIndex()]

    def set_session_file(self, path: str) -> None:
        """The title names the open session's file ("lesson.gdgui — gdgui"); "" for none."""
        self.setWindowTitle(f"{Path(path).name} — gdgui" if path else WINDOW_TITLE)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def show_folded_panels(self, words: str) -> None:
        """What the Descent tab folded away; once nothing is, its words leave the status bar (no other message)."""
        if words:
            self._folded_words = words
            self.show_message(words)
        elif self.statusBar().currentMessage() == self._folded_words:
            self.statusBar().clearMessage()

    def show_keys(self) -> None:
        if self._keys_sheet is None:
            self._keys_sheet = KeysSheet(self)
        self._keys_sheet.show()
        self._keys_sheet.raise_()

    # ----- handlers ------------------------------------------------------------------------------------

    def _on_full_screen_toggled(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def _on_leave(self) -> None:
        # Escape undoes F11, then F5: a clicker's button that alternates F5 and Escape goes back and forth.
        if self.isFullScreen() or self.full_screen_action.isChecked():
            self.full_screen_action.setChecked(False)
        elif self.projector_action.isChecked():
            self.projector_action.setChecked(False)

    def _on_side_panels_toggled(self, shown: bool) -> None:
        tab = self.tabs.currentWidget()
        if hasattr(tab, "set_side_panels_shown"):  # a tab without side panels ignores F9
            tab.set_side_panels_shown(shown)

    def _on_tab_changed(self) -> None:
        # F9 acts on the tab on show: its tick says whether that tab's panels are out.
        tab = self.tabs.currentWidget()
        with QSignalBlocker(self.side_panels_action):
            self.side_panels_action.setChecked(not hasattr(tab, "side_panels_shown") or tab.side_panels_shown())

    def _on_about(self) -> None:
        QMessageBox.about(self, "About gdgui", about_text(self._version))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.closing.emit()
        super().closeEvent(event)

    def _default_size(self) -> QSize:
        available = self.screen().availableGeometry().size() * MAX_SCREEN_FRACTION
        return DEFAULT_SIZE.boundedTo(available)


def _quit_shortcuts() -> list[QKeySequence]:
    # QKeySequence.Quit is empty on Windows and on some platform themes: keep Ctrl+Q everywhere.
    shortcuts = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    ctrl_q = QKeySequence("Ctrl+Q")
    return shortcuts if ctrl_q in shortcuts else [*shortcuts, ctrl_q]
