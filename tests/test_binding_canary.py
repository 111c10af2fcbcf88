"""Canary for a bad PySide6 pin: 6.12.0 crashes on a line plot, 6.11.x breaks the SVG exporter."""

import xml.etree.ElementTree as ElementTree

SVG_NS = "{http://www.w3.org/2000/svg}"
DRAW_AND_EXPORT = """
import sys
import PySide6.QtWidgets  # before pyqtgraph, so pyqtgraph binds to PySide6
import pyqtgraph as pg
import pyqtgraph.exporters

app = pg.mkQApp()
widget = pg.PlotWidget()
widget.resize(400, 300)
widget.plot([0, 1, 2], [0, 1, 4])
widget.show()
assert not widget.grab().isNull()
pg.exporters.SVGExporter(widget.getPlotItem()).export(sys.argv[1])
"""


def test_pyqtgraph_draws_and_exports_svg_offscreen(run_python, tmp_path):
    svg_path = tmp_path / "curve.svg"
    result = run_python(str(svg_path), code=DRAW_AND_EXPORT)
    # A crash shows as a negative return code (a signal), an exporter failure as 1.
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
    root = ElementTree.parse(svg_path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert any(True for _ in root.iter(f"{SVG_NS}path")), "the SVG holds no path (no curve)"
