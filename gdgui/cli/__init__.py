"""Headless sub-commands (list, graph, descend): core only, never Qt, never a controller."""

# Here, not in commands.py, so that app.py can tell a sub-command from a file name without loading it.
SUBCOMMANDS = ("list", "graph", "descend")
# 128 + SIGINT: what a shell reports for a command ended by Ctrl+C (no traceback is printed).
INTERRUPTED = 130
