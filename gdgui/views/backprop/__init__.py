"""The Backprop tab's widgets: the graph scene and view, the chain-rule and learning panels."""
