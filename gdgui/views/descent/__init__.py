"""The Descent tab's widgets: sidebar, contour map, loss plots, learning-rate explorer."""
