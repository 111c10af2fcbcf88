"""FlowLayout: rows that wrap, or one column of buttons of one width."""

from PySide6.QtWidgets import QPushButton, QWidget

from gdgui.views.widgets.flow_layout import FlowLayout

TEXTS = ("Log colours", "A", "−∇f (downhill)", "Reset zoom")


def _toolbar(qtbot):
    bar = QWidget()
    qtbot.addWidget(bar)
    layout = FlowLayout(bar, spacing=4)
    buttons = [QPushButton(text, bar) for text in TEXTS]
    for button in buttons:
        layout.addWidget(button)
    return bar, layout, buttons


def test_a_column_stacks_the_buttons_one_a_row_as_wide_as_the_widest(qtbot):
    bar, layout, buttons = _toolbar(qtbot)
    widest = max(button.sizeHint().width() for button in buttons)
    column = layout.column_size()
    assert column.width() == widest
    assert column.height() == sum(button.sizeHint().height() for button in buttons) + 4 * 3
    layout.set_column(True)
    bar.resize(bar.minimumWidth(), 400)
    bar.show()
    layout.activate()
    assert bar.width() == widest
    assert [button.width() for button in buttons] == [widest] * 4
    tops = [button.y() for button in buttons]
    assert tops == sorted(tops) and len(set(tops)) == 4  # one a row, top to bottom


def test_back_in_rows_the_buttons_take_their_own_widths_again(qtbot):
    bar, layout, buttons = _toolbar(qtbot)
    layout.set_column(True)
    layout.set_column(False)
    bar.resize(2000, 100)
    bar.show()
    layout.activate()
    assert [button.width() for button in buttons] == [button.sizeHint().width() for button in buttons]
    assert len({button.y() for button in buttons}) == 1  # one row when there is room
