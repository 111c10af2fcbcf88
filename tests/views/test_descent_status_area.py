"""The Descent tab's status area and the map's toolbar: long text never moves or widens anything.

A diverging Himmelblau (γ = 1) writes status lines far longer than the map is wide. The area keeps
its height, the window its width, the map and the buttons their places; what does not fit ends
in "…" and the tooltip holds every line in full.
"""

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QApplication, QToolButton

from gdgui.views.shell.screenshot import lay_out
from gdgui.views.widgets.elided_lines import ELLIPSIS, ElidedLines, elided_at_space

SIZES = [(False, (1400, 900)), (False, (1024, 768)), (True, (1280, 720)), (True, (1920, 1080))]


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def drawn_width(label) -> float:
    """How wide the label's text is drawn, in its own font, on one line per row."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    return document.idealWidth()


def _geometry(widget, window) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _places(gui) -> dict:
    window = gui.window
    tab = window.tabs.widget(0)
    buttons = tab.transport.findChildren(type(tab.transport.play_button)) + \
        tab.contour_view.findChildren(QToolButton)
    return {"window": (window.width(), window.minimumSizeHint().width()),
            "label height": tab.status_label.height(),
            "map": _geometry(tab.contour_view.plot_widget, window),
            "buttons": [_geometry(button, window) for button in buttons]}


@pytest.mark.parametrize(("projector", "size"), SIZES)
def test_a_long_status_is_elided_in_place_and_whole_in_the_tooltip(gui, projector, size):
    tab = gui.window.tabs.widget(0)
    gui.descent.set_function("himmelblau")
    gui.descent.set_lr(1.0)
    gui.theme.set_projector(projector)
    lay_out(gui.window, size)
    before = _places(gui)
    gui.descent.step(5)
    QApplication.processEvents()
    label = tab.status_label
    full = plain(label.toolTip())
    assert "γ is too large" in full and "the stable range here is γ <" in full, full  # the whole line
    shown = plain(label.text())
    assert shown.endswith(ELLIPSIS) and full.startswith(shown[:-1].rstrip()), (shown, full)
    assert drawn_width(label) <= label.contentsRect().width(), (drawn_width(label), label.width())
    assert _places(gui) == before


def test_status_keeps_its_height_while_a_swarm_changes_its_number_of_lines(gui):
    """A swarm's lines come and go with the states of its particles (running, converged, …)."""
    tab = gui.window.tabs.widget(0)
    gui.descent.set_function("himmelblau")
    gui.descent.set_lr(0.01)
    gui.descent.set_particles(60)
    lay_out(gui.window, (1400, 900))
    before, counts = _places(gui), set()
    for _ in range(30):
        gui.descent.step(20)
        QApplication.processEvents()
        counts.add(len(gui.descent.frame.status))
        after = _places(gui)  # (the step count "step 600 / 600" does widen the transport bar a little)
        assert {k: after[k] for k in ("label height", "map", "buttons")} == \
            {k: before[k] for k in ("label height", "map", "buttons")}
        assert after["window"][0] == before["window"][0]
    assert len(counts) >= 2, counts  # the number of lines did change
    assert all(plain(line) in plain(tab.status_label.toolTip()) for line in tab.status_label.full_lines())


def test_each_optimizer_gets_a_row(gui):
    tab = gui.window.tabs.widget(0)
    one_row = tab.status_label.height()
    for name in ("momentum", "adam"):
        gui.descent.set_optimizer_checked(name, True)
    QApplication.processEvents()
    rows = plain(tab.status_label.text()).split("\n")
    assert len(rows) == 3 and [row.split()[1] for row in rows] == ["GD", "Momentum", "Adam"], rows
    assert tab.status_label.height() >= 2.5 * one_row


# ----- the widget alone ------------------------------------------------------------------------

@pytest.fixture
def lines_label(qtbot):
    label = ElidedLines(2, "What it says.")
    qtbot.addWidget(label)
    label.resize(300, label.height())
    with qtbot.waitExposed(label):
        label.show()
    return label


def test_short_lines_are_shown_as_they_are(lines_label):
    lines_label.set_lines(["<b>one</b>", "<span style='color:#D55E00'>two</span>"])
    assert plain(lines_label.text()) == "one\ntwo"
    assert "<b>one</b>" in lines_label.text() and "#D55E00" in lines_label.text()


def test_a_long_line_is_cut_to_the_width_and_keeps_its_colour(lines_label):
    long_line = "<span style='color:#D55E00'>" + "word " * 200 + "</span>"
    lines_label.set_lines(["<b>head</b>", long_line])
    rows = plain(lines_label.text()).split("\n")
    assert rows[0] == "head" and rows[1].endswith(ELLIPSIS) and rows[1].startswith("word word")
    assert drawn_width(lines_label) <= lines_label.contentsRect().width()
    assert "#d55e00" in lines_label.text().lower()
    assert ("word " * 200).strip() in plain(lines_label.toolTip()) and "What it says." in lines_label.toolTip()


def test_a_cut_line_keeps_its_colour_to_itself(lines_label):
    """Rows share one document: a colour left open by the cut would run on into the rows below."""
    lines_label.set_lines(["<b>a</b> <span style='color:#A3001B'>✕ " + "word " * 200 + "</span>", "<b>next</b> row"])
    document = QTextDocument()
    document.setHtml(lines_label.text())
    colours, block = {}, document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            colours[fragment.text()] = fragment.charFormat().foreground().color().name().lower()
            it += 1
        block = block.next()
    cut = next(text for text in colours if text.endswith(ELLIPSIS))
    assert colours[cut] == "#a3001b"  # the cut line keeps its colour up to its "…"
    rest = [text for text in colours if "next" in text or "row" in text]
    assert rest and all(colours[text] != "#a3001b" for text in rest), colours


