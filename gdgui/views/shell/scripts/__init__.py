"""File ▸ Export as Python: the graph as a script or a program, the Descent run as a NumPy script."""
