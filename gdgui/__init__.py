"""gdgui: a desktop app that teaches gradient descent and backpropagation."""

__version__ = "0.1.0"

APP_NAME = "gdgui"
