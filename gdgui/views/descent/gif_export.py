"""The run as an animated GIF: replay recorded steps on the contour map, frame by frame.

The GUI thread only shows step k (``controller.seek``) and renders the plot (~15 ms a frame);
colour quantization (~50 ms) and the final encoding run on one worker thread. Every frame maps to
one palette (the optimizer and status colours exactly, the rest from the first and last frames,
no dithering), so an optimizer keeps its colour from the first frame to the last. A timer drives
the capture, so the window stays responsive, and it waits while a few frames are queued,
so memory stays at a handful of full-colour frames. Cancel at any moment leaves no file.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from threading import Event

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PIL import Image, ImageColor
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from gdgui.controllers.shell.theme import OKABE_ITO, STATUS_COLOURS
from gdgui.core.files.atomic_files import temporary_sibling
from gdgui.views.widgets.plot_style import legends_scaled

__all__ = ["GifOptions", "GifRecorder", "frame_steps", "shared_palette", "EXACT_COLOURS", "MAX_FRAMES", "MAX_FPS"]

MAX_FRAMES = 600
MAX_FPS = 50           # GIF delays are in 1/100 s; browsers slow anything faster down
_QUEUED_FRAMES = 4     # full-colour frames waiting for the worker, at most
# Colours every frame shows exactly as drawn: the optimizers', the stop statuses', white and black.
EXACT_COLOURS = tuple(dict.fromkeys(("#FFFFFF", "#000000", *OKABE_ITO, *STATUS_COLOURS.values())))


@dataclass(frozen=True)
class GifOptions:
    width: int          # pixels; the height follows the plot's aspect ratio
    fps: int
    frames: int


def frame_steps(latest: int, frames: int) -> list[int]:
    """``frames`` recorded steps from 0 to ``latest``, evenly spread (distinct when possible)."""
    count = max(1, min(frames, latest + 1))
    return [int(round(k)) for k in np.linspace(0, latest, count)]


class _Cancelled(Exception):
    pass


class GifRecorder(QObject):
    """Records the controller's run, as shown by ``plot``, into a GIF.

    Signals:
        progressed(int, int): frames done and the total (the total counts the encoding as one).
        finished(str): the GIF was written (its path).
        failed(str): it could not be written; the message says why.
        cancelled(): the user cancelled; no file was written or replaced.
    """

    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, controller, plot: pg.PlotWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._controller, self._plot = controller, plot
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._pool: ThreadPoolExecutor | None = None
        self.busy = False

    def start(self, path: str | Path, options: GifOptions) -> None:
        """Begin recording; the run pauses and is shown at its current step again afterwards."""
        self._controller.pause()
        self._path, self._options = Path(path), options
        self._steps = frame_steps(self._controller.frame.latest, options.frames)
        self._resume_step = self._controller.frame.step
        self._frames: list[Future] = []
        self._saving: Future | None = None
        self._cancel = Event()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gif")
        ends = [self._render_at(step) for step in (self._steps[-1], self._steps[0])]
        self._palette = self._pool.submit(shared_palette, ends)
        self.busy = True
        self._timer.start(0)

    @property
    def total(self) -> int:
        return len(self._steps) + 1

    def cancel(self) -> None:
        if self.busy:
            self._cancel.set()
            self._stop()
            self.cancelled.emit()

    def _tick(self) -> None:
        try:
            if self._saving is not None:
                self._check_saved()
            elif len(self._frames) < len(self._steps):
                self._capture_if_room()
            elif all(frame.done() for frame in self._frames):
                self._start_saving()
        except Exception as error:  # noqa: BLE001 - a failed export is reported, never raised into Qt
            self._stop()
            self.failed.emit(f"GIF not written: {error}")

    def _capture_if_room(self) -> None:
        waiting = sum(not frame.done() for frame in self._frames)
        if waiting < _QUEUED_FRAMES:
            self._controller.seek(self._steps[len(self._frames)])
            self._frames.append(self._pool.submit(_to_palette, self._render(), self._palette))
        self.progressed.emit(sum(frame.done() for frame in self._frames), self.total)

    def _render_at(self, step: int) -> np.ndarray:
        self._controller.seek(step)
        return self._render()

    def _render(self) -> np.ndarray:
        with legends_scaled(self._plot.getPlotItem()):  # a small GIF has a small legend
            exporter = pg.exporters.ImageExporter(self._plot.getPlotItem())
            exporter.parameters()["width"] = self._options.width
            return _rgb_array(exporter.export(toBytes=True))

    def _start_saving(self) -> None:
        self._controller.seek(self._resume_step)
        images = [frame.result() for frame in self._frames]
        delay = 10 * max(2, round(100 / self._options.fps))  # GIF delays count hundredths of a second
        self._saving = self._pool.submit(_save_gif, images, self._path, delay, self._cancel)

    def _check_saved(self) -> None:
        if self._saving.done():
            self._saving.result()  # raises what the worker raised
            self._stop()
            self.progressed.emit(self.total, self.total)
            self.finished.emit(str(self._path))

    def _stop(self) -> None:
        self._timer.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self.busy and self._controller.frame.step != self._resume_step:
            self._controller.seek(self._resume_step)
        self.busy = False


def _rgb_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    return rows[:, : width * 3].reshape(height, width, 3).copy()


def shared_palette(frames: list[np.ndarray], exact=EXACT_COLOURS) -> Image.Image:
    """One palette for a whole animation: ``exact`` colours first, then the colours the frames
    use most (median cut over them all), 256 in all."""
    fixed = [ImageColor.getrgb(colour)[:3] for colour in exact]
    montage = Image.fromarray(np.concatenate(frames, axis=0), "RGB")
    rest = montage.quantize(256 - len(fixed), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    entries = [value for rgb in fixed for value in rgb] + rest.getpalette()[: 3 * (256 - len(fixed))]
    palette = Image.new("P", (1, 1))
    palette.putpalette(entries + [0] * (768 - len(entries)))
    return palette


def _to_palette(rgb: np.ndarray, palette: Future) -> Image.Image:
    """The frame in the shared palette, each pixel its nearest colour (flat colours stay flat)."""
    return Image.fromarray(rgb, "RGB").quantize(palette=palette.result(), dither=Image.Dither.NONE)


def _save_gif(images: list[Image.Image], path: Path, delay_ms: int, cancel: Event) -> None:
    shared = bytes(images[0].getpalette())  # given: the one global colour table, no frame gets its own
    with temporary_sibling(path) as tmp:
        images[0].save(tmp, format="GIF", save_all=True, append_images=images[1:], duration=delay_ms, loop=0,
                       palette=shared, optimize=False)
        if cancel.is_set():
            raise _Cancelled()
