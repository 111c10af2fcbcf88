"""The Backprop graph's colour roles: text readable on white, and every role told apart by a deuteranope.

Contrast is WCAG 2's formula; colour blindness is simulated with Viénot, Brettel & Mollon (1999)
for deuteranopes, and differences measured as CIE76 ΔE in CIELAB (D65): both written out here,
independent of the code under test.
"""

import itertools
import math

import pytest

from gdgui.controllers.shell import theme
from gdgui.views.backprop.graph_labels import INK, MUTED

WHITE = "#FFFFFF"


def _rgb(hex_colour: str) -> list[float]:
    text = hex_colour.lstrip("#")
    return [int(text[i:i + 2], 16) / 255 for i in (0, 2, 4)]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _encoded(channel: float) -> float:
    channel = min(max(channel, 0.0), 1.0)
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def _luminance(rgb) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str = WHITE) -> float:
    high, low = sorted((_luminance(_rgb(colour)), _luminance(_rgb(background))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def deuteranope(colour: str) -> list[float]:
    """What a deuteranope sees, as encoded sRGB (Viénot et al. 1999)."""
    r, g, b = (_linear(c) for c in _rgb(colour))
    long = 17.8824 * r + 43.5161 * g + 4.11935 * b
    short = 0.0299566 * r + 0.184309 * g + 1.46709 * b
    medium = 0.494207 * long + 1.24827 * short
    back = (0.0809444479 * long - 0.130504409 * medium + 0.116721066 * short,
            -0.0102485335 * long + 0.0540193266 * medium - 0.113614708 * short,
            -0.000365296938 * long - 0.00412161469 * medium + 0.693511405 * short)
    return [_encoded(c) for c in back]


def _lab(rgb) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(rgb_a, rgb_b) -> float:
    return math.dist(_lab(rgb_a), _lab(rgb_b))


TEXT_ROLES = {"value": theme.FORWARD_COLOUR, "gradient": theme.BACKWARD_COLOUR, "ink": INK.name(),
              "caption": MUTED.name(), "error": theme.ERROR_COLOUR}
GRAPH_ROLES = {"value": theme.FORWARD_COLOUR, "gradient": theme.BACKWARD_COLOUR,
               "current step": theme.CURRENT_COLOUR, "selection": theme.SELECTION_COLOUR,
               "warning (ink)": INK.name(), "wire": MUTED.name()}


def test_the_formulas_reproduce_published_figures():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey
    assert deuteranope("#FFFFFF") == pytest.approx([1.0, 1.0, 1.0], abs=0.01)  # white stays white


@pytest.mark.parametrize("role", TEXT_ROLES)
def test_every_text_colour_reads_on_a_white_plate(role):
    assert contrast(TEXT_ROLES[role]) >= 4.5, (role, contrast(TEXT_ROLES[role]))


def test_values_and_gradients_are_okabe_ito_blue_and_vermillion_darkened_only_in_lightness():
    assert theme.FORWARD_COLOUR.upper() == "#0072B2"
    assert contrast("#D55E00") < 4.5  # Okabe–Ito's own vermillion is too light for text on white
    vermillion, ours = _rgb("#D55E00"), _rgb(theme.BACKWARD_COLOUR)
    assert ours[2] == vermillion[2] == 0 and ours[1] / ours[0] == pytest.approx(vermillion[1] / vermillion[0], rel=0.01)


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(GRAPH_ROLES, 2)))
def test_no_two_roles_of_the_graph_look_alike_to_a_deuteranope(a, b):
    assert GRAPH_ROLES[a].upper() != GRAPH_ROLES[b].upper()
    difference = delta_e(deuteranope(GRAPH_ROLES[a]), deuteranope(GRAPH_ROLES[b]))
    assert difference >= 20, (a, b, difference)

