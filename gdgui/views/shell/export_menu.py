"""File ▸ Export: plots as PNG / SVG, the run as an animated GIF, trajectories as CSV, the graph picture."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QMenu, QProgressDialog, QSpinBox, QWidget

from gdgui.controllers.jobs import JobRunner
from gdgui.core.files.trajectory_csv import csv_size
from gdgui.core.numbers import byte_size, count
from gdgui.views.backprop import graph_export
from gdgui.views.descent.gif_export import MAX_FPS, MAX_FRAMES, GifOptions, GifRecorder
from gdgui.views.shell.export_headings import heading_for
from gdgui.views.shell.exports import TrajectoryCsvJob, export_plot_png, export_plot_svg
from gdgui.views.widgets.file_dialogs import ask_save_path

__all__ = ["ExportMenu", "GifDialog", "CsvDialog"]

TITLE_ROOM = 160  # px beside a dialog's title: the window's icon and its buttons

# kind → (file dialog filter, suffix)
FILE_KINDS = {"png": ("PNG image (*.png)", ".png"), "svg": ("SVG drawing (*.svg)", ".svg"),
              "gif": ("Animated GIF (*.gif)", ".gif"), "csv": ("CSV table (*.csv)", ".csv")}


class GifDialog(QDialog):
    """Width, frame rate and frame count of the GIF."""

    def __init__(self, width: int, latest_step: int, parent: QWidget | None = None):
        super().__init__(parent)
        _set_title(self, "Export the run as an animated GIF")
        self.width_spin = _spin(160, 1920, min(width, 960), " px", "Width of the GIF; the height follows the map")
        self.fps_spin = _spin(1, MAX_FPS, 10, " frames/s", "Playback speed of the GIF")
        frames = min(latest_step + 1, MAX_FRAMES)
        self.frames_spin = _spin(2, max(2, frames), min(frames, 100), "",
                                 f"Frames, spread evenly over the {latest_step + 1} recorded steps")
        _form(self, ("Width", self.width_spin), ("Frame rate", self.fps_spin), ("Frames", self.frames_spin))

    def options(self) -> GifOptions:
        return GifOptions(self.width_spin.value(), self.fps_spin.value(), self.frames_spin.value())


class CsvDialog(QDialog):
    """Every k-th step, and the file's size (rows and bytes) before a byte is written."""

    def __init__(self, run, parent: QWidget | None = None):
        super().__init__(parent)
        _set_title(self, "Export the trajectories as CSV")
        self._run = run
        longest = max(1, int(run.steps.max(initial=0)))
        self.every_spin = _spin(1, longest, 1, "", "Write steps 0, k, 2k, … of each particle, and its last step")
        self.every_spin.setPrefix("every ")
        self.every_spin.setSuffix(" step(s)")
        self.size_label = QLabel()
        _form(self, ("Rows", self.every_spin), ("File", self.size_label))
        self.every_spin.valueChanged.connect(self._on_every_changed)
        self._on_every_changed(1)

    def every(self) -> int:
        return self.every_spin.value()

    def _on_every_changed(self, every: int) -> None:
        size = csv_size(self._run, every)
        self.size_label.setText(f"{count(size.rows)} rows, about {byte_size(size.bytes)}")


def _set_title(dialog: QDialog, title: str) -> None:
    """The title, and a width that shows it whole in the title bar."""
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(title) + TITLE_ROOM)


