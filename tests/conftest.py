"""Shared test set-up: Qt renders offscreen, and helpers to run Python in a clean subprocess."""

import os
import tempfile  # noqa: E402

# Before anything imports Qt: tests never open a real window.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings (QSettings) and the crash log go to a throw-away home, never the developer's own;
# subprocesses inherit it.
_SCRATCH_HOME = tempfile.mkdtemp(prefix="gdgui-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SCRATCH_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SCRATCH_HOME, "data")
_PYCACHE = os.path.join(_SCRATCH_HOME, "pycache")

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

import gdgui  # noqa: E402

# The folder holding the gdgui package under test, so subprocesses import the same code.
SOURCE_ROOT = Path(gdgui.__file__).resolve().parent.parent
SUBPROCESS_TIMEOUT_S = 120


def subprocess_env() -> dict[str, str]:
    """The current environment, offscreen Qt, with the tested gdgui first on the path.

    Byte code goes to one throw-away folder shared by the run's subprocesses (never beside the
    source): the first one compiles gdgui, the others load it, even where PYTHONDONTWRITEBYTECODE
    is set."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=_PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE_ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def run_python(tmp_path):
    """Run Python (``-c CODE`` or a script's arguments) in a fresh process, by default in tmp_path."""

    def run(*args: str, code: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        command = [sys.executable, *(["-c", code] if code is not None else []), *args]
        return subprocess.run(
            command,
            cwd=cwd or tmp_path,
            env=subprocess_env(),
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )

    return run


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """After each test, delete the widgets it closed (pytest-qt's deleteLater waits for an event loop
    that may not run until some later test): every widget left alive is restyled again at each
    app-wide style change, so stale ones would make later tests slower, never different."""
    result = yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result
