"""Session files: round trip, strict refusals naming the problem, atomic saves (no Qt)."""

import json
import os

import pytest

from gdgui.core.autodiff.graph_document import document_to_dict
from gdgui.core.files import atomic_files
from gdgui.core.files.graph_files import load_document
from gdgui.core.files.session import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Session,
    SessionError,
    load_session,
    save_session,
    session_from_dict,
    session_to_dict,
)
from gdgui.core.json_files import MAX_JSON_BYTES
from gdgui.resources import resource_path

DESCENT = {"function": "himmelblau", "expression": None, "domain": None, "optimizers": ["gd", "adam"],
           "hyper": {"adam": {"beta1": 0.8}}, "lr": 0.02, "start": [-1.0, 2.0], "seed": 7, "particles": 1,
           "speed": 30, "max_steps": 500, "tol": 1e-6}


def _graph() -> dict:
    return document_to_dict(load_document(resource_path("graphs", "05-fork.json")))


def _session() -> Session:
    return Session(DESCENT, _graph(), "backprop", True, False)


def _valid() -> dict:
    return session_to_dict(_session())


def test_dict_round_trip_keeps_every_field():
    data = _valid()
    assert data["format"] == FORMAT_NAME and data["version"] == FORMAT_VERSION
    assert session_from_dict(json.loads(json.dumps(data))) == _session()


def test_file_round_trip(tmp_path):
    path = tmp_path / "lesson.gdgui"
    save_session(_session(), path)
    assert load_session(path) == _session()
    assert json.loads(path.read_text(encoding="utf-8"))["view"] == {"tab": "backprop", "basins": False,
                                                                    "projector": True}


def _broken(change) -> dict:
    data = _valid()
    change(data)
    return data


BAD_DOCUMENTS = {
    "not an object": ([1, 2], "JSON object"),
    "other format": (_broken(lambda d: d.update(format="gdgui-graph")), "not a gdgui session"),
    "newer version": (_broken(lambda d: d.update(version=2)), "version 2 is not supported"),
    "version true": (_broken(lambda d: d.update(version=True)), "version True"),
    "no descent": (_broken(lambda d: d.pop("descent")), "'descent' settings are missing"),
    "unknown field": (_broken(lambda d: d.update(extra=1)), "unknown field 'extra'"),
    "bad tab": (_broken(lambda d: d["view"].update(tab="sideways")), "tab must be one of"),
    "projector not bool": (_broken(lambda d: d["view"].update(projector="yes")), "projector must be true or false"),
    "basins not bool": (_broken(lambda d: d["view"].update(basins=1)), "basins must be true or false"),
    "unknown view field": (_broken(lambda d: d["view"].update(zoom=2)), "view: unknown field 'zoom'"),
    "graph with unknown op": (_broken(lambda d: d["graph"]["nodes"][-1].update(op="frobnicate")), "graph:"),
    "graph missing a value": (_broken(lambda d: d["graph"]["values"].pop("a")), "no value for a"),
}


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_bad_documents_are_refused_naming_the_problem(name):
    data, expected = BAD_DOCUMENTS[name]
    with pytest.raises(SessionError, match=expected):
        session_from_dict(data)


@pytest.mark.parametrize("content, expected", [
    (json.dumps(_valid())[:-40], "not valid JSON \\(truncated\\?\\)"),
    ("", "not valid JSON"),
    ('{"lr": NaN}', "NaN"),
])
def test_bad_files_are_refused(tmp_path, content, expected):
    path = tmp_path / "bad.gdgui"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SessionError, match=expected):
        load_session(path)


def test_binary_huge_and_missing_files_are_refused(tmp_path):
    binary = tmp_path / "binary.gdgui"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SessionError, match="not UTF-8"):
        load_session(binary)
    huge = tmp_path / "huge.gdgui"
    huge.write_bytes(b" " * (MAX_JSON_BYTES + 1))
    with pytest.raises(SessionError, match="too large"):
        load_session(huge)
    with pytest.raises(SessionError, match="cannot read"):
        load_session(tmp_path / "missing.gdgui")


def test_an_interrupted_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "lesson.gdgui"
    save_session(_session(), path)
    before = path.read_bytes()

    def power_cut(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(OSError):
        save_session(Session(dict(DESCENT, lr=0.5)), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.gdgui"]  # no temporary file left behind


def test_atomic_stream_replaces_only_when_complete(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_files.atomic_text_stream(path) as stream:
            stream.write("half of the new")
            raise RuntimeError("cancelled")
    assert path.read_text(encoding="utf-8") == "old\n"
    with atomic_files.atomic_text_stream(path) as stream:
        stream.write("new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_saved_files_get_the_usual_permissions_not_private_ones(tmp_path):
    path = tmp_path / "shared.gdgui"
    save_session(_session(), path)
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    os.chmod(path, 0o640)
    atomic_files.atomic_write_bytes(path, b"{}")
    assert path.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
