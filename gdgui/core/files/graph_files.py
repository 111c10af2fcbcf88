"""Graph files on disk: read and validate before building, write atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.autodiff.graph_data import graph_from_dict
from gdgui.core.autodiff.graph_document import GraphDocument, document_from_dict, document_to_dict
from gdgui.core.files.atomic_files import atomic_text_stream


def load_graph(path: str | os.PathLike) -> Graph:
    """Read a graph file; any problem (unreadable, truncated, invalid) is a ``GraphError``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise GraphError(f"cannot read {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise GraphError(f"{Path(path).name} is not valid JSON (truncated?): {error.msg} at line {error.lineno}") from None
    return graph_from_dict(data)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` so that a failure never leaves a half-written file (see ``atomic_files``)."""
    with atomic_text_stream(path) as stream:
        stream.write(text)


def save_graph(graph: Graph, path: str | os.PathLike) -> None:
    atomic_write_text(path, json.dumps(graph.to_dict(), indent=2, sort_keys=True) + "\n")


def load_document(path: str | os.PathLike) -> GraphDocument:
    """Read a graph file; any problem (unreadable, truncated, invalid) is a ``GraphError``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise GraphError(f"cannot read {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise GraphError(f"{Path(path).name} is not valid JSON (truncated?): {error.msg} "
                         f"at line {error.lineno}") from None
    return document_from_dict(data)


def save_document(doc: GraphDocument, path: str | os.PathLike) -> None:
    """Atomic: a crash mid-save leaves the previous file intact."""
    atomic_write_text(path, json.dumps(document_to_dict(doc), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
