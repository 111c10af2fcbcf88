"""A "⋯" button whose menu offers buttons a compact row hides: each entry clicks its button."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMenu, QToolButton, QWidget

__all__ = ["OverflowButton"]


class OverflowButton(QToolButton):
    """Shown instead of ``buttons`` where there is no room for them. An entry has its button's text
    and tip, is enabled as its button is, and clicks it (so it does exactly what the button does);
    a button with a menu of its own (Add node) becomes a submenu. Only the hidden buttons have an entry."""

    def __init__(self, buttons: list[QAbstractButton], parent: QWidget | None = None):
        super().__init__(parent)
        self.setText("⋯")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._entries = [(self._add_entry(button), button) for button in buttons]
        self.menu().setToolTipsVisible(True)
        self.menu().aboutToShow.connect(self._on_about_to_show)

    def _add_entry(self, button: QAbstractButton):
        own_menu = button.menu() if isinstance(button, QToolButton) else None
        if own_menu is not None:
            return self.menu().addMenu(own_menu)  # its menu's own action: the submenu
        action = self.menu().addAction(button.text(), button.click)
        action.setToolTip(button.toolTip())
        return action

    def _on_about_to_show(self) -> None:
        for action, button in self._entries:
            action.setEnabled(button.isEnabled())
            action.setVisible(not button.isVisible())
