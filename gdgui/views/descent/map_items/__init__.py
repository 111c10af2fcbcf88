"""Items of the contour map that repaint only the part of the map that changed."""