def test_lines_beyond_the_rows_share_the_last_row(lines_label):
    height = lines_label.height()
    lines_label.set_lines(["a", "b", "c"])
    assert plain(lines_label.text()).replace("\xa0", " ").split("\n") == ["a", "b  ·  c"]
    assert lines_label.height() == height


def test_widening_shows_more_of_a_cut_line(lines_label):
    lines_label.set_lines(["x " * 300])
    narrow = len(plain(lines_label.text()))
    lines_label.resize(600, lines_label.height())
    assert len(plain(lines_label.text())) > narrow
    assert lines_label.minimumSizeHint().width() == 0  # it never asks its layout for width


STATUS = "walking downhill — step 60 · f = 5.123456 · ‖∇f‖ = 9.54e−07 · x = (−2.805118, 3.131313)"


@pytest.mark.parametrize("width", range(120, 420, 7))
def test_a_line_is_cut_at_a_space_so_no_number_shows_in_part(lines_label, width):
    """"f = 5.…" and "‖∇f‖ = 9.54e" read as numbers they are not: a number shows whole or not at all."""
    lines_label.resize(width, lines_label.height())
    lines_label.set_lines([f"<b>GD</b>&nbsp; {STATUS}"])
    shown = plain(lines_label.text()).replace("\xa0", " ")
    whole = f"GD  {STATUS}"
    assert shown == whole or _cut_between_words(shown, whole), shown


def _cut_between_words(shown: str, whole: str) -> bool:
    """``shown`` is the start of ``whole`` up to a space (kept or not), then "…"."""
    kept = shown.removesuffix(ELLIPSIS)
    return shown.endswith(ELLIPSIS) and whole.startswith(kept) and (kept.endswith(" ") or whole[len(kept)] == " ")


def test_the_status_bar_cuts_a_long_message_at_a_space_and_keeps_it_whole(gui):
    lay_out(gui.window, (1024, 768))
    message = f"GD: {STATUS} " * 2
    gui.window.statusBar().showMessage(message, 10_000)
    bar = gui.window.statusBar()
    shown = bar.shown_message()
    assert _cut_between_words(shown, message), shown
    assert bar.currentMessage() == message and bar.toolTip() == message  # whole, for the tests and on hover
    assert QFontMetricsF(bar.font()).horizontalAdvance(shown) <= bar.width()
    bar.clearMessage()


def test_elided_at_space_keeps_a_short_text_and_a_text_without_spaces():
    metrics = QFontMetricsF(QApplication.font())
    assert elided_at_space("f = 2", metrics, 500) == "f = 2"
    cut = elided_at_space("9.5400000000000000000e−07", metrics, 60)  # no space to cut at: Qt's cut
    assert cut.endswith(ELLIPSIS) and len(cut) < 25


# ----- the map's toolbar -----------------------------------------------------------------------

def test_the_gradient_field_button_says_it_draws_the_downhill_direction(gui):
    button = gui.window.tabs.widget(0).contour_view.field_button
    assert button.text() == "−∇f (downhill)"
    assert "downhill" in button.toolTip() and "−∇f" in button.toolTip() and "one length" in button.toolTip()


@pytest.mark.parametrize(("projector", "size"), SIZES)
def test_the_map_toolbar_fits_its_window(gui, projector, size):
    gui.theme.set_projector(projector)
    lay_out(gui.window, size)
    view = gui.window.tabs.widget(0).contour_view
    window_rect = gui.window.rect()
    places = [_geometry(button, gui.window) for button in view.toolbar.findChildren(QToolButton)]
    for index, place in enumerate(places):
        assert window_rect.contains(place), place
        assert place.width() >= view.toolbar.findChildren(QToolButton)[index].sizeHint().width()  # text not cut
        assert not any(place.intersects(other) for other in places[index + 1:])
    if size == (1400, 900) and not projector:
        assert len({place.y() for place in places}) == 1  # one row, as before the longer name


def test_the_step_label_keeps_its_size_while_the_steps_grow(gui):
    """Its text changes every frame; its size does not, so the timeline beside it never moves."""
    gui.descent.apply_state({"function": "himmelblau", "lr": 0.001, "start": [0, 0], "tol": 0})
    tab = gui.window.tabs.widget(0)
    lay_out(gui.window, (1400, 900))
    label, timeline = tab.transport.step_label, tab.transport.timeline
    hint, geometry = label.sizeHint(), timeline.geometry()
    for steps in (1, 2000):
        gui.descent.step(steps)
        lay_out(gui.window, (1400, 900))
        assert (label.sizeHint(), timeline.geometry()) == (hint, geometry)
    assert label.text() == "step 2,001 / 2,001"
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def test_the_status_shows_the_frame_a_played_run_stopped_at_and_each_step_after(qtbot, gui):
    """While playing, the words change at most ten times a second; paused, they are the last frame's."""
    tab = gui.window.tabs.widget(0)
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "adam"], "lr": 0.001,
                             "tol": 0, "speed": 1000, "max_steps": 100_000})
    gui.descent.play()
    qtbot.waitUntil(lambda: gui.descent.frame.step >= 20, timeout=10_000)
    gui.descent.pause()
    shown = plain(tab.status_label.text())
    assert all(line.text in shown for line in gui.descent.frame.status)
    gui.descent.step()  # not playing: this step's words at once
    shown = plain(tab.status_label.text())
    assert all(line.text in shown for line in gui.descent.frame.status)
    gui.descent.reset()
