"""Gradient descent: the function catalog, optimizers, runs, stop reasons, learning-rate science, fields."""
