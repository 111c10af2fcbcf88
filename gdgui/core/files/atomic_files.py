"""The one way gdgui writes files: a crash, a full disk or a cancel never leaves a half-written one.

Everything goes to a hidden temporary file in the target's folder, which replaces the target
only once it is complete (``os.replace`` is atomic on one file system). Saving onto a symbolic
link replaces the link's target and keeps the link. Errors name the user's file, not the
temporary; the temporaries a killed save left behind are removed by the next save in that folder.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator, TextIO

try:
    import fcntl
except ImportError:  # Windows: a file being written cannot be deleted there, so no lock is needed
    fcntl = None

__all__ = ["atomic_text_stream", "atomic_write_bytes", "temporary_sibling"]

# mkstemp makes private (0600) files; a saved file should get the usual permissions instead.
# Read once, at import, while only one thread runs (os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

_TEMPORARY_SUFFIX = ".tmp"
# What temporary_sibling names its files: ".<target name>.<mkstemp's 8 random characters>.tmp".
_TEMPORARY_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


@contextmanager
def temporary_sibling(path: str | os.PathLike) -> Iterator[Path]:
    """A fresh temporary path beside ``path``'s real file; it replaces that file if the block ends
    normally. An OSError names ``path``."""
    target = Path(os.path.realpath(path))
    _remove_leftovers(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_TEMPORARY_SUFFIX, dir=target.parent)
    except OSError as error:
        raise _naming(error, path) from None
    tmp = Path(name)
    try:
        with _claimed(fd):
            os.chmod(tmp, _mode_for(target))
            yield tmp
            os.replace(tmp, target)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise


@contextmanager
def _claimed(fd: int) -> Iterator[None]:
    """Hold the temporary open and locked until it has replaced the target, so that another
    save's clean-up never takes it for a leftover (Windows: its writer keeps it undeletable)."""
    if fcntl is None:
        os.close(fd)
        yield
        return
    try:
        with suppress(OSError):  # a file system without locks: clean-ups cannot lock it either, so skip it
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove_leftovers(folder: Path) -> None:
    """Delete the temporaries of saves that were killed (a lock-free file of our naming pattern)."""
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if _TEMPORARY_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                _remove_if_abandoned(Path(entry.path))


def _remove_if_abandoned(tmp: Path) -> None:
    with suppress(OSError):  # in use (locked, or open on Windows), or not ours to delete
        if fcntl is not None:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(fd)
        tmp.unlink()


def _naming(error: OSError, path: str | os.PathLike) -> OSError:
    """The same error about the user's ``path`` rather than the hidden temporary."""
    if error.errno is None:
        return error
    return OSError(error.errno, error.strerror, os.fspath(path))


@contextmanager
def atomic_text_stream(path: str | os.PathLike) -> Iterator[TextIO]:
    """A text stream (UTF-8, '\\n' line ends) whose content becomes ``path`` when the block ends."""
    with temporary_sibling(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with temporary_sibling(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or the usual ones for a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK
