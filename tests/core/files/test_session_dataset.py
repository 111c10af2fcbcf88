"""The neuron-loss function's data set in session files: saved and read back, files older than it
still open (the default points), a bad one refused naming the point."""

import json

import pytest

from gdgui.core.descent.settings import DescentSettings
from gdgui.core.files.session import Session, SessionError, load_session, save_session

EDITED = [[0.3, -2.7, 1], [-1.2, 0.4, 0], [2.5, 2.5, 1]]


def _descent(**changes) -> dict:
    return DescentSettings().updated({"function": "neuron_loss", **changes}).to_dict()


def test_an_edited_data_set_round_trips_through_a_file(tmp_path):
    path = tmp_path / "neuron.gdgui"
    save_session(Session(_descent(dataset=EDITED)), path)
    assert json.loads(path.read_text())["descent"]["dataset"] == EDITED
    loaded = load_session(path)
    settings = DescentSettings().updated(loaded.descent)
    assert settings.function == "neuron_loss"
    assert settings.dataset == ((0.3, -2.7, 1), (-1.2, 0.4, 0), (2.5, 2.5, 1))


def test_a_session_file_from_before_data_sets_opens_with_the_default_points(tmp_path):
    old = _descent()
    del old["dataset"]
    path = tmp_path / "old.gdgui"
    path.write_text(json.dumps({"format": "gdgui-session", "version": 1, "descent": old, "graph": None,
                                "view": {"tab": "descent", "basins": False}}))
    assert "dataset" not in json.loads(path.read_text())["descent"]
    assert DescentSettings().updated(load_session(path).descent).dataset is None


@pytest.mark.parametrize("dataset, words", [
    ({"x": 1}, "dataset: expected a list of [x1, x2, class] points, got {'x': 1}"),
    ([[0, 0, 1], [0, 0, 3]], "dataset: point 2: the class must be 0 or 1, got 3"),
    ([[0, 99, 0]], "dataset: point 1: x2 must be a number from −3 to 3, got 99"),
])
def test_a_bad_data_set_is_refused_with_a_message(tmp_path, dataset, words):
    data = {"format": "gdgui-session", "version": 1, "descent": {**_descent(), "dataset": dataset}, "graph": None}
    path = tmp_path / "bad.gdgui"
    path.write_text(json.dumps(data))
    with pytest.raises(SessionError) as error:
        load_session(path)
    assert str(error.value) == f"bad.gdgui: descent: {words}"
