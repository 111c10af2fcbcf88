"""Every JSON loader refuses what is not a small, strict, UTF-8 JSON file, naming the file.

Sessions, decks and graph files all read through ``gdgui.core.json_files.read_json``; each
guard is checked through each loader, so none can slip back to a reader of its own.
"""

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.checks import DataError
from gdgui.core.descent.settings import DescentSettings
from gdgui.core.files.deck import load_deck
from gdgui.core.files.graph_files import load_document, load_graph
from gdgui.core.files.session import SessionError, load_session
from gdgui.core.json_files import MAX_JSON_BYTES

SESSION = {"format": "gdgui-session", "version": 1, "descent": DescentSettings().to_dict(), "graph": None,
           "view": {"tab": "descent"}}
DECK = {"format": "gdgui-deck", "version": 1, "title": "t", "slides": [{"caption": "one"}]}
GRAPH = parse("x*y").to_dict()

# (loader, the error it raises, a valid document of its format)
LOADERS = {
    "session": (load_session, SessionError, SESSION),
    "deck": (load_deck, SessionError, DECK),
    "graph": (load_graph, GraphError, GRAPH),
    "graph document": (load_document, GraphError, GRAPH),
}


@pytest.fixture(params=sorted(LOADERS))
def loader(request):
    return LOADERS[request.param]


def _refused(loader, path: Path, expected: str) -> str:
    """The loader's error message for ``path``, checked to name the file and the problem."""
    load, error_type, _ = loader
    with pytest.raises(error_type, match=expected) as caught:
        load(path)
    assert isinstance(caught.value, DataError)
    assert path.name in str(caught.value)
    return str(caught.value)


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_a_valid_file_with_a_utf8_bom_is_read(loader, tmp_path):
    load, _, document = loader
    path = _write(tmp_path / "notepad.json", "\ufeff" + json.dumps(document, indent=2))
    load(path)  # Windows Notepad's byte-order mark is not an error


def test_a_file_of_exactly_the_cap_is_read(loader, tmp_path):
    load, _, document = loader
    text = json.dumps(document)
    load(_write(tmp_path / "padded.json", text + " " * (MAX_JSON_BYTES - len(text))))


@pytest.mark.parametrize("name, content, expected", [
    ("over-the-cap.json", b" " * (MAX_JSON_BYTES + 1), "too large"),
    ("nan.json", '{"format": NaN}', "contains NaN, which is not a number JSON allows"),
    ("infinity.json", '{"x": [1, -Infinity]}', "contains -Infinity"),
    ("deep.json", "[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ("digits.json", '{"x": ' + "9" * 5_000 + "}", "too many digits"),
    ("latin1.json", '{"title": "café"}'.encode("latin-1"), "not UTF-8"),
    ("binary.json", b"\xff\xfe\x00garbage", "not UTF-8"),
    ("truncated.json", '{"format": "x",\n  "nodes": [', r"not valid JSON \(truncated\?\): .* at line 2, column"),
])
def test_bad_content_is_refused_naming_the_file(loader, tmp_path, name, content, expected):
    _refused(loader, _write(tmp_path / name, content), expected)


def test_a_folder_is_refused(loader, tmp_path):
    _refused(loader, tmp_path, "not a regular file")


def test_a_missing_file_is_refused(loader, tmp_path):
    _refused(loader, tmp_path / "missing.json", "cannot read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(loader, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    messages = []
    reader = threading.Thread(target=lambda: messages.append(_refused(loader, fifo, "not a regular file")),
                              daemon=True)
    reader.start()
    reader.join(timeout=60)  # a safety net only: opening a FIFO to read would wait for a writer forever
    assert not reader.is_alive() and messages


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/zero as on Linux")
def test_a_symlink_to_an_endless_device_is_refused(loader, tmp_path):
    link = tmp_path / "zeros.json"
    link.symlink_to("/dev/zero")
    _refused(loader, link, "not a regular file")


def test_a_symlink_to_a_good_file_is_read(loader, tmp_path):
    load, _, document = loader
    target = _write(tmp_path / "target.json", json.dumps(document))
    (tmp_path / "link.json").symlink_to(target)
    load(tmp_path / "link.json")


def test_a_graph_constant_too_large_for_a_float_is_refused(tmp_path):
    graph = parse("x*2").to_dict()
    next(node for node in graph["nodes"] if node["kind"] == "const")["value"] = 10 ** 400
    with pytest.raises(GraphError, match="no finite value"):
        load_graph(_write(tmp_path / "huge-constant.json", json.dumps(graph)))
