"""Write files so that a crash, a full disk or a cancel never leaves a half-written one.

Everything goes to a temporary file in the target's folder, which replaces the target only
once it is complete (``os.replace`` is atomic on one file system).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

__all__ = ["atomic_text_stream", "atomic_write_bytes", "temporary_sibling"]

# mkstemp makes private (0600) files; a saved file should get the usual permissions instead.
# Read once, at import, while only one thread runs (os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def temporary_sibling(path: str | os.PathLike) -> Iterator[Path]:
    """A fresh temporary path beside ``path``; it replaces ``path`` if the block ends normally."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, _mode_for(path))
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
