"""TextRows: rows inserted, removed, rewritten and marked where they are read back as a plain list would."""

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gdgui.views.widgets.text_rows import TextRows


def _random_edit(rows: TextRows, model: list, rng: random.Random, serial: int) -> None:
    kind = rng.choice(["insert", "insert", "remove", "set", "mark", "clear"] if model else ["insert"])
    if kind == "insert":
        at = rng.randint(0, len(model))
        new = [(f"row {serial}.{i} " + "word " * rng.randint(0, 30), rng.random() < 0.3) for i in range(rng.randint(1, 4))]
        rows.insert_rows(at, new)
        model[at:at] = new
    elif kind == "remove":
        at = rng.randrange(len(model))
        count = rng.randint(1, 4)
        rows.remove_rows(at, count)
        del model[at:at + count]
    elif kind == "set":
        at = rng.randrange(len(model))
        rows.set_row(at, f"rewritten {serial}")
        model[at] = (f"rewritten {serial}", model[at][1])
    elif kind == "mark":
        at = rng.randrange(len(model))
        marked = rng.random() < 0.5
        rows.mark_row(at, marked)
        model[at] = (model[at][0], marked)
    else:
        rows.clear_rows()
        model.clear()


def test_any_sequence_of_edits_reads_back_as_the_same_edits_on_a_list(qtbot):
    rows = TextRows(QColor("#fff1cc"))
    qtbot.addWidget(rows)
    rows.resize(300, 120)
    rng, model = random.Random(12), []
    for serial in range(600):
        _random_edit(rows, model, rng, serial)
        assert rows.rows() == [text for text, _ in model]
        assert [rows.is_marked(row) for row in range(rows.row_count())] == [marked for _, marked in model]


def test_a_marked_row_is_bold_on_the_mark_colour_and_a_plain_one_is_not(qtbot):
    rows = TextRows(QColor("#fff1cc"))
    qtbot.addWidget(rows)
    rows.insert_rows(0, [("plain", False), ("marked", True)])
    marked = rows.document().findBlockByNumber(1)
    assert marked.blockFormat().background().color() == QColor("#fff1cc")
    assert [f.format.font().bold() for f in marked.textFormats()] == [True]
    rows.mark_row(1, False)
    assert not rows.is_marked(1) and rows.document().findBlockByNumber(1).blockFormat().background().style() == Qt.BrushStyle.NoBrush
