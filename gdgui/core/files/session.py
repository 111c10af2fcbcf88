"""A session file (``.gdgui``): both tabs' state and the view, as strict JSON (no Qt).

::

    {"format": "gdgui-session", "version": 1,
     "descent": {... the Descent tab's settings ...},
     "graph": {... a graph document ...} or null,
     "view": {"tab": "descent" | "backprop", "projector": true | false, "basins": true | false}}

The Descent settings' "dataset" (the neuron loss's points, [[x1, x2, class], …] or null) came later:
a file without it opens with the default points.

Everything this module can check is checked before anything is built: the header, the
types, the Descent settings (by ``DescentSettings``' own rules, the ones the window's inputs obey),
the graph document (``gdgui.core.autodiff.graph_document``) and the view. Problems raise
``SessionError`` naming the file and the field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import document_from_dict
from gdgui.core.checks import DataError, brief, require, require_version
from gdgui.core.descent.settings import DescentSettings
from gdgui.core.files.atomic_files import atomic_write_bytes
from gdgui.core.json_files import json_file_bytes, read_json

__all__ = ["Session", "SessionError", "FORMAT_NAME", "FORMAT_VERSION", "FILE_SUFFIX", "TABS",
           "session_to_dict", "session_from_dict", "load_session", "save_session", "checked_descent"]

FORMAT_NAME = "gdgui-session"
FORMAT_VERSION = 1
FILE_SUFFIX = ".gdgui"
TABS = ("descent", "backprop")

_TOP_KEYS = {"format", "version", "descent", "graph", "view"}
_VIEW_KEYS = {"tab", "projector", "basins"}
_ADDED_LATER = {"dataset"}  # Descent settings older session files lack: their defaults apply


class SessionError(DataError):
    """A session (or deck) file that cannot be used; the message names the problem."""


_require = partial(require, error=SessionError)


@dataclass(frozen=True)
class Session:
    """What a session restores. ``projector`` None leaves the current look alone (deck slides)."""

    descent: dict | None         # None (deck slides only): leave the Descent tab as it is
    graph: dict | None = None    # None: leave the Backprop tab's graph as it is
    tab: str = "descent"
    projector: bool | None = None
    basins: bool = False


def session_to_dict(session: Session) -> dict:
    view = {"tab": session.tab, "basins": session.basins}
    if session.projector is not None:
        view["projector"] = session.projector
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "descent": session.descent,
            "graph": session.graph, "view": view}


def session_from_dict(data, where: str = "session") -> Session:
    """Validate ``data`` (a parsed session) and build the Session; SessionError otherwise."""
    _require(isinstance(data, dict), f"{where}: expected a JSON object at the top")
    _check_header(data, where)
    _no_unknown(data, _TOP_KEYS, where)
    _require(isinstance(data.get("descent"), dict), f"{where}: the 'descent' settings are missing")
    return session_body(data, where, complete=True)


def session_body(data: dict, where: str, complete: bool = False) -> Session:
    """The descent / graph / view part of a session (shared with deck slides, which have no header
    and may give only the Descent settings that differ from the defaults: ``complete`` False)."""
    descent = data.get("descent")
    _require(descent is None or isinstance(descent, dict), f"{where}: 'descent' must be a mapping of settings")
    if descent is not None:
        try:
            checked_descent(descent, complete)
        except SessionError as error:
            raise SessionError(f"{where}: {error}") from None
    graph = data.get("graph")
    if graph is not None:
        try:
            document_from_dict(graph)
        except GraphError as error:
            raise SessionError(f"{where}: graph: {error}") from None
    return Session(descent, graph, **_view(data.get("view", {}), where))


def checked_descent(state: dict, complete: bool) -> dict:
    """Every Descent setting, checked by the Descent tab's rules; SessionError names a bad one.
    ``complete`` (a session file) requires every setting; a deck slide may list only what differs
    from the defaults."""
    defaults = DescentSettings()
    missing = sorted(set(defaults.to_dict()) - set(state) - _ADDED_LATER)
    if complete and missing:
        raise SessionError(f"descent: the setting {missing[0]!r} is missing")
    try:
        return defaults.updated(state).to_dict()
    except ValueError as error:
        raise SessionError(f"descent: {error}") from None


def _check_header(data: dict, where: str) -> None:
    _require(data.get("format") == FORMAT_NAME,
             f"{where}: not a gdgui session (format is {brief(data.get('format'))}, expected {FORMAT_NAME!r})")
    require_version(data.get("version"), FORMAT_VERSION, f"{where}: session", SessionError)


def _view(view, where: str) -> dict:
    _require(isinstance(view, dict), f"{where}: 'view' must be a mapping")
    _no_unknown(view, _VIEW_KEYS, f"{where}: view")
    tab = view.get("tab", "descent")
    _require(isinstance(tab, str) and tab in TABS,
             f"{where}: view: tab must be one of {', '.join(TABS)}, got {brief(tab)}")
    projector = view.get("projector")
    _require(projector is None or isinstance(projector, bool), f"{where}: view: projector must be true or false")
    basins = view.get("basins", False)
    _require(isinstance(basins, bool), f"{where}: view: basins must be true or false")
    return {"tab": tab, "projector": projector, "basins": basins}


def load_session(path: str | os.PathLike) -> Session:
    """Read and validate a session file; SessionError naming the problem."""
    return session_from_dict(read_json(path, "session", SessionError), Path(path).name)


def save_session(session: Session, path: str | os.PathLike) -> None:
    """Write atomically: a crash or a full disk mid-save leaves the previous file intact. A session
    too large to open again is refused (SessionError) and the previous file stays."""
    atomic_write_bytes(path, json_file_bytes(session_to_dict(session), path, "session", SessionError))


def _no_unknown(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    _require(not unknown, f"{where}: unknown field {brief(unknown[0])}" if unknown else "")

