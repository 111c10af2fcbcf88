"""The one atomic writer: symbolic links kept, errors about the user's file, leftovers cleared,
and the saver's size cap equal to the reader's, so gdgui never saves what it cannot open."""

import dataclasses
import os

import pytest

from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import document_to_dict
from gdgui.core.descent.settings import DescentSettings
from gdgui.core.files.atomic_files import atomic_write_bytes, temporary_sibling
from gdgui.core.files.graph_files import load_document, save_document
from gdgui.core.files.session import Session, SessionError, load_session, save_session
from gdgui.core.json_files import MAX_JSON_BYTES, json_file_bytes
from gdgui.resources import resource_path


def _fork():
    return load_document(resource_path("graphs", "05-fork.json"))


def test_saving_onto_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "fork.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "fork.json"
    link.symlink_to(target)
    save_document(_fork(), link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert load_document(target).title == _fork().title
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["fork.json"]


def test_an_error_names_the_users_file_not_the_temporary(tmp_path, monkeypatch):
    path = tmp_path / "lesson.gdgui"

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError) as caught:
        atomic_write_bytes(path, b"{}")
    assert caught.value.errno == 28 and caught.value.filename == str(path)
    assert ".tmp" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named_as_the_user_gave_it(tmp_path):
    path = tmp_path / "no-such-folder" / "out.png"
    with pytest.raises(FileNotFoundError) as caught:
        atomic_write_bytes(path, b"png")
    assert caught.value.filename == str(path)


def test_the_next_save_in_a_folder_removes_what_killed_saves_left(tmp_path):
    leftovers = [tmp_path / ".lesson.gdgui.a1b2c3d4.tmp", tmp_path / ".race.gif.zz_9y8x7.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b"half a file")
    own_files = [tmp_path / ".notes.tmp", tmp_path / "draft.tmp", tmp_path / ".x.gdgui.short.tmp"]
    for own in own_files:
        own.write_bytes(b"the user's")
    atomic_write_bytes(tmp_path / "other.csv", b"a,b\n")
    assert not any(leftover.exists() for leftover in leftovers)
    assert all(own.read_bytes() == b"the user's" for own in own_files)


def test_a_save_in_progress_is_not_taken_for_a_leftover(tmp_path):
    with temporary_sibling(tmp_path / "slow.gif") as tmp:
        tmp.write_bytes(b"GIF89a")
        atomic_write_bytes(tmp_path / "quick.csv", b"a\n")  # cleans the folder meanwhile
        assert tmp.exists()
    assert (tmp_path / "slow.gif").read_bytes() == b"GIF89a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quick.csv", "slow.gif"]


def _titled(size: int):
    """The fork preset with a title making its saved file exactly ``size`` bytes."""
    doc = dataclasses.replace(_fork(), title="")
    base = len(json_file_bytes(document_to_dict(dataclasses.replace(doc, title="t")), "x", "graph file"))
    return dataclasses.replace(doc, title="t" * (1 + size - base))


def test_a_graph_file_as_large_as_the_reader_allows_saves_and_opens(tmp_path):
    path = tmp_path / "big.json"
    save_document(_titled(MAX_JSON_BYTES), path)
    assert path.stat().st_size == MAX_JSON_BYTES
    assert len(load_document(path).title) > MAX_JSON_BYTES - 2000


def test_a_graph_file_one_byte_too_large_is_refused_and_the_old_file_kept(tmp_path):
    path = tmp_path / "big.json"
    save_document(_fork(), path)
    before = path.read_bytes()
    with pytest.raises(GraphError, match=f"big.json would be {MAX_JSON_BYTES + 1:,} bytes"):
        save_document(_titled(MAX_JSON_BYTES + 1), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["big.json"]


def test_a_session_holding_a_huge_graph_is_refused_and_the_old_file_kept(tmp_path):
    path = tmp_path / "lesson.gdgui"
    save_session(Session(DescentSettings().to_dict(), document_to_dict(_fork())), path)
    before = path.read_bytes()
    huge = document_to_dict(_titled(MAX_JSON_BYTES))
    with pytest.raises(SessionError, match="lesson.gdgui would be .* bytes, more than"):
        save_session(Session({}, huge), path)
    assert path.read_bytes() == before
    assert load_session(path).graph == document_to_dict(_fork())
