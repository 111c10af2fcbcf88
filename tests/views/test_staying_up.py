"""Staying up: an exception in a slot is logged and shown, and the app carries on."""

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from gdgui.views.shell.crash_dialog import LOG_NAME, CrashReporter


class _Emitter(QObject):
    fired = Signal()


@pytest.fixture
def reporter(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    crash = CrashReporter(tmp_path / "logs")
    crash.install()
    yield crash
    if crash.dialog is not None:
        crash.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_reported_and_the_app_survives(qtbot, gui, reporter):
    emitter = _Emitter()

    def broken_slot():
        raise ZeroDivisionError("the slot divided by zero")

    emitter.fired.connect(broken_slot)
    emitter.fired.emit()
    emitter.fired.emit()  # a second error joins the open dialog instead of opening another

    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible() and dialog.count == 2
    details = dialog.details.toPlainText()
    assert "ZeroDivisionError: the slot divided by zero" in details and "broken_slot" in details
    assert "2 unexpected errors" in dialog.summary.text() and str(reporter.log_path) in dialog.summary.text()
    dialog.copy_button.click()
    assert "ZeroDivisionError" in QApplication.clipboard().text()
    log = (reporter.log_path.parent / LOG_NAME).read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: the slot divided by zero") == 2

    gui.descent.step(3)  # the app still works
    assert gui.descent.frame.step == 3
    dialog.close()
    assert reporter.dialog is None


def test_an_unwritable_log_folder_still_shows_the_dialog(qtbot, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    crash = CrashReporter(blocker / "logs")
    try:
        raise ValueError("boom")
    except ValueError as error:
        crash.handle(type(error), error, error.__traceback__)
    assert crash.log_path is None and "could not be written" in crash.dialog.summary.text()
    crash.dialog.close()


def _resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the resident size from /proc")
def test_a_long_drawn_run_keeps_memory_bounded(qtbot, gui):
    """6,000 steps drawn in 60 frames (benchmarks/long_run.py does 100,000 at top speed).

    Computing the steps is most of the work; the 60 frames are what could pile up. A copy of the
    kept trajectory (0.7 MB) left behind per frame would add 40 MB, twice the bound."""
    gui.descent.apply_state({"function": "ackley", "optimizers": ["gd", "momentum", "adam"], "lr": 0.02,
                             "start": [-1.5, 0.5], "tol": 0, "max_steps": 25_000})
    gui.descent.step(1000)
    gui.window.grab()
    before = _resident_mb()
    for _ in range(60):
        gui.descent.step(100)
        gui.window.grab()
    assert gui.descent.frame.step == 7_000
    assert _resident_mb() - before < 20  # the kept trajectory is 0.8 MB; drawing must not pile up
