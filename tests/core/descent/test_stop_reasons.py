"""The statuses of a run: one list, with words and meanings for every one of them."""

from gdgui.core.descent import stop_reasons
from gdgui.core.descent.stop_reasons import STATUS_MEANINGS, STATUS_NAMES, STATUS_WORDS


def test_the_codes_index_the_names():
    for name in STATUS_NAMES:
        assert STATUS_NAMES[getattr(stop_reasons, name.upper())] == name


def test_every_status_has_words_and_a_meaning_and_nothing_else_does():
    assert set(STATUS_WORDS) == set(STATUS_NAMES) == set(STATUS_MEANINGS)
