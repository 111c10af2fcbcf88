"""Sidebar section "Optimizers": tick one to run it, several to race; edit the selected one's settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.optimizers import OPTIMIZERS
from gdgui.core.descent.settings import OPTIMIZER_LABELS, DescentSettings, optimizer_colour_index
from gdgui.core.numbers import TYPED_DIGITS, short
from gdgui.views.widgets.log_spin_box import LogSpinBox

__all__ = ["OptimizerPanel", "HYPER_TIPS"]

HYPER_TIPS = {
    "momentum": ("μ", "How much of the previous velocity each step keeps: 0 is plain GD, 0.9 a heavy "
                      "ball that rolls through small bumps (and overshoots a little)."),
    "beta1": ("β₁", "Adam's momentum: the running average of ∇f keeps this share of its past."),
    "beta2": ("β₂", "Adam's running average of ∇f² keeps this share of its past; it sets each "
                    "coordinate's own step size."),
    "alpha": ("α", "RMSprop's running average of ∇f² keeps this share of its past."),
    "eps": ("ε", "Added to the denominator so a step never divides by zero."),
}
_FRACTION_MAX = 0.9999


class OptimizerPanel(QWidget):
    """``optimizerList`` (checkable, in palette colours) and the selected optimizer's hyper-parameters."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        self.hyper_spins: dict[str, QDoubleSpinBox] = {}
        self._shown_name: str | None = None  # whose hyper-parameters the form holds
        self._setup_ui()
        self._connect_signals()
        self._on_settings_changed(controller.settings)

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("optimizerList")
        self.list.setToolTip("Tick one optimizer to run it, several to race them from the same start. "
                             "Select one to edit its settings below.")
        for name, cls in OPTIMIZERS.items():
            item = QListWidgetItem(_swatch(name), OPTIMIZER_LABELS[name], self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            hyper = cls.describe()["hyperparameters"]
            defaults = ", ".join(f"{k} = {short(v, TYPED_DIGITS)}" for k, v in hyper.items())
            item.setToolTip(f"{cls.description}\nDefaults (as in torch.optim): {defaults}")
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.installEventFilter(self)  # refit its height when the theme's font changes
        self._fit_list()
        layout.addWidget(self.list)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.defaults_button = QPushButton("Default settings", self)
        self.defaults_button.setToolTip("Put the selected optimizer's settings back to torch.optim's defaults.")
        layout.addWidget(self.defaults_button)

    def _fit_list(self) -> None:
        """Exactly tall enough for every optimizer: no scroll bar, no empty rows."""
        rows = sum(self.list.sizeHintForRow(row) for row in range(self.list.count()))
        self.list.setFixedHeight(rows + 2 * self.list.frameWidth())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt override
        if watched is self.list and event.type() == QEvent.Type.FontChange:
            self._fit_list()
        return super().eventFilter(watched, event)

    def _connect_signals(self) -> None:
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.defaults_button.clicked.connect(self._on_defaults)
        self._controller.settings_changed.connect(self._on_settings_changed)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        self._controller.set_optimizer_checked(item.data(Qt.ItemDataRole.UserRole), checked)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            name = current.data(Qt.ItemDataRole.UserRole)
            self._controller.select_optimizer(name)
            self._show_hyperparameters(name)

    def _on_defaults(self) -> None:
        name = self._controller.selected_optimizer
        for key, value in OPTIMIZERS[name].HYPERPARAMETERS.items():
            self._controller.set_hyperparameter(name, key, value)

    def _show_hyperparameters(self, name: str) -> None:
        self._shown_name = name
        while self.form.rowCount():
            self.form.removeRow(0)
        self.hyper_spins = {}
        values = self._controller.settings.hyperparameters(name)
        for key, default in OPTIMIZERS[name].HYPERPARAMETERS.items():
            symbol, tip = HYPER_TIPS[key]
            spin = self._hyper_spin(key, values[key])
            spin.setToolTip(f"{tip}\nDefault: {short(default, TYPED_DIGITS)}")
            spin.valueChanged.connect(lambda value, key=key: self._controller.set_hyperparameter(name, key, value))
            self.form.addRow(f"{symbol} ({key})", spin)
            self.hyper_spins[key] = spin
        self.defaults_button.setVisible(bool(self.hyper_spins))

    def _hyper_spin(self, key: str, value: float) -> QDoubleSpinBox:
        if key == "eps":
            spin = LogSpinBox(1e-12, 1.0, parent=self)
        else:
            spin = QDoubleSpinBox(self)
            spin.setRange(0.0, _FRACTION_MAX)
            spin.setDecimals(4)
            spin.setSingleStep(0.01)
            spin.setKeyboardTracking(False)
        spin.setObjectName(f"{key}Spin")
        spin.setValue(value)
        return spin

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        selected = self._controller.selected_optimizer
        with QSignalBlocker(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) in settings.optimizers
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.list.setCurrentRow(list(OPTIMIZERS).index(selected))
        if selected != self._shown_name:
            self._show_hyperparameters(selected)
        values = settings.hyperparameters(selected)
        for key, spin in self.hyper_spins.items():
            with QSignalBlocker(spin):
                spin.setValue(values[key])


def _swatch(name: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(ThemeController.colour(optimizer_colour_index(name))))
    return QIcon(pixmap)
