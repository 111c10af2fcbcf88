"""Reverse-mode autodiff: the op table, the formula parser, graphs, the compiled tape, rewrites, passes."""
