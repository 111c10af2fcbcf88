"""Lesson decks: the course deck's structure, presets resolved, bad decks refused (no Qt)."""

import json

import pytest

from gdgui.core.files.deck import MAX_CAPTION, course_deck_path, deck_from_dict, load_deck
from gdgui.core.files.session import SessionError
from gdgui.core.json_files import read_json
from gdgui.resources import resource_path


def test_the_course_deck_has_eleven_one_line_slides_in_order():
    deck = load_deck(course_deck_path())
    assert len(deck.slides) == 11
    captions = [slide.caption for slide in deck.slides]
    assert all(0 < len(c) <= MAX_CAPTION and "\n" not in c for c in captions)
    assert "0.01" in captions[0] and "0.3" in captions[1] and "0.6" in captions[2] and "2/λmax" in captions[2]
    assert "Easom" in captions[3] and "(π, π)" in captions[4]
    assert "Himmelblau" in captions[5] and "basin" in captions[6] and "Ackley" in captions[7]
    assert [slide.session.tab for slide in deck.slides] == ["descent"] * 8 + ["backprop"] * 3


def test_graph_presets_become_their_documents():
    deck = load_deck(course_deck_path())
    graphs = [slide.session.graph for slide in deck.slides[8:]]
    expected = [read_json(resource_path("graphs", name), "graph preset") for name in
                ("01-sum-times.json", "02-logistic-regression.json", "05-fork.json")]
    assert graphs == expected
    assert all(slide.session.graph is None for slide in deck.slides[:8])  # descent slides keep the graph
    assert all(slide.session.descent is None for slide in deck.slides[8:])  # graph slides keep the run
    assert all(slide.session.projector is None for slide in deck.slides)  # the room decides


def _deck(*slides, **top) -> dict:
    return {"format": "gdgui-deck", "version": 1, "title": "t", "slides": list(slides), **top}


@pytest.mark.parametrize("data, expected", [
    (_deck(), "1 to 200 slides"),
    (_deck({"caption": "a"}, format="gdgui-session"), "not a gdgui deck"),
    (_deck({"caption": "a"}, version=3), "deck version 3"),
    (_deck({"caption": ""}), "slide 1: 'caption'"),
    (_deck({"caption": "ok"}, {"caption": "two\nlines"}), "slide 2: 'caption' must be one line"),
    (_deck({"caption": "x" * (MAX_CAPTION + 1)}), "slide 1: 'caption'"),
    (_deck({"caption": "a", "graph": {"preset": "nope.json"}}), "no graph preset called 'nope.json'"),
    (_deck({"caption": "a", "graph": {"preset": "../functions.json"}}), "must be a file name"),
    (_deck({"caption": "a", "view": {"projector": True}}), "cannot switch projector"),
    (_deck({"caption": "a", "notes": "x"}), "slide 1: unknown field 'notes'"),
    (_deck({"caption": "a", "descent": [1]}), "'descent' must be a mapping"),
])
def test_bad_decks_are_refused_naming_the_slide(data, expected):
    with pytest.raises(SessionError, match=expected):
        deck_from_dict(data)


def test_a_truncated_deck_file_is_refused(tmp_path):
    path = tmp_path / "deck.json"
    path.write_text(json.dumps(_deck({"caption": "a"}))[:-5], encoding="utf-8")
    with pytest.raises(SessionError, match="truncated"):
        load_deck(path)