def _form(dialog: QDialog, *rows) -> None:
    form = QFormLayout(dialog)
    for label, widget in rows:
        form.addRow(label, widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


def _spin(low: int, high: int, value: int, suffix: str, tip: str) -> QSpinBox:
    spin = QSpinBox(minimum=low, maximum=high, value=value, suffix=suffix)
    spin.setToolTip(tip)
    return spin


class ExportMenu(QObject):
    """Fills ``window.export_menu`` and runs each export, reporting in the status bar."""

    def __init__(self, window, plots, scene, controller, preferences, parent: QObject | None = None):
        super().__init__(parent or window)
        self._window, self._scene, self._controller, self._prefs = window, scene, controller, preferences
        self._map_plot = plots[0][1]  # the GIF records the first plot: the contour map
        self.gif = GifRecorder(controller, self._map_plot, self)
        self.csv_runner = JobRunner(parent=self)
        self.progress: QProgressDialog | None = None
        self._build(window.export_menu, plots)
        self._connect_signals()

    def _build(self, menu: QMenu, plots) -> None:
        self.gif_action = menu.addAction("Run as animated GIF…", self.export_gif)
        self.csv_action = menu.addAction("Trajectories as CSV…", self.export_csv)
        menu.addSeparator()
        for title, plot in plots:
            menu.addAction(f"{title} as PNG…", lambda p=plot, t=title: self.export_plot(p, t, "png"))
            menu.addAction(f"{title} as SVG…", lambda p=plot, t=title: self.export_plot(p, t, "svg"))
        menu.addSeparator()
        menu.addAction("Graph as PNG…", lambda: self.export_graph("png"))
        menu.addAction("Graph as SVG…", lambda: self.export_graph("svg"))

    def _connect_signals(self) -> None:
        self.gif.progressed.connect(self._on_gif_progressed)
        self.gif.finished.connect(lambda path: self._done(f"Exported {path}"))
        self.gif.failed.connect(self._done)
        self.gif.cancelled.connect(lambda: self._done("GIF export cancelled; no file written"))
        self.csv_runner.finished.connect(lambda path: self._tell(f"Exported {path}"))
        self.csv_runner.failed.connect(lambda message: self._tell(f"CSV not written: {message}"))

    # ----- each export ---------------------------------------------------------------------------

    def export_plot(self, plot, title: str, kind: str) -> None:
        """``kind``: "png" or "svg"."""
        path = self._ask(f"Export {title.lower()}", _file_stem(title), kind)
        if path:
            heading = heading_for(title, self._controller, self._window)
            export = {"png": export_plot_png, "svg": export_plot_svg}[kind]
            self._write(path, lambda: export(plot, path, heading=heading))

    def export_graph(self, kind: str) -> None:
        """The graph scene, with the Backprop tab's own exporter; ``kind``: "png" or "svg"."""
        path = self._ask("Export the graph picture", "graph", kind)
        if path:
            export = {"png": graph_export.export_png, "svg": graph_export.export_svg}[kind]
            ok = export(self._scene, path)
            self._tell(f"Exported {path}" if ok else f"Could not write {path}")

    def export_csv(self) -> None:
        if self.csv_runner.busy:
            self._tell("Still writing the previous CSV file…")
            return
        self._controller.pause()  # the size shown is the size written
        run = self._controller.record.run
        dialog = CsvDialog(run, self._window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        every, size = dialog.every(), dialog.size_label.text()
        dialog.deleteLater()
        path = self._ask("Export the trajectories", "trajectories", "csv") if accepted else None
        if path:
            self.csv_runner.start(TrajectoryCsvJob(run, path, every))
            self._tell(f"Writing {path} ({size})…")

    def export_gif(self) -> None:
        latest = self._controller.frame.latest
        if self.gif.busy:
            self._tell("A GIF is being recorded already")
            return
        if latest < 1:
            self._tell("Run a few steps first (Space or Right): the GIF replays the recorded steps")
            return
        dialog = GifDialog(self._map_plot.width(), latest, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path = self._ask("Export the run as GIF", "run", "gif")
        if path:
            self.start_gif(path, dialog.options())

    def start_gif(self, path: str, options: GifOptions) -> None:
        """Record with a progress dialog whose Cancel stops the recording."""
        self.gif.start(path, options)
        self.progress = QProgressDialog("Recording the run…", "Cancel", 0, self.gif.total, self._window)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.gif.cancel)

    # ----- helpers --------------------------------------------------------------------------------

    def _ask(self, title: str, name: str, kind: str) -> str | None:
        file_filter, suffix = FILE_KINDS[kind]
        return ask_save_path(self._window, title, self._prefs, name + suffix, file_filter, suffix)

    def _write(self, path: str, export) -> None:
        try:
            export()
        except OSError as error:
            self._tell(f"Could not write {path}: {error.strerror or error}")
            return
        self._tell(f"Exported {path}")

    def _on_gif_progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done)

    def _done(self, message: str) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.gif.cancel)
            self.progress.close()
            self.progress = None
        self._tell(message)

    def _tell(self, message: str) -> None:
        self._window.show_message(message)


def _file_stem(title: str) -> str:
    return "-".join(title.lower().replace("‖∇f‖", "gradient-norm").split())
