"""Graph files on disk: read (``gdgui.core.json_files``) and validate before building, write atomically."""

from __future__ import annotations

import os
from pathlib import Path

from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.autodiff.graph_data import graph_from_dict
from gdgui.core.autodiff.graph_document import GraphDocument, document_from_dict, document_to_dict
from gdgui.core.autodiff.program import PROGRAM_SUFFIXES
from gdgui.core.files.atomic_files import atomic_write_bytes
from gdgui.core.json_files import json_file_bytes, read_json
from gdgui.resources import resource_root

_KIND = "graph file"


def load_graph(path: str | os.PathLike) -> Graph:
    """Read a graph file; any problem (unreadable, truncated, invalid) is a ``GraphError`` naming the file."""
    return _naming_file(path, graph_from_dict, read_json(path, _KIND, GraphError))


def save_graph(graph: Graph, path: str | os.PathLike) -> None:
    _save(graph.to_dict(), path)


def load_document(path: str | os.PathLike) -> GraphDocument:
    """Read a graph file; any problem (unreadable, truncated, invalid) is a ``GraphError`` naming the file."""
    return _naming_file(path, document_from_dict, read_json(path, _KIND, GraphError))


def _naming_file(path, build, data):
    """``build(data)``; its GraphError starts with the file's name, as the reader's errors do."""
    try:
        return build(data)
    except GraphError as error:
        raise GraphError(f"{Path(path).name}: {error}") from None


def save_document(doc: GraphDocument, path: str | os.PathLike) -> None:
    """Atomic: a crash mid-save leaves the previous file intact; GraphError if the file would be
    too large to open again."""
    _save(document_to_dict(doc), path)


def _save(data: dict, path: str | os.PathLike) -> None:
    """Ids sorted (``Graph.to_dict``) and keys sorted, so files diff cleanly."""
    atomic_write_bytes(path, json_file_bytes(data, path, _KIND, GraphError, sort_keys=True))


PROGRAM_FILE, GRAPH_FILE, PRESET, TYPED, MISSING = "program file", "graph file", "preset", "typed", "missing"


def graph_argument(text: str) -> tuple[str, str]:
    """What a ``--graph`` names, and the path, preset file name or text to open: a program file
    (``PROGRAM_SUFFIXES``), a graph file, a preset ("05-fork", ".json" optional), a file that is not
    there (a name ending in .json, .py or .txt), else the text of a formula or program typed there.
    The command line's check and the window's opening both ask here."""
    path = Path(text)
    if path.suffix in PROGRAM_SUFFIXES and path.is_file():
        return PROGRAM_FILE, text
    if path.is_file():
        return GRAPH_FILE, text
    preset = text if text.endswith(".json") else f"{text}.json"
    if Path(preset).name == preset and (resource_root() / "graphs" / preset).is_file():
        return PRESET, preset
    return (MISSING if path.suffix in (".json", *PROGRAM_SUFFIXES) else TYPED), text
