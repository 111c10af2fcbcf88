"""Learning on the Backprop tab: what a gradient step does to the loss over many steps."""
