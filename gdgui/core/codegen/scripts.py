"""The formats a graph is written out in, by name (``gdgui graph --format``, File ▸ Export)."""

from __future__ import annotations

from gdgui.core.codegen.micrograd import micrograd_script
from gdgui.core.codegen.program import program_text
from gdgui.core.codegen.pytorch import pytorch_script

GRAPH_SCRIPTS = {"pytorch": pytorch_script, "micrograd": micrograd_script, "program": program_text}
