"""Qt widgets and pyqtgraph items: windows, panels, plots, graph scene items (no maths here)."""
