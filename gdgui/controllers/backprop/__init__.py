"""The Backprop tab's state: the graph document, its undo stack, the pass walkthrough."""
