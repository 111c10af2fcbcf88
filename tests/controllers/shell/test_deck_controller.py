"""The course deck through the real controllers: slides in order, and each slide's claim holds."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.deck import DeckController
from gdgui.controllers.shell.session import SessionController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.lr_science import curvatures
from gdgui.core.files.deck import course_deck_path, load_deck


@pytest.fixture
def course(qtbot):
    descent, graph, theme = DescentController(), GraphController(), ThemeController()
    session = SessionController(descent, graph, theme)
    deck = DeckController(session)
    assert deck.open_file(course_deck_path())
    yield deck, descent, graph, session
    descent.set_basins_shown(False)
    QThreadPool.globalInstance().waitForDone(30_000)


def test_a_slide_starts_the_descent_history_afresh(course):
    deck, descent, _, _ = course
    descent.set_lr(0.2)
    assert descent.undo_stack.canUndo()  # a change of one's own can be undone…
    deck.next_slide()
    slide_lr = descent.settings.lr
    assert not descent.undo_stack.canUndo()  # …but not back past the slide the class now sees
    descent.set_lr(slide_lr / 2)
    descent.undo_stack.undo()
    assert descent.settings.lr == slide_lr


def _run_to_the_end(descent):
    descent.step(descent.settings.max_steps + 1)
    return descent.record.run


def test_slides_load_in_order_with_their_captions(course):
    deck, descent, graph, session = course
    shown = []
    deck.slide_changed.connect(lambda index, count, caption: shown.append((index, count, caption)))
    captions = [slide.caption for slide in load_deck(course_deck_path()).slides]
    deck.go_to(0)
    for _ in range(12):  # one more than the deck: the last slide stays
        deck.next_slide()
    assert shown == [(k, 11, captions[k]) for k in range(11)]
    deck.previous_slide()
    assert deck.index == 9 and session.snapshot().tab == "backprop"


def test_slides_one_to_three_crawl_converge_and_diverge(course):
    deck, descent, _, _ = course
    deck.go_to(0)
    run = _run_to_the_end(descent)
    assert run.status_name(0) == "converged" and 700 < run.steps[0] < 900  # crawls: "≈ 800 steps"
    deck.go_to(1)
    run = _run_to_the_end(descent)
    assert run.status_name(0) == "converged" and run.steps[0] == 18  # "in 18 steps"
    deck.go_to(2)
    (start,) = curvatures(run.objective, [descent.settings.start])
    assert descent.settings.lr > start.bound == pytest.approx(0.5)
    assert _run_to_the_end(descent).status_name(0) == "diverged"


def _caption(index: int) -> str:
    return load_deck(course_deck_path()).slides[index].caption


def test_easom_plateau_then_the_minimum_at_pi_pi(course):
    deck, descent, _, _ = course
    deck.go_to(3)
    assert _run_to_the_end(descent).status_name(0) == "plateau"
    slope = _caption(3).split(": ", 1)[1].split(" — ")[0]  # "‖∇f‖ = 1.72e−50", as the status line writes it
    assert slope.startswith("‖∇f‖ = ") and descent.frame.status[0].text.endswith(f"· {slope}")
    deck.go_to(4)
    run = _run_to_the_end(descent)
    assert run.status_name(0) == "converged"
    np.testing.assert_allclose(run.positions[0], [math.pi, math.pi], atol=1e-5)


def test_himmelblau_four_starts_reach_four_minima_and_the_swarm_shows_basins(course):
    deck, descent, _, _ = course
    deck.go_to(5)
    run = _run_to_the_end(descent)
    assert descent.settings.particles == 4
    assert all(run.status_name(i) == "converged" for i in range(4))
    assert sorted(run.minimum_index) == [0, 1, 2, 3]
    deck.go_to(6)
    assert descent.settings.particles == 1000 and descent.analysis.basins_shown


def test_ackley_gd_is_trapped_while_momentum_and_adam_reach_the_centre(course):
    deck, descent, _, _ = course
    deck.go_to(7)
    assert descent.settings.optimizers == ("gd", "momentum", "adam")
    run = _run_to_the_end(descent)
    assert run.status_name(0) == "converged" and run.values[0] > 1  # a local dip, not the centre
    for particle in (1, 2):
        assert np.hypot(*run.positions[particle]) < 0.1 and run.values[particle] < 0.5
    gd, momentum, adam = descent.frame.status  # the caption's words, on the screen
    assert "GD is trapped" in _caption(7) and "reached a local minimum" in gd.text
    assert "momentum and Adam" in _caption(7) and "where f has no gradient, and circle it" in _caption(7)
    for line in (momentum, adam):
        assert "circling a point where f has no gradient" in line.text, line.label


def test_backprop_slides_show_the_course_graphs_and_keep_the_run(course):
    deck, descent, graph, session = course
    deck.go_to(7)
    run_state = descent.state_dict()
    expected = {8: "(x1 + x2) * x3", 9: None, 10: "(a + b) * (b + 1)"}
    for index, text in expected.items():
        deck.go_to(index)
        assert session.snapshot().tab == "backprop" and descent.state_dict() == run_state
        if text:
            assert graph.expression_text().replace(" ", "") == text.replace(" ", "")
    deck.go_to(9)
    assert graph.document.values == {"w0": -3.0, "w1": 2.0, "w2": -3.0, "x1": -1.0, "x2": -2.0}


def _caption_output(caption: str) -> str:
    """The name a caption gives the output: "f" of "f = (x1 + x2) · x3: …"."""
    return caption.split(" = ", 1)[0].split()[-1]


@pytest.mark.parametrize("index", [8, 10])
def test_the_output_has_the_name_the_caption_gives_it(course, index):
    deck, _, graph, _ = course
    deck.go_to(index)
    caption = load_deck(course_deck_path()).slides[index].caption
    assert graph.names()[graph.graph.output()] == _caption_output(caption) == "f"


@pytest.mark.parametrize("index", [8, 9, 10])
def test_backprop_slides_open_unsolved_and_again_when_turned_back_to(course, index):
    deck, _, graph, _ = course
    deck.go_to(index)
    walk = graph.walkthrough
    assert all(walk.has_value(node_id) for node_id in graph.graph.nodes)  # values forward
    assert walk.edge_grads_shown() == set() and walk.cursor == walk.forward_count  # backward at its step 0
    graph.step_forward()  # Right steps a gate
    assert graph.walkthrough.cursor == walk.forward_count + 1
    graph.run_backward()  # End shows everything
    assert graph.walkthrough.edge_grads_shown() and graph.walkthrough.cursor == len(walk.steps)
    deck.go_to(7)
    deck.go_to(index)  # the same graph is still open: the slide starts over all the same
    assert graph.walkthrough.cursor == graph.walkthrough.forward_count


def test_a_broken_deck_is_refused_and_the_open_deck_stays(course, tmp_path):
    deck, descent, _, _ = course
    deck.go_to(2)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "gdgui-deck", "version": 1, "slides": [{"caption": "a", '
                   '"descent": {"lr": 99}}]}', encoding="utf-8")
    messages = []
    deck.failed.connect(messages.append)
    assert not deck.open_file(bad)
    assert "slide 1" in messages[0] and "lr" in messages[0]
    assert deck.index == 2 and descent.settings.lr == 0.6
    deck.next_slide()
    assert deck.index == 3  # the open deck still turns its slides


def test_closing_keeps_the_last_slide_to_explore(course):
    deck, descent, _, _ = course
    deck.go_to(4)
    closed, turned = [], []
    deck.opened_changed.connect(closed.append)
    deck.slide_changed.connect(lambda *slide: turned.append(slide))
    deck.close()
    deck.next_slide()
    assert closed == [False] and turned == [] and descent.settings.function == "easom"
