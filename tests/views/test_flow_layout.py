"""FlowLayout: rows that wrap, or one or two columns of buttons of one width."""

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
    layout.set_columns(1)
    bar.resize(bar.minimumWidth(), 400)
    bar.show()
    layout.activate()
    assert bar.width() == widest
    assert [button.width() for button in buttons] == [widest] * 4
    tops = [button.y() for button in buttons]
    assert tops == sorted(tops) and len(set(tops)) == 4  # one a row, top to bottom


def test_two_columns_put_two_buttons_a_row_as_wide_as_the_widest(qtbot):
    bar, layout, buttons = _toolbar(qtbot)
    widest = max(button.sizeHint().width() for button in buttons)
    heights = [button.sizeHint().height() for button in buttons]
    two = layout.column_size(2)
    assert two.width() == 2 * widest + 4
    assert two.height() == max(heights[:2]) + max(heights[2:]) + 4  # two rows of two
    assert layout.column_size(2).height() < layout.column_size(1).height()
    layout.set_columns(2)
    bar.resize(bar.minimumWidth(), 400)
    bar.show()
    layout.activate()
    assert bar.width() == two.width()
    assert [button.width() for button in buttons] == [widest] * 4
    assert [(button.x(), button.y()) for button in buttons] == [
        (0, 0), (widest + 4, 0), (0, max(heights[:2]) + 4), (widest + 4, max(heights[:2]) + 4)]


def test_back_in_rows_the_buttons_take_their_own_widths_again(qtbot):
    bar, layout, buttons = _toolbar(qtbot)
    layout.set_columns(1)
    layout.set_columns(0)
    bar.resize(2000, 100)
    bar.show()
    layout.activate()
    assert [button.width() for button in buttons] == [button.sizeHint().width() for button in buttons]
    assert len({button.y() for button in buttons}) == 1  # one row when there is room


def _one_row_width(buttons, spacing=4):
    shown = [b.sizeHint().width() for b in buttons if not b.isHidden()]
    return sum(shown) + spacing * (len(shown) - 1)


def test_the_height_for_a_width_follows_a_button_growing_and_one_hidden(qtbot):
    bar, layout, buttons = _toolbar(qtbot)
    bar.show()
    row = max(button.sizeHint().height() for button in buttons)
    width = _one_row_width(buttons)
    assert layout.heightForWidth(width) == row  # all fit in one row
    buttons[0].setText("Log colours, and a much longer caption now")
    assert _one_row_width(buttons) > width
    assert layout.heightForWidth(width) > row  # asked again at the same width: it wraps now
    buttons[0].hide()
    assert _one_row_width(buttons) <= width
    assert layout.heightForWidth(width) == row  # the hidden one takes no room


def test_the_height_for_a_width_follows_buttons_taken_out_and_added(qtbot):
    bar, layout, buttons = _toolbar(qtbot)
    width = _one_row_width(buttons)
    row = max(button.sizeHint().height() for button in buttons)
    assert layout.heightForWidth(width) == row
    layout.addWidget(QPushButton("One more button", bar))
    assert layout.heightForWidth(width) > row
    layout.takeAt(layout.count() - 1).widget().deleteLater()
    assert layout.heightForWidth(width) == row
