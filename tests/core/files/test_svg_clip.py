"""portable_svg: no clip path left, what was clipped cut in its geometry (worked by hand), polylines as paths."""

import xml.etree.ElementTree as ElementTree

import pytest

from gdgui.core.files.svg_clip import SVG_NS, portable_svg

S = f"{{{SVG_NS}}}"

# The clip rectangle is x 10…110, y 20…70 (as pyqtgraph writes it: a path round the rectangle).
CLIPPED = f"""<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100">
<rect width="100%" height="100%" fill="#ffffff"/>
<clipPath id="box"><path d="M10,20 L110,20 L110,70 L10,70 L10,20 "/></clipPath>
<g clip-path="url(#box)">
  <g fill="none" stroke="#0072b2" stroke-linecap="round">
    <polyline id="line" fill="none" points="0,30 60,30 60,90"/>
    <path id="far" d="M150,30 L190,30"/>
  </g>
  <g fill="#e69f00"><path id="square" d="M100,60 L130,60 L130,80 L100,80 Z"/></g>
  <g fill="#cc79a7"><path id="marks" d="M50,50 C51,50 52,51 52,52 Z M150,50 C151,50 152,51 152,52 Z"/></g>
  <g transform="matrix(2,0,0,-1,10,70)"><image id="inside" x="0" y="0" width="10" height="10"/>
    <image id="outside" x="60" y="0" width="10" height="10"/></g>
  <g transform="matrix(1,0,0,1,140,40)"><text id="label" x="0" y="0">min</text></g>
</g>
<g fill="none" stroke="black"><polyline id="axis" points="10,70 110,70"/><polygon id="tri" points="0,0 5,0 5,5"/></g>
</svg>"""


@pytest.fixture
def cleaned():
    root = ElementTree.fromstring(portable_svg(CLIPPED.encode()))
    return root, {element.get("id"): element for element in root.iter() if element.get("id")}


def test_no_clip_path_and_no_polyline_is_left(cleaned):
    root, _ = cleaned
    assert not any("clip-path" in element.attrib for element in root.iter())
    assert not list(root.iter(S + "clipPath")) and not list(root.iter(S + "polyline"))
    assert not list(root.iter(S + "polygon"))


def test_a_stroked_line_is_cut_where_it_crosses_the_frame(cleaned):
    _, ids = cleaned
    # (0,30)→(60,30) enters at x = 10; (60,30)→(60,90) leaves at y = 70
    assert ids["line"].tag == S + "path" and ids["line"].get("d") == "M10,30 L60,30 L60,70"
    assert ids["far"].get("d") == ""  # wholly outside


def test_a_filled_shape_is_cut_to_its_part_inside(cleaned):
    _, ids = cleaned
    d = ids["square"].get("d")
    corners = [tuple(map(float, pair.split(","))) for pair in d.strip("MZ ").replace("L", "").split()]
    start = corners.index((100.0, 60.0))  # the same ring, whichever corner it starts from
    assert corners[start:] + corners[:start] == [(100, 60), (110, 60), (110, 70), (100, 70)] and d.endswith("Z")


def test_curved_marks_outside_are_dropped_and_those_inside_kept_whole(cleaned):
    _, ids = cleaned
    assert ids["marks"].get("d") == "M50,50 C51,50 52,51 52,52 Z"


def test_images_and_texts_wholly_outside_go_through_their_transforms(cleaned):
    _, ids = cleaned
    # matrix(2,0,0,-1,10,70): local x 0…50, y 0…50 is the frame; an image at local x 60 is outside
    assert "inside" in ids and "outside" not in ids
    assert "label" not in ids  # at (140, 40): right of the frame


def test_text_stays_readable_utf8():
    svg = f'<svg xmlns="{SVG_NS}"><text x="1" y="2">Σ 2 + 3 = 5, γ = −0.1</text></svg>'
    assert "Σ 2 + 3 = 5, γ = −0.1".encode() in portable_svg(svg.encode())


def test_outside_any_clip_polylines_become_the_same_paths(cleaned):
    _, ids = cleaned
    assert ids["axis"].get("d") == "M10,70 L110,70"
    assert ids["tri"].get("d") == "M0,0 L5,0 L5,5 Z"
