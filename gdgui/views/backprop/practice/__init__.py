"""Practice mode on the Backprop tab: predict a gradient, then reveal it (issue 17)."""
