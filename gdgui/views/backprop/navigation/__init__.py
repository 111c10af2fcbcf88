"""How the graph view moves: fit, zoom, scroll, pan, and following the walkthrough."""
