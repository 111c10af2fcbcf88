"""The map drawn afresh for the part of the domain on show, once a zoom or a pan has settled.

The controller's ``MapData`` samples f over the whole domain; zoomed in, its 400 × 400 grid would
only be magnified, and a valley floor one colour would stay one colour. When the view's range settles
(``SETTLE_MS`` after its last change) the visible part of the domain is sampled again at the same
resolution on a worker thread, with colours and contour levels spread over what is on show. The
domain setting (where the run happens) never changes; outside the domain nothing is drawn, as
before, and the whole domain on show is the controller's own map again.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QTimer, Signal

from gdgui.controllers.descent.map import MapData, build_map
from gdgui.controllers.jobs import JobRunner
from gdgui.core.descent.functions import Objective

__all__ = ["MapZoom", "SETTLE_MS", "visible_area"]

SETTLE_MS = 150
# Ranges closer than this share of the domain's span are the same picture: nothing to sample again.
_SAME_SHARE = 1e-3


def visible_area(view: tuple[float, float, float, float], domain: tuple[float, float, float, float]):
    """The part ``(x0, x1, y0, y1)`` of ``domain`` inside ``view``; None when they do not overlap."""
    x0, x1 = max(view[0], domain[0]), min(view[1], domain[1])
    y0, y1 = max(view[2], domain[2]), min(view[3], domain[3])
    if not (x1 > x0 and y1 > y0) or not all(map(math.isfinite, (x0, x1, y0, y1))):
        return None
    return (x0, x1, y0, y1)


def _same(a, b, domain) -> bool:
    spans = (domain[1] - domain[0],) * 2 + (domain[3] - domain[2],) * 2
    return all(abs(p - q) <= _SAME_SHARE * span for p, q, span in zip(a, b, spans))


class _SampleJob:
    """One map over ``area`` for the worker (``controllers/jobs.py``)."""

    def __init__(self, objective: Objective, area, log: bool):
        self._objective, self._area, self._log = objective, area, log
        self._map: MapData | None = None

    def chunks(self):
        self._map = build_map(self._objective, self._area, self._log)
        yield 1.0

    def result(self) -> MapData:
        return self._map


class MapZoom(QObject):
    """Samples the visible part of the controller's map again when the view's range settles.

    ``controller`` gives ``map_data``, ``map_changed`` (a new map is drawn whole by the views, and
    any sample on its way is dropped) and ``message``.

    Signals:
        drawn(object): the MapData to draw now: of the visible area, or of the whole domain again.
    """

    drawn = Signal(object)

    def __init__(self, controller, parent: QObject | None = None):
        super().__init__(parent or controller)
        self._controller = controller
        self._view: tuple[float, float, float, float] | None = None
        self._area: tuple[float, float, float, float] | None = None  # what is drawn; None: the whole domain
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._resample)
        self.runner = JobRunner(parent=self)
        self.runner.finished.connect(self._on_sampled)
        self.runner.failed.connect(lambda reason: controller.message.emit(f"The zoomed map failed: {reason}"))
        controller.map_changed.connect(self._on_map_changed)

    @property
    def area(self) -> tuple[float, float, float, float] | None:
        """The area the drawn map covers, when it is not the whole domain."""
        return self._area

    @property
    def busy(self) -> bool:
        """A range is settling, or its map is being sampled."""
        return self._timer.isActive() or self.runner.busy

    def show_range(self, x0: float, x1: float, y0: float, y1: float) -> None:
        """The view now shows x0…x1 × y0…y1: sample it once the range has settled."""
        self._view = (float(x0), float(x1), float(y0), float(y1))
        self._timer.start()

    def _resample(self) -> None:
        base = self._controller.map_data
        area = visible_area(self._view, base.domain)
        if area is None:
            return  # the view is off the domain: there is nothing of f to draw anyway
        whole = _same(area, base.domain, base.domain)
        if whole or (self._area is not None and _same(area, self._area, base.domain)):
            self.runner.cancel()  # what is drawn is what is on show (a sample on its way is not)
            if whole and self._area is not None:  # back to the whole domain: the controller's map again
                self._area = None
                self.drawn.emit(base)
            return
        self.runner.start(_SampleJob(base.objective, area, base.log))

    def _on_sampled(self, data: MapData) -> None:
        self._area = data.domain
        self.drawn.emit(data)

    def _on_map_changed(self, _data: MapData) -> None:
        self._timer.stop()
        self.runner.cancel()
        self._area = None
