"""The window's command-line options and argv helpers shared with the CLI, without Qt."""
